"""Only an accepted input is archived, so only an accepted input is ever seen
beyond BL and its organisation: a withdrawn or rejected one cannot be
archived (and then made public) by the state machine, the service, the
moderation screen or a hand-made POST."""

import pytest
from django.urls import reverse

from inputs.models import Input
from inputs.models.inputs import Visibility
from inputs.services import input_transition
from inputs.services.moderation import input_set_visibility
from inputs.states import IllegalTransition, Status, actions_from
from search.query import SearchRequest, Viewer
from search.services import archive_search
from tests.factories import partnership_member

pytestmark = pytest.mark.django_db

NEVER_ACCEPTED = ["withdrawn", "rejected"]


def test_only_accept_leads_into_the_published_statuses():
    from inputs.selectors import PUBLISHED_STATUSES
    from inputs.states import TRANSITIONS

    into_published = {
        t.action
        for t in TRANSITIONS.values()
        if t.target in PUBLISHED_STATUSES and not t.source <= set(PUBLISHED_STATUSES)
    }
    assert into_published == {"accept"}


@pytest.mark.parametrize("status", NEVER_ACCEPTED)
def test_the_state_machine_refuses_to_archive_what_was_never_accepted(
    status, make_input, mod
):
    item = make_input(status=status, consent="named")
    assert "archive" not in {t.action for t in actions_from(status, "moderator")}
    with pytest.raises(IllegalTransition):
        input_transition(input=item, action="archive", user=mod)
    item.refresh_from_db()
    assert item.status == status


def test_an_accepted_input_is_archived_and_keeps_its_visibility(make_input, mod):
    item = make_input(status="accepted")
    input_set_visibility(input=item, visibility=Visibility.PUBLIC, user=mod)
    input_transition(input=item, action="archive", user=mod)
    assert (item.status, item.visibility) == (Status.ARCHIVED, Visibility.PUBLIC)


def _public_titles():
    request = SearchRequest(query="", viewer=Viewer())
    return [str(h.title) for h in archive_search(request=request).hits]


@pytest.mark.parametrize("status", NEVER_ACCEPTED)
def test_the_testers_steps_are_refused_and_the_input_stays_unseen(
    status, make_input, mod_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_input(status=status, title="Trukket tilbage af foreningen")
    base = f"/admin/input/{item.pk}/"
    page = mod_client.get(base).content.decode()
    assert 'value="archive"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        archived = mod_client.post(f"{base}status/", {"transition": "archive"})
        public = mod_client.post(f"{base}synlighed/", {"visibility": "public"})
    assert archived.status_code == 400
    assert "»Arkivér« er kun muligt for input med status Accepteret." in (
        archived.content.decode()
    )
    assert public.status_code == 400
    item.refresh_from_db()
    assert item.status == status
    assert item.visibility != Visibility.PUBLIC

    # Nobody outside BL and the organisation sees it: not anonymous, not a
    # member of its partnership, not the API, not the search.
    partner = partnership_member(item.partnerships.get())
    for viewer in (None, partner):
        client.logout()
        if viewer:
            client.force_login(viewer)
        assert client.get(reverse("inputs:detail", args=[item.pk])).status_code == 404
        assert client.get(f"/api/v1/inputs/{item.pk}").status_code == 404
    assert item.title not in _public_titles()


def test_an_accepted_input_offers_archiving(make_input, mod_client):
    item = make_input(status="accepted")
    page = mod_client.get(f"/admin/input/{item.pk}/").content.decode()
    assert 'value="archive"' in page


def test_the_data_migration_restores_what_an_archived_input_was(make_input, mod):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("inputs.migrations.0012_archived_only_if_accepted")
    withdrawn = make_input(status="withdrawn")
    rejected = make_input(status="rejected")
    accepted = make_input(status="accepted")
    input_transition(input=accepted, action="archive", user=mod)
    for item in (withdrawn, rejected):
        # Archived as the old state machine let a moderator do, then public.
        Input.objects.filter(pk=item.pk).update(
            status=Status.ARCHIVED, visibility=Visibility.PUBLIC
        )
        input_transition_log = {"from": item.status, "to": "archived", "note": ""}
        from wagtail.log_actions import log

        log(instance=item, action="inputs.archive", user=mod, data=input_transition_log)

    migration.unarchive_never_accepted(apps, None)

    statuses = dict(
        Input.objects.filter(
            pk__in=[withdrawn.pk, rejected.pk, accepted.pk]
        ).values_list("pk", "status")
    )
    assert statuses == {
        withdrawn.pk: Status.WITHDRAWN,
        rejected.pk: Status.REJECTED,
        accepted.pk: Status.ARCHIVED,
    }
