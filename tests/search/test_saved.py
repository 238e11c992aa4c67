"""Saved searches and their e-mail digests; exports."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inputs.models.inputs import Visibility
from inputs.states import Status
from portal.accounts.roles import Role
from portal.organisations.models import Partnership, PartnershipMembership
from search.digests import saved_searches_send_digests
from search.models import SavedSearch
from tests.factories import UserFactory, error_beside, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return Partnership.objects.get(slug="svaekkede-aeldre")


@pytest.fixture
def member(partnership):
    user = UserFactory()
    PartnershipMembership.objects.create(user=user, partnership=partnership)
    user.groups.add(Group.objects.get(name=Role.PARTNERSHIP_MEMBER))
    return user


def _save(client, **extra):
    data = {"q": "madklub", "name": "Madklubber", "frequency": "daily", **extra}
    return client.post(reverse("archive:saved"), data)


def test_member_saves_a_search_once(client, member):
    log_in(client, member)
    assert _save(client).status_code == 302
    assert _save(client, frequency="weekly").status_code == 302
    saved = SavedSearch.objects.get(user=member)
    assert saved.query_string == "q=madklub"
    assert saved.frequency == "weekly"


def test_missing_name_is_refused_next_to_the_field(client, member):
    log_in(client, member)
    response = _save(client, name="", theme="ensomhed", frequency="weekly")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in html
    assert 'name="q" value="madklub"' in html
    assert 'name="theme" value="ensomhed"' in html
    # The page says which search is being saved, and leads back to it.
    assert "Du gemmer søgningen efter »madklub«." in html
    assert '<a href="/arkiv/?q=madklub&amp;theme=ensomhed">Se søgningen</a>' in html
    assert 'value="weekly" id="id_frequency_1" required checked' in html
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"name": "Beboer 010190-1234"}, "name"),
        ({"q": "madklub 0101901234"}, "q"),
        ({"q": "madklub 01011990-1234"}, "q"),
        ({"name": "Beboer 𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟒"}, "name"),
        ({"q": "madklub ⁰¹⁰¹⁹⁰\u2063¹²³⁴"}, "q"),
    ],
)
def test_a_cpr_number_is_never_saved_and_refused_beside_its_field(
    client, member, extra, field
):
    log_in(client, member)
    response = _save(client, theme="ensomhed", **extra)
    html = response.content.decode()
    assert response.status_code == 400
    assert "indeholder et CPR-nummer" in error_beside(html, field)
    # The rest of the search and the form stay as typed.
    assert 'name="theme" value="ensomhed"' in html
    assert f'value="{extra.get("name", "Madklubber")}"' in html
    assert 'value="daily" id="id_frequency_0" required checked' in html
    assert not SavedSearch.objects.exists()


def test_a_cpr_number_in_a_facet_is_never_saved(client, member):
    log_in(client, member)
    response = _save(client, theme="010190-1234")
    assert response.status_code == 400
    assert "indeholder et CPR-nummer" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_searching_with_a_cpr_number_is_not_refused(client, member):
    log_in(client, member)
    response = client.get(reverse("archive:search"), {"q": "010190-1234"})
    assert response.status_code == 200
    assert not SavedSearch.objects.exists()


def test_saving_a_search_again_under_another_name_says_so(client, member):
    log_in(client, member)
    _save(client, name="Madklubber")
    response = client.post(
        reverse("archive:saved"),
        {"q": "madklub", "name": "Fællesspisning", "frequency": "daily"},
        follow=True,
    )
    html = response.content.decode()
    assert (
        "Søgningen var allerede gemt som »Madklubber«; den hedder nu »Fællesspisning«."
        in html
    )
    assert SavedSearch.objects.get(user=member).name == "Fællesspisning"
    again = _save(client, name="Fællesspisning")
    assert "Den er opdateret." in client.get(again["Location"]).content.decode()


def test_anonymous_and_plain_users_cannot_save(client):
    assert _save(client).status_code == 302  # to the login page
    log_in(client, UserFactory())
    assert _save(client).status_code == 403
    assert not SavedSearch.objects.exists()


def test_only_the_owner_deletes(client, member):
    saved = SavedSearch.objects.create(user=member, name="x", query_string="q=x")
    log_in(client, UserFactory())
    url = reverse("archive:saved_remove", args=[saved.pk])
    assert client.post(url).status_code == 404
    log_in(client, member)
    assert client.post(url).status_code == 302
    assert not SavedSearch.objects.exists()


def test_deleting_asks_first_on_a_page_that_names_the_search(client, member):
    saved = SavedSearch.objects.create(
        user=member, name="Madklubber", query_string="q=madklub"
    )
    log_in(client, member)
    url = reverse("archive:saved_remove", args=[saved.pk])
    listing = client.get(reverse("archive:saved")).text
    # The list links to the confirmation; no button there deletes at once.
    assert f'href="{url}"' in listing
    assert f'action="{url}"' not in listing
    page = client.get(url)
    assert page.status_code == 200
    assert "Vil du slette den gemte søgning »Madklubber«?" in page.text
    assert "Ja, slet søgningen" in page.text
    assert f'href="{reverse("archive:saved")}">Fortryd</a>' in page.text
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    done = client.post(url, follow=True)
    assert "Den gemte søgning »Madklubber« er slettet." in done.text
    assert not SavedSearch.objects.exists()


def test_the_confirmation_page_is_the_owners_alone(client, member):
    saved = SavedSearch.objects.create(user=member, name="x", query_string="q=x")
    log_in(client, UserFactory())
    assert (
        client.get(reverse("archive:saved_remove", args=[saved.pk])).status_code == 404
    )


def test_the_confirmation_page_in_english(client, member):
    saved = SavedSearch.objects.create(user=member, name="Vask", query_string="q=v")
    log_in(client, member)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("archive:saved_remove", args=[saved.pk])).text
    assert "Do you want to delete the saved search “Vask”?" in page
    assert "Yes, delete the search" in page


def test_digest_sends_only_new_matches_the_owner_may_see(archived, member):
    now = timezone.now()
    saved = SavedSearch.objects.create(
        user=member, name="Madklubber", query_string="q=madklub", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=now - timedelta(days=2))
    old = archived(title="Gammel madklub")
    type(old).objects.filter(pk=old.pk).update(
        submitted_at=now - timedelta(days=3), accepted_at=now - timedelta(days=3)
    )
    from search.services import archive_index_input

    archive_index_input(input_id=old.pk)
    archived(title="Ny madklub")
    archived(title="Hemmelig madklub", visibility=Visibility.BL_ONLY)

    assert saved_searches_send_digests(now=now) == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "som passer til din gemte søgning »Madklubber«:" in body
    assert "Ny madklub" in body
    assert "Gammel madklub" not in body and "Hemmelig" not in body
    assert mail.outbox[0].to == [member.email]

    # Not due again the same day; nothing new the next day means no e-mail.
    assert saved_searches_send_digests(now=now + timedelta(hours=1)) == 0
    call_command("send_saved_search_digests")
    assert len(mail.outbox) == 1


def test_digest_reports_what_was_accepted_since_even_if_submitted_before(
    archived, member
):
    from search.services import archive_index_input

    now = timezone.now()
    saved = SavedSearch.objects.create(
        user=member, name="Madklubber", query_string="q=madklub", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=now - timedelta(days=2))
    late = archived(title="Længe behandlet madklub")
    type(late).objects.filter(pk=late.pk).update(
        submitted_at=now - timedelta(days=20), accepted_at=now - timedelta(hours=1)
    )
    archive_index_input(input_id=late.pk)

    assert saved_searches_send_digests(now=now) == 1
    assert "Længe behandlet madklub" in mail.outbox[0].body


def test_weekly_digest_waits_a_week(archived, member):
    now = timezone.now()
    saved = SavedSearch.objects.create(
        user=member, name="M", query_string="q=madklub", frequency="weekly"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=now - timedelta(days=3))
    archived(title="Ny madklub")
    assert saved_searches_send_digests(now=now) == 0
    assert saved_searches_send_digests(now=now + timedelta(days=4)) == 1


def test_exports_hold_what_the_viewer_may_see(client, archived):
    archived(title="Offentlig madklub")
    archived(title="=HYPERLINK madklub")
    archived(title="Hemmelig madklub", visibility=Visibility.BL_ONLY)
    csv = client.get(reverse("archive:export_csv"), {"q": "madklub"})
    text = csv.content.decode("utf-8-sig")
    assert "Offentlig madklub" in text and "Hemmelig" not in text
    assert "'=HYPERLINK" in text
    xlsx = client.get(reverse("archive:export_xlsx"), {"q": "madklub"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    found = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert found == {"Offentlig madklub", "=HYPERLINK madklub"}


def test_save_form_shows_for_members_only(client, member):
    url = reverse("archive:search")
    assert "Gem søgningen" not in client.get(url, {"q": "mad"}).content.decode()
    log_in(client, member)
    html = client.get(url, {"q": "mad", "page": "2"}).content.decode()
    assert "Gem søgningen" in html
    assert '<input type="hidden" name="q" value="mad"' in html
    assert 'name="page"' not in html.split("Gem søgningen")[1]


def test_a_moderator_without_a_second_factor_is_mailed_as_a_member(archived, member):
    """Their saved search's digest holds what their login shows: the
    archive, not the inputs only moderators see."""
    member.groups.add(Group.objects.get(name=Role.MODERATOR))  # no TOTP
    now = timezone.now()
    saved = SavedSearch.objects.create(
        user=member, name="Madklubber", query_string="q=madklub", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=now - timedelta(days=2))
    archived(title="Ny madklub")
    archived(title="Hemmelig madklub", visibility=Visibility.BL_ONLY)
    archived(title="Indsendt madklub", status=Status.SUBMITTED)

    assert saved_searches_send_digests(now=now) == 1
    body = mail.outbox[0].body
    assert "Ny madklub" in body
    assert "Hemmelig" not in body and "Indsendt" not in body
