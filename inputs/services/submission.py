"""Writing an input: create, update, submit, withdraw, attachments.

The rules on what a draft or a submission must contain live in
inputs.forms.InputForm, which the web form and the import share; these
services take its cleaned data and guarantee the rest: one transaction,
a reference number, idempotency and optimistic locking."""

import errno
from dataclasses import dataclass, replace
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from .. import personal_data
from ..attachments import CheckedFile, check_count
from ..models import Attachment, CallPage, Input
from ..permissions import (
    can_delete_draft,
    can_edit_input,
    organisations_for_new_input,
)
from ..states import Status
from .transitions import input_changed, input_transition, inputs_changed_together

# Fields the form's cleaned data may set directly on the model.
SCALAR_FIELDS = (
    "kind",
    "title",
    "challenge",
    "solution",
    "municipality",
    "estate",
    "residents_reached",
    "ongoing",
    "contact_name",
    "contact_email",
    "contact_phone",
    "consent",
    "answers",
)
M2M_FIELDS = ("partnerships", "themes", "target_groups")


class StaleInput(Exception):
    """Someone saved the input after this form was opened."""


class CallClosed(Exception):
    """The call does not take this submission now."""


class StorageFull(Exception):
    """The attachments' disk (or quota) is full: no file of the save was stored."""


# What writing a file answers when there is no room.
NO_ROOM = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Created:
    input: Input
    created: bool
    # The text was saved as a draft, but the files were not: no room for them.
    files_not_stored: bool = False


def reference_for(input: Input) -> str:
    """BL-<year>-<at least 4 digits>: unique because the pk is."""
    return f"BL-{input.created_at.year}-{input.pk:04d}"


def _apply(input: Input, data: dict) -> None:
    """Sets the fields from data, once the personal-data rule allows the
    text (raises its ValidationError) and flags contact details."""
    input.personal_data_flagged = personal_data.input_text_check(
        data=data, confirmed=data.get(personal_data.CONFIRMED, False)
    )
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(input, name, data[name])
    if input.municipality_id is None:
        input.municipality_id = input.organisation.municipality_id


