"""Retention: what happens to a call's inputs when its period runs out.

A call (CallPage.retention_months) keeps its inputs whole until that many
months after it closes. Then, in one transaction per call:
- every input's contact person (name, e-mail, phone) is erased,
- every attachment is deleted, its file from the private storage too (once
  the transaction commits, so a rollback leaves no row without its file),
- every input that was never accepted is deleted (the post_delete hook in
  search.signals takes it out of the archive index).
Accepted inputs keep their text. Each step selects only what is still there
to do, so a second run finds nothing and changes nothing."""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ..models import Attachment, CallPage, Input
from ..states import Status
from .transitions import input_changed

logger = logging.getLogger(__name__)

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


@dataclass(frozen=True)
class RetentionResult:
    call: CallPage
    ended_at: datetime
    contacts_erased: int
    attachments_deleted: int
    inputs_deleted: int
    dry_run: bool

    @property
    def changed(self) -> bool:
        return bool(
            self.contacts_erased or self.attachments_deleted or self.inputs_deleted
        )


def calls_past_retention(*, at: datetime | None = None) -> list[CallPage]:
    """The calls whose retention period has run out, oldest closing first.
    Calls are few (a handful a year), so the months are added in Python."""
    at = at or timezone.now()
    calls = CallPage.objects.filter(closes_at__lt=at).order_by("closes_at", "pk")
    return [call for call in calls if call.retention_ends_at() <= at]


def inputs_never_accepted() -> Q:
    """Inputs that never reached the archive. An archived input was accepted
    if accepted_at is set or, archived before that field existed, if the
    audit log holds its acceptance."""
    accepted_in_log = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Input),
        action="inputs.accept",
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    return (
        ~Q(status=Status.ACCEPTED)
        & Q(accepted_at__isnull=True)
        & ~Exists(accepted_in_log)
    )


def _with_contact() -> Q:
    return ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")


def _plan(call: CallPage) -> tuple[QuerySet, QuerySet, QuerySet]:
    inputs = Input.objects.filter(call=call)
    doomed = inputs.filter(inputs_never_accepted())
    kept_with_contact = inputs.exclude(pk__in=doomed.values("pk")).filter(
        _with_contact()
    )
    attachments = Attachment.objects.filter(input__call=call)
    return doomed, kept_with_contact, attachments


def call_apply_retention(
    *, call: CallPage, dry_run: bool = False, at: datetime | None = None
) -> RetentionResult:
    """Apply the retention rules to one call whose period has run out (see
    the module docstring). With dry_run, count what would change and change
    nothing. Refuses (ValueError) a call whose period has not run out."""
    at = at or timezone.now()
    ended_at = call.retention_ends_at()
    if ended_at > at:
        raise ValueError(f"Call {call.pk}'s retention runs until {ended_at}.")
    with transaction.atomic():
        doomed, kept_with_contact, attachments = _plan(call)
        if dry_run:
            contacts, files, deleted = (
                kept_with_contact.count(),
                attachments.count(),
                doomed.count(),
            )
        else:
            kept = list(kept_with_contact.select_for_update())
            contacts = _erase_contacts(kept)
            files = attachments_delete_with_files(attachments)
            deleted = _delete_inputs(doomed)
    result = RetentionResult(call, ended_at, contacts, files, deleted, dry_run)
    logger.info(
        "Retention%s for call %s (%s): %s contact persons erased, "
        "%s attachments deleted, %s inputs deleted.",
        " (dry run)" if dry_run else "",
        call.pk,
        call.slug,
        contacts,
        files,
        deleted,
    )
    return result


def _erase_contacts(inputs: list[Input]) -> int:
    for input in inputs:
        for name in CONTACT_FIELDS:
            setattr(input, name, "")
        # A moderator's or member's open form still holds the old contact
        # person: the version bump makes its save stale instead of restoring it.
        input.version += 1
        input.save(update_fields=[*CONTACT_FIELDS, "version", "updated_at"])
        input_changed(input)
    return len(inputs)


def attachments_delete_with_files(attachments: QuerySet) -> int:
    """Delete the rows, and their files from the private storage once the
    transaction commits (a rollback keeps both)."""
    rows = list(attachments.only("pk", "file"))
    storage_names = [(a.file.storage, a.file.name) for a in rows if a.file.name]
    Attachment.objects.filter(pk__in=[a.pk for a in rows]).delete()

    def delete_files():
        for storage, name in storage_names:
            storage.delete(name)

    if storage_names:
        transaction.on_commit(delete_files)
    return len(rows)


def _delete_inputs(doomed: QuerySet) -> int:
    # The collector sends post_delete for each input (search.signals takes
    # it out of the index) and deletes revisions, notes and links with it.
    ids = list(doomed.values_list("pk", flat=True))
    Input.objects.filter(pk__in=ids).delete()
    return len(ids)


def retention_apply(
    *, calls: Iterable[CallPage], dry_run: bool = False
) -> Iterator[RetentionResult]:
    """call_apply_retention() for each call, one transaction each, so a
    failure in one call leaves the others done (a re-run finishes it)."""
    at = timezone.now()
    for call in calls:
        yield call_apply_retention(call=call, dry_run=dry_run, at=at)
