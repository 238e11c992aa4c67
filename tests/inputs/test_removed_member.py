"""A member removed from an organisation loses its inputs with their next
request: no more e-mails about them, and no more of the organisation's
content in their personal-data export (only what is theirs)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from inputs.attachments import PDF, CheckedFile
from inputs.models import Input
from inputs.moderation.digest import moderator_digest_send
from inputs.services import input_transition
from inputs.services.submission import attachments_add
from portal.accounts.roles import Role
from portal.organisations.models import Membership
from portal.organisations.services import membership_remove
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    log_in,
    member_of,
    moderator,
)
from tests.inputs.files import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    """The tester's steps: medlem writes and sends in an input with an
    attachment, is removed; BL asks for changes; a colleague rewrites and
    resends it."""
    organisation = OrganisationFactory(name="AAB")
    admin = member_of(organisation, Membership.Role.ADMIN, email="admin@aab.demo")
    member = member_of(organisation, email="medlem@aab.demo")
    mod = moderator()
    input = InputFactory(
        organisation=organisation, author=member, title="Medlemmets titel"
    )
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(input=input, action="submit", user=member)
    attachments_add(
        input=input,
        user=member,
        files=[CheckedFile("medlemmets-bilag.pdf", PDF, ContentFile(PDF_BYTES))],
    )
    membership_remove(membership=Membership.objects.get(user=member))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(input=input, action="start_review", user=mod)
        input_transition(
            input=input, action="request_changes", user=mod, note="BL's note"
        )
    Input.objects.filter(pk=input.pk).update(
        title="Kollegaens nye titel", challenge="Kollegaens nye tekst"
    )
    input.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(input=input, action="resubmit", user=admin)
    return input, member, admin


def test_a_removed_member_gets_no_more_e_mails_about_the_input(story):
    input, member, admin = story
    recipients = {address for message in mail.outbox for address in message.to}
    assert member.email not in recipients
    assert admin.email in recipients
    assert not any("BL's note" in m.body and member.email in m.to for m in mail.outbox)


def test_the_receipt_names_only_who_may_still_see_it(client, story):
    input, member, admin = story
    log_in(client, admin)
    response = client.get(reverse("inputs:receipt", args=[input.pk]))
    assert member.email not in response.content.decode()


def test_the_moderator_digest_lists_only_what_each_moderator_may_see(story):
    """Moderators are whom the digest goes to, by group; what it lists is
    what each may see now."""
    input, member, admin = story
    Group.objects.get(name=Role.MODERATOR).permissions.remove(
        Permission.objects.get(codename="moderate_input")
    )
    Input.objects.filter(pk=input.pk).update(status="submitted")
    mail.outbox.clear()
    moderator_digest_send(day=input.submitted_at.date() + timedelta(days=1))
    assert not [m for m in mail.outbox if "Kollegaens nye titel" in m.body]


def _export(client, user) -> zipfile.ZipFile:
    log_in(client, user)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_keeps_my_authorship_but_not_the_organisations_content(
    client, story
):
    input, member, admin = story
    assert client.get(reverse("inputs:detail", args=[input.pk])).status_code == 404
    archive = _export(client, member)
    (entry,) = json.loads(archive.read("input.json"))
    assert entry["id"] == input.pk
    assert entry["organisation"] == "AAB"
    assert entry["created_at"]
    assert entry["you_may_see_it"] is False
    everything = b"".join(archive.read(n) for n in archive.namelist()).decode(
        "utf-8", errors="replace"
    )
    for foreign in (
        "Kollegaens nye",
        "changes_requested",
        "visibility",
        "admin@aab.demo",
        "Frivillige ringer",  # the input's text, even as the member wrote it
        "Medlemmets titel",  # the audit log's label of it (outside check)
        "BL's note",
    ):
        assert foreign not in everything, foreign
    # The log says what they did to it, by its reference (this factory's
    # input has none: by its id).
    log = json.loads(archive.read("log.json"))
    named = input.reference or f"#{input.pk}"
    assert named in [e["object"] for e in log if e["by_you"]]
    # Their own act of sending it in stays theirs: when, not what.
    assert [r["reason"] for r in entry["revisions"]] == ["submission"]
    assert "content" not in entry["revisions"][0]
    # The names of the files they attached are theirs; the files are the
    # organisation's.
    (attachment,) = json.loads(archive.read("bilag.json"))
    assert attachment["original_name"] == "medlemmets-bilag.pdf"
    assert attachment["file"] is None
    assert not [n for n in archive.namelist() if n.startswith("bilag/")]


def test_a_member_still_gets_everything_they_may_see(client, story):
    input, member, admin = story
    archive = _export(client, admin)
    # admin wrote nothing here, but a current member who authored an input
    # gets it whole:
    mine = InputFactory(organisation=input.organisation, author=admin, title="Min")
    archive = _export(client, admin)
    (entry,) = json.loads(archive.read("input.json"))
    assert entry["id"] == mine.pk and entry["title"] == "Min"
    assert entry["you_may_see_it"] is True
