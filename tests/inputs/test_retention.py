from datetime import datetime
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from inputs.attachments import PDF, CheckedFile
from inputs.models import Attachment, Input
from inputs.models.calls import add_months
from inputs.services import input_changed
from inputs.services.retention import calls_past_retention
from inputs.services.submission import attachments_add
from inputs.states import Status
from search.documents import input_key
from search.models import ArchiveDocument
from tests.factories import InputFactory, member_of
from tests.inputs.conftest import make_call
from tests.inputs.files import PDF_BYTES

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Birthe Jensen",
    "contact_email": "birthe@boligen.dk",
    "contact_phone": "12 34 56 78",
}


def input_for(call, organisation, status, **fields):
    input = InputFactory(call=call, organisation=organisation, **CONTACT, **fields)
    Input.objects.filter(pk=input.pk).update(status=status)
    input.refresh_from_db()
    return input


def attach(input, user):
    (attachment,) = attachments_add(
        input=input,
        user=user,
        files=[CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES))],
    )
    return attachment


@pytest.fixture
def world(demo_site, organisation, django_capture_on_commit_callbacks):
    """An expired call (closed 25 months ago, 24 months' retention) and a
    recent one, each with an input in every interesting state."""
    expired = make_call(demo_site, slug="gammel", opens=-800, closes=-25 * 31)
    recent = make_call(demo_site, slug="ny", opens=-60, closes=-30)
    member = member_of(organisation)
    now = timezone.now()
    made = {}
    for call in (expired, recent):
        made[call.slug] = {
            "accepted": input_for(call, organisation, Status.ACCEPTED, accepted_at=now),
            "archived": input_for(call, organisation, Status.ARCHIVED, accepted_at=now),
            "draft": input_for(call, organisation, Status.DRAFT),
            "rejected": input_for(call, organisation, Status.REJECTED),
            "withdrawn": input_for(call, organisation, Status.WITHDRAWN),
            "in_review": input_for(call, organisation, Status.IN_REVIEW),
        }
    # Archived before accepted_at existed: only the audit log knows.
    old = input_for(expired, organisation, Status.ARCHIVED)
    log(instance=old, action="inputs.accept", user=None)
    made["gammel"]["archived_long_ago"] = old
    files = {
        slug: {name: attach(input, member) for name, input in inputs.items()}
        for slug, inputs in made.items()
    }
    with django_capture_on_commit_callbacks(execute=True):
        for inputs in made.values():
            for input in inputs.values():
                input_changed(input)
    return expired, recent, made, files


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("apply_retention", *args, stdout=out, stderr=err)
    return out.getvalue()


def snapshot():
    return (
        list(Input.objects.order_by("pk").values()),
        list(Attachment.objects.order_by("pk").values()),
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    tz = timezone.get_current_timezone()
    assert add_months(datetime(2020, 6, 15, 12, tzinfo=tz), 24) == datetime(
        2022, 6, 15, 12, tzinfo=tz
    )
    assert add_months(datetime(2020, 1, 31, tzinfo=tz), 13) == datetime(
        2021, 2, 28, tzinfo=tz
    )


def test_only_calls_past_their_period_are_due(demo_site):
    expired = make_call(demo_site, slug="gammel", opens=-800, closes=-25 * 31)
    make_call(demo_site, slug="ny", opens=-60, closes=-30)
    make_call(demo_site, slug="aaben", opens=-1, closes=30)
    short = make_call(demo_site, slug="kort", opens=-90, closes=-40)
    short.retention_months = 1
    short.save()
    assert {c.slug for c in calls_past_retention()} == {expired.slug, short.slug}


def test_dry_run_changes_nothing_and_reports_the_counts(world):
    expired, *_ = world
    before = snapshot()
    output = run("--dry-run")
    assert snapshot() == before
    assert (
        f"Input om genåbningen (id {expired.pk}, udløb "
        f"{expired.retention_ends_at():%Y-%m-%d}): Prøvekørsel – ville have: "
        "3 kontaktpersoner slettet, 7 bilag slettet, 4 input slettet." in output
    )
    assert "1 indkaldelser" in output
    assert "Intet er ændret" in output


def test_erases_contacts_and_files_and_deletes_never_accepted_inputs(
    world, django_capture_on_commit_callbacks
):
    expired, recent, made, files = world
    paths = {
        slug: {name: a.file.path for name, a in by_name.items()}
        for slug, by_name in files.items()
    }
    gone = [made["gammel"][n] for n in ("draft", "rejected", "withdrawn", "in_review")]
    assert ArchiveDocument.objects.filter(key=input_key(gone[1].pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    assert "3 kontaktpersoner slettet, 7 bilag slettet, 4 input slettet." in output
    kept = Input.objects.filter(call=expired).order_by("pk")
    assert {i.pk for i in kept} == {
        made["gammel"][n].pk for n in ("accepted", "archived", "archived_long_ago")
    }
    for input in kept:
        assert (input.contact_name, input.contact_email, input.contact_phone) == (
            "",
            "",
            "",
        )
        assert input.title == "Ensomme ældre i afdelingen"  # the text stays
        assert not input.attachments.exists()
    for path in paths["gammel"].values():
        assert not _exists(path)
    for input in gone:
        assert not ArchiveDocument.objects.filter(key=input_key(input.pk)).exists()

    # The recent call is untouched.
    assert Input.objects.filter(call=recent).count() == 6
    assert set(
        Input.objects.filter(call=recent).values_list("contact_name", flat=True)
    ) == {"Birthe Jensen"}
    assert Attachment.objects.filter(input__call=recent).count() == 6
    for path in paths["ny"].values():
        assert _exists(path)


def test_a_second_run_changes_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    before = snapshot()
    entries = ModelLogEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = run()
    assert snapshot() == before
    assert ModelLogEntry.objects.count() == entries
    assert callbacks == []
    assert "0 kontaktpersoner slettet, 0 bilag slettet, 0 input slettet." in output


def test_an_erased_input_is_still_found_in_the_archive(
    world, django_capture_on_commit_callbacks
):
    _expired, _recent, made, _files = world
    accepted = made["gammel"]["accepted"]
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert ArchiveDocument.objects.filter(key=input_key(accepted.pk)).exists()


def _exists(path) -> bool:
    from pathlib import Path

    return Path(path).exists()


def test_the_privacy_page_states_the_period(demo_site):
    from cms.models import StandardPage

    page = StandardPage.objects.get(slug="privatliv")
    assert "standard 24 måneder efter, at indkaldelsen er lukket" in str(page.body)
