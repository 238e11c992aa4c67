"""Writes to inputs. Each function says what it guarantees."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from search.tasks import index_input_task, index_inputs_task

from .. import personal_data
from ..models import Input, InputRevision
from ..notifications import send_transition_email
from ..permissions import can_take_action
from ..states import (
    NOTE_MAX_LENGTH,
    IllegalTransition,
    Status,
    note_missing,
    steps_for,
)

# The ids input_changed() noted inside inputs_changed_together(), if open.
_changed_together: ContextVar[set[int] | None] = ContextVar(
    "inputs_changed_together", default=None
)


def input_changed(input: Input) -> None:
    """Call after every write that can change what search should find
    (status, text, visibility, deletion): re-indexes once the commit lands."""
    noted = _changed_together.get()
    if noted is not None:
        noted.add(input.pk)
        return
    input_id = input.pk
    transaction.on_commit(lambda: index_input_task.enqueue(input_id))


@contextmanager
def inputs_changed_together():
    """Re-index every input changed within it once, in one task, when the
    commit lands: one press of "Indsend" or an imported row creates the
    input and then submits it, and each write asks for it. Open it inside
    the transaction, so that a rollback drops the indexing with the writes."""
    if _changed_together.get() is not None:
        yield  # within an outer one (an import's batch): indexed with it
        return
    noted = set()
    reset = _changed_together.set(noted)
    try:
        yield
    finally:
        _changed_together.reset(reset)
    if noted:
        ids = sorted(noted)
        transaction.on_commit(lambda: index_inputs_task.enqueue(ids))


@transaction.atomic
def input_transition(
    *, input: Input, action: str, user, note: str = "", system: bool = False
) -> Input:
    """Move the input along the state machine.

    Refuses an illegal move (IllegalTransition) or a user who may not take it
    (PermissionDenied). system=True is for trusted management commands (the
    import of inputs received by e-mail): no user, no permission check, and
    the log entry has no user. Otherwise saves the new status and writes who,
    when, from, to and the note to Wagtail's audit log, all in one
    transaction. A moderator's decision taken straight from "submitted"
    passes through the review step: both moves are logged, and only the
    decision is e-mailed (one e-mail per action). A move that needs a
    reason (states.NOTE_REQUIRED) is refused without a note, and any move
    with a note longer than states.NOTE_MAX_LENGTH (ValidationError on
    "note")."""
    try:
        MaxLengthValidator(NOTE_MAX_LENGTH)(note)
    except ValidationError as error:
        raise ValidationError({"note": error.error_list}) from None
    personal_data.note_check(
        field="note", label=_("Besked til organisationen"), text=note
    )
    locked = Input.objects.select_for_update().get(pk=input.pk)
    try:
        steps = steps_for(action, locked.status)
    except IllegalTransition as error:
        raise IllegalTransition(action, locked.status, input=locked) from error
    for transition in steps:
        if not system and not can_take_action(user, locked, transition.actor):
            raise PermissionDenied
    missing = note_missing(action, note)
    if missing:
        raise ValidationError({"note": missing})
    for transition in steps:
        _apply(
            locked,
            transition,
            user=user,
            note=note if transition.action == action else "",
        )
    input_changed(locked)
    transaction.on_commit(
        lambda: send_transition_email(input=locked, transition=steps[-1], note=note)
    )
    input.refresh_from_db()
    return input


def _apply(locked: Input, transition, *, user, note: str) -> None:
    """One move: the new status (and its dates and snapshot), saved and
    logged with who, from, to and the note."""
    source = locked.status
    locked.status = transition.target
    fields = ["status", "updated_at", "version"]
    if transition.target == Status.SUBMITTED:
        locked.submitted_at = timezone.now()
        fields.append("submitted_at")
        InputRevision.objects.create(
            input=locked,
            reason=InputRevision.Reason.SUBMISSION,
            content=locked.content(),
            created_by=user,
        )
    elif transition.target == Status.ACCEPTED:
        locked.accepted_at = timezone.now()
        fields.append("accepted_at")
    locked.version += 1
    locked.save(update_fields=fields)
    log(
        instance=locked,
        action=f"inputs.{transition.action}",
        user=user,
        data={"from": source, "to": transition.target, "note": note},
    )
