"""/admin/ for people without admin rights: a clear Danish page, no loop."""

import re

import pytest
from django.urls import reverse

from portal.organisations.models import Membership
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
    moderator,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.ADMIN])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/input/"])
def test_organisation_people_get_a_danish_no_access_page(client, role, path):
    log_in(client, member_of(OrganisationFactory(), role))
    response = client.get(path, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har ikke adgang til administrationen" in page
    assert reverse("organisations:home") in page
    assert reverse("archive:search") in page
    assert '<header class="header"' in page  # the site's own layout


def test_a_person_in_no_organisation_gets_it_too(client):
    log_in(client, UserFactory())
    assert client.get("/admin/", follow=True).status_code == 403


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/"


def test_a_moderator_before_the_second_factor_ends_at_the_code(client):
    log_in(client, moderator(), second_factor=False)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))


def test_the_account_page_offers_the_danish_realms_time_zones(client):
    # Not the system's 599 tzdata names: "localtime" among them made the
    # browser's script fail on the page.
    log_in(client, moderator())
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    select = re.search(
        r'<select name="locale-current_time_zone".*?</select>', page, re.S
    )
    zones = re.findall(r'<option value="([^"]+)"', select[0])
    assert zones == ["Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk", "UTC"]


# Wagtail's own login form skipped allauth: its rate limit on wrong passwords,
# and the confirmed e-mail address a login requires (outside check, session 19).
def test_wagtails_login_address_leads_to_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_wagtails_login_form_logs_nobody_in(client):
    user = UserFactory()  # the factory's e-mail address is not confirmed
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_email_and_password_are_changed_on_the_sites_account_pages(client):
    # There allauth asks for the password again, confirms a new address and
    # tells the old one; Wagtail's account page does none of that.
    log_in(client, moderator())
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert not re.search(r'name="[a-z_]+-email"', page)
    assert 'name="password-' not in page


@pytest.mark.parametrize(("language", "yes"), [("da", "Ja"), ("en", "Yes")])
def test_a_yes_or_no_column_names_its_icon_in_words(client, language, yes):
    # Wagtail's own cell tells a screen reader "True" (outside check, session 19).
    log_in(client, moderator(is_superuser=True))
    client.cookies["django_language"] = language
    page = client.get("/admin/users/").content.decode()
    assert re.search(rf'class="w-sr-only">\s*{yes}\s*</span>', page)
    assert "True" not in page