def _apply_relations(input: Input, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(input, name).set(data[name])
    if "keywords" in data:
        input.keywords.set(data["keywords"], clear=True)


def check_call_window(*, call: CallPage | None, new: bool) -> None:
    """A new input needs an open call; a started draft may be submitted until
    the call closes."""
    if call is None:
        return
    if new and not call.is_open():
        raise CallClosed
    if call.has_closed():
        raise CallClosed


def input_build(
    *,
    organisation,
    author,
    call: CallPage | None,
    data: dict,
    enforce_call_window: bool = True,
) -> Input:
    """The new input input_create would save, unsaved, after every check it
    makes before writing: the author's right to write for the organisation
    (PermissionDenied), the call's window (CallClosed), the personal-data
    rule and the model's validation (ValidationError). Writes nothing, so
    the import checks a whole file with it before saving any row."""
    if (
        author is not None
        and not organisations_for_new_input(author).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied
    if enforce_call_window:
        check_call_window(call=call, new=True)
    input = Input(organisation=organisation, author=author, call=call)
    _apply(input, data)
    # No author: imported from e-mail (the model needs no blank=True for it).
    # The token's uniqueness is the database's to decide, in input_create:
    # checked here, a concurrent twice-sent form that just committed would
    # fail validation.
    input.full_clean(exclude=["reference", "author", "idempotency_token"])
    return input


@transaction.atomic
def input_create(
    *,
    organisation,
    author,
    call: CallPage | None,
    data: dict,
    token: UUID | None,
    enforce_call_window: bool = True,
) -> Created:
    """Create a draft with a reference number, in one transaction.

    A token already used returns the input it created (created=False), so a
    replayed POST never makes a second input. Refuses an organisation the
    author may not write for (PermissionDenied) and, on the web, a call that
    is not open (CallClosed)."""
    if token is not None:
        existing = Input.objects.filter(idempotency_token=token).first()
        if existing is not None:
            return Created(existing, False)
    input = input_build(
        organisation=organisation,
        author=author,
        call=call,
        data=data,
        enforce_call_window=enforce_call_window,
    )
    input.idempotency_token = token
    try:
        with transaction.atomic():
            input.save()
    except IntegrityError:
        # A concurrent request with the same token won the race.
        existing = Input.objects.filter(idempotency_token=token).first()
        if existing is None:
            raise
        return Created(existing, False)
    input.reference = reference_for(input)
    input.save(update_fields=["reference"])
    if not data.get("partnerships") and call is not None:
        data = {**data, "partnerships": list(call.partnerships.all())}
    _apply_relations(input, data)
    input_changed(input)
    return Created(input, True)


@transaction.atomic
def input_update(*, input: Input, user, data: dict, version: int) -> Input:
    """Save the organisation's changes while the input is editable.

    Refuses a user who may not edit it (PermissionDenied) and a form opened
    before someone else's save (StaleInput): the version must still match."""
    locked = Input.objects.select_for_update().get(pk=input.pk)
    if user is not None and not can_edit_input(user, locked):
        raise PermissionDenied
    if locked.version != version:
        raise StaleInput
    _apply(locked, data)
    locked.full_clean(exclude=["author"])
    locked.version += 1
    locked.save()
    _apply_relations(locked, data)
    input_changed(locked)
    return locked


def input_submit(
    *, input: Input, user, enforce_call_window: bool = True, note: str = ""
) -> Input:
    """Submit a draft, or resubmit after changes were requested, through the
    state machine (which logs it and sends the receipt e-mail). A draft may
    be submitted until its call closes."""
    if enforce_call_window:
        check_call_window(call=input.call, new=False)
    action = "resubmit" if input.status == Status.CHANGES_REQUESTED else "submit"
    if user is None:
        return input_transition(
            input=input, action=action, user=None, note=note, system=True
        )
    return input_transition(input=input, action=action, user=user, note=note)


class NotADraft(Exception):
    """Only a draft can be deleted; a sent input is withdrawn instead."""


@transaction.atomic
def input_draft_delete(*, input: Input, user) -> None:
    """Delete a draft for good, with its attachments' files. Only a member of
    its organisation may (PermissionDenied otherwise); anything past draft
    raises NotADraft. The deletion stays in the audit log (Wagtail keeps log
    entries of deleted objects), with the title and reference."""
    from .retention import attachments_delete_with_files

    locked = Input.objects.select_for_update().filter(pk=input.pk).first()
    if locked is None:
        return  # deleted already: a double submit deletes once
    if not can_delete_draft(user, locked):
        if locked.status != Status.DRAFT:
            raise NotADraft
        raise PermissionDenied
    log(
        instance=locked,
        action="inputs.delete_draft",
        user=user,
        data={"title": locked.title, "reference": locked.reference},
    )
    attachments_delete_with_files(locked.attachments.all())
    locked.delete()


def input_withdraw(*, input: Input, user) -> Input:
    """Withdraw before the review starts (the state machine refuses later)."""
    return input_transition(input=input, action="withdraw", user=user)


def file_store(*, storage, name: str, content) -> str:
    """Write the file under `name` (free already) and return the stored name.
    A write that fails half-way (a full disk) leaves no partial file behind:
    the storage itself does not remove it. No room raises StorageFull."""
    try:
        return storage.save(name, content)
    except OSError as error:
        if storage.exists(name):
            storage.delete(name)
        if error.errno in NO_ROOM:
            raise StorageFull from error
        raise


def _store(attachment: Attachment, checked: CheckedFile) -> None:
    field = attachment.file.field
    storage = attachment.file.storage
    name = storage.get_available_name(
        field.generate_filename(attachment, checked.name), max_length=field.max_length
    )
    attachment.file.name = file_store(
        storage=storage, name=name, content=checked.content
    )


@transaction.atomic
def attachments_add(
    *,
    input: Input,
    user,
    files: list[CheckedFile],
    personal_data_confirmed: bool = False,
) -> list:
    """Store checked files in the private storage. Refuses more than five in
    all; the count is checked under a row lock so two uploads cannot race.
    The file names pass the personal-data rule (a CPR number refuses them,
    contact details need confirming and flag the input)."""
    Input.objects.select_for_update().filter(pk=input.pk).first()
    names = [f.name for f in files]
    if personal_data.input_text_check(
        data={personal_data.FILE_NAMES: names}, confirmed=personal_data_confirmed
    ):
        Input.objects.filter(pk=input.pk).update(personal_data_flagged=True)
        input.personal_data_flagged = True
    check_count(existing=input.attachments.count(), names=names)
    created = []
    try:
        for checked in files:
            attachment = Attachment(
                input=input,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.content.size,
                uploaded_by=user,
            )
            _store(attachment, checked)
            created.append(attachment)
            attachment.full_clean()
            attachment.save()
    except Exception:
        # The rows roll back with the transaction; the files must go by hand.
        for attachment in created:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return created


@transaction.atomic
def attachments_remove(*, input: Input, user, ids) -> int:
    """Delete the input's attachments with these ids while it is editable;
    the files go once the transaction commits."""
    if user is not None and not can_edit_input(user, input):
        raise PermissionDenied
    doomed = list(input.attachments.filter(pk__in=ids))
    for attachment in doomed:
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda n=name, s=storage: s.delete(n))
    return len(doomed)


def _replayed_files_add(*, input: Input, user, files, confirmed: bool) -> None:
    """A new input's form sent again (same token) brings the first send's
    files. Those the input lacks (the first send had no room for them) are
    added while it may still be edited; those it has are not added twice."""
    if not files or user is None or not can_edit_input(user, input):
        return
    have = set(input.attachments.values_list("original_name", flat=True))
    missing = [f for f in files if f.name not in have]
    if missing:
        attachments_add(
            input=input, user=user, files=missing, personal_data_confirmed=confirmed
        )


def input_save(**kwargs) -> Created:
    """Everything one press of "Gem kladde" or "Indsend" does, all or nothing:
    create (idempotently) or update (with the version check), remove and add
    attachments, and submit if asked. A replayed create returns the first
    input (created=False) with only the files it lacks added.

    When the disk for attachments is full, the person's text is not lost:
    the save is done again without the files and without submitting, as a
    draft, and the result says files_not_stored (the form then asks for the
    files again)."""
    try:
        return _input_save(**kwargs)
    except StorageFull:
        # The first attempt rolled back entirely, so the same token and
        # version save the draft now.
        result = _input_save(**{**kwargs, "files": (), "submit": False})
        return replace(result, files_not_stored=True)


@transaction.atomic
@inputs_changed_together()
def _input_save(
    *,
    user,
    data: dict,
    input: Input | None = None,
    organisation=None,
    call: CallPage | None = None,
    token: UUID | None = None,
    version: int | None = None,
    files: list[CheckedFile] = (),
    remove_ids=(),
    submit: bool = False,
    enforce_call_window: bool = True,
) -> Created:
    if input is None:
        result = input_create(
            organisation=organisation,
            author=user,
            call=call,
            data=data,
            token=token,
            enforce_call_window=enforce_call_window,
        )
        if not result.created:
            _replayed_files_add(
                input=result.input,
                user=user,
                files=files,
                confirmed=data.get(personal_data.CONFIRMED, False),
            )
            return result
        input = result.input
    else:
        input = input_update(input=input, user=user, data=data, version=version)
        result = Created(input, False)
    if remove_ids:
        attachments_remove(input=input, user=user, ids=remove_ids)
    if submit and input.status in (Status.DRAFT, Status.CHANGES_REQUESTED):
        input = input_submit(
            input=input, user=user, enforce_call_window=enforce_call_window
        )
    # Files last: nothing after them can fail and leave them orphaned.
    if files:
        attachments_add(
            input=input,
            user=user,
            files=list(files),
            personal_data_confirmed=data.get(personal_data.CONFIRMED, False),
        )
    return Created(input, result.created)
