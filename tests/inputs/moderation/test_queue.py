import re

import pytest
from django.urls import reverse

from inputs.states import Status
from portal.organisations.models import Membership, Partnership
from portal.organisations.services import partnership_membership_add
from tests.factories import UserFactory, log_in, member_of, theme

pytestmark = pytest.mark.django_db
QUEUE = reverse("inputs_moderation:index")


def test_moderator_sees_queue_without_drafts(mod_client, make_input):
    submitted = make_input(title="Indsendt input")
    make_input(status="draft", title="Kladde-input")
    response = mod_client.get(QUEUE)
    assert response.status_code == 200
    titles = [i.title for i in response.context["page_obj"]]
    assert titles == [submitted.title]


def test_anonymous_is_sent_to_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_organisation_member_cannot_reach_queue(client, organisation, make_input):
    make_input()
    admin = member_of(organisation, Membership.Role.ADMIN)
    log_in(client, admin)
    response = client.get(QUEUE)
    # No admin access: Wagtail sends them away.
    assert response.status_code in (302, 403)
    assert b"Moderation af input" not in response.content


def test_partnership_member_cannot_reach_queue(client):
    user = UserFactory()
    partnership_membership_add(
        user=user, partnership=Partnership.objects.get(slug="udsatte-voksne")
    )
    log_in(client, user)
    assert client.get(QUEUE).status_code in (302, 403)


def test_site_admin_without_moderator_role_is_refused(client):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role

    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.SITE_ADMIN))
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    log_in(client, user)
    # Wagtail turns PermissionDenied into a redirect to the admin home.
    for url in (QUEUE, QUEUE + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_filters_status_theme_and_search(mod_client, make_input):
    lonely = make_input(title="Ensomme ældre", themes=[theme("ensomhed")])
    review = make_input(status="in_review", title="Lektiecafé i gården")
    response = mod_client.get(QUEUE, {"status": Status.IN_REVIEW})
    assert list(response.context["page_obj"]) == [review]
    response = mod_client.get(QUEUE, {"theme": theme("ensomhed").pk})
    assert list(response.context["page_obj"]) == [lonely]
    response = mod_client.get(QUEUE, {"q": "lektie"})
    assert list(response.context["page_obj"]) == [review]
    response = mod_client.get(QUEUE, {"q": lonely.reference})
    assert list(response.context["page_obj"]) == [lonely]


def test_sorting_by_title(mod_client, make_input):
    make_input(title="Bbb")
    make_input(title="Aaa")
    response = mod_client.get(QUEUE, {"ordering": "title"})
    assert [i.title for i in response.context["page_obj"]] == ["Aaa", "Bbb"]
    response = mod_client.get(QUEUE, {"ordering": "-title"})
    assert [i.title for i in response.context["page_obj"]] == ["Bbb", "Aaa"]


def test_queue_query_count_is_constant(
    mod_client, make_input, django_assert_max_num_queries
):
    for n in range(3):
        make_input(title=f"Input {n}", themes=[theme("ensomhed")])
    with django_assert_max_num_queries(40) as few:
        mod_client.get(QUEUE)
    for n in range(12):
        make_input(title=f"Flere {n}", themes=[theme("ensomhed"), theme("misbrug")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = mod_client.get(QUEUE)
    assert len(response.context["page_obj"]) == 15


def test_date_range_and_personal_data_filters(mod_client, make_input):
    from datetime import timedelta

    from django.utils import timezone

    from inputs.models import Input

    recent = make_input(title="Nyt", personal_data_flagged=True)
    old = make_input(title="Gammelt")
    Input.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    response = mod_client.get(QUEUE, {"submitted_from": since})
    assert list(response.context["page_obj"]) == [recent]
    response = mod_client.get(QUEUE, {"personal_data_flagged": "true"})
    assert list(response.context["page_obj"]) == [recent]
    response = mod_client.get(QUEUE, {"personal_data_flagged": "false"})
    assert list(response.context["page_obj"]) == [old]


def test_every_filter_field_has_a_label(mod_client):
    html = mod_client.get(QUEUE).content.decode()
    form = html.split('id="filters-drilldown"')[1].split("</form>")[0]
    fields = [
        f
        for f in re.findall(r"<(?:input|select|textarea)[^>]*>", form)
        if 'type="submit"' not in f
    ]
    ids = [re.search(r'\sid="([^"]+)"', f).group(1) for f in fields]
    labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', form)) | {
        re.search(r'\sid="([^"]+)"', f).group(1) for f in fields if "aria-label=" in f
    }
    assert "id_submitted_0" in ids and "id_submitted_1" in ids
    assert 'aria-label="Indsendt til"' in form
    assert [i for i in ids if i not in labelled] == []
