"""Moderators' writes to inputs: assignment, themes, redaction, visibility,
notes and links. Status changes still go through input_transition only."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.accounts.roles import moderators

from .. import personal_data
from ..models import Input, InputLink, InputRevision, InternalNote, Theme
from ..models.inputs import Consent, Visibility
from ..permissions import can_moderate
from ..states import IllegalTransition, Status
from .transitions import input_changed, input_transition


class StaleInput(Exception):
    """Someone saved the input after this form was loaded."""

    message = _(
        "En anden har gemt dette input, mens du redigerede. Dine ændringer er "
        "ikke gemt. Genindlæs siden, se den nye version, og redigér igen."
    )


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied


def visibility_allowed(*, input: Input, visibility: str) -> bool:
    """Public only with the organisation's consent (named or anonymised)."""
    if visibility == Visibility.PUBLIC:
        return input.consent in (Consent.NAMED, Consent.ANONYMISED)
    return visibility in Visibility.values


def visibility_choices(*, input: Input) -> list[tuple[str, str]]:
    """The visibilities a moderator may give the input, widest last."""
    return [
        (value, label)
        for value, label in Visibility.choices
        if visibility_allowed(input=input, visibility=value)
    ]


def visibility_default(*, input: Input) -> str:
    """What accepting offers first: as widely as the organisation consented
    to (public with consent, otherwise BL and the partnerships)."""
    return visibility_choices(input=input)[-1][0]


def _check_visibility(input: Input, visibility: str) -> None:
    if not visibility_allowed(input=input, visibility=visibility):
        raise ValidationError(
            {
                "visibility": _(
                    "Input kan kun gøres offentligt, hvis organisationen har "
                    "givet samtykke til offentliggørelse."
                )
            }
        )


# Visibility means something once an input is published; before that only
# the organisation and BL see it, and accepting sets it.
VISIBILITY_STATUSES = (Status.ACCEPTED, Status.ARCHIVED)


@transaction.atomic
def input_set_visibility(*, input: Input, visibility: str, user) -> Input:
    """The one write of an input's visibility (accepting, a later change, the
    bulk action all come here). Refuses non-moderators (PermissionDenied),
    public without consent and an input that is not published
    (ValidationError). A change is logged in Wagtail's audit log with from
    and to, and re-indexed on commit; setting the same value again is no
    change and writes nothing. Narrowing (e.g. public to partnership) takes
    effect here for every reader: the archive, the input's page, exports."""
    _require_moderator(user)
    locked = Input.objects.select_for_update().get(pk=input.pk)
    _check_visibility(locked, visibility)
    if locked.status not in VISIBILITY_STATUSES:
        raise ValidationError(
            {
                "visibility": _(
                    "Synligheden kan kun ændres for accepteret eller arkiveret input."
                )
            }
        )
    old = locked.visibility
    if old != visibility:
        Input.objects.filter(pk=locked.pk).update(
            visibility=visibility, version=F("version") + 1, updated_at=timezone.now()
        )
        log(
            instance=locked,
            action="inputs.visibility",
            user=user,
            data={"from": old, "to": visibility},
        )
        input_changed(locked)
    input.refresh_from_db()
    return input


@transaction.atomic
def input_accept(
    *, input: Input, user, visibility: str | None = None, note: str = ""
) -> Input:
    """Accepts the input and sets its visibility in one transaction: either
    both happen or neither (an illegal visibility leaves it in review).
    Without a visibility, as widely as the organisation consented to."""
    _require_moderator(user)
    visibility = visibility or visibility_default(input=input)
    _check_visibility(input, visibility)
    input_transition(input=input, action="accept", user=user, note=note)
    return input_set_visibility(input=input, visibility=visibility, user=user)


@transaction.atomic
def input_assign(*, input: Input, user, moderator) -> Input:
    """Makes `moderator` (a moderator, or None to clear) responsible. Logged."""
    _require_moderator(user)
    if moderator is not None and not moderators().filter(pk=moderator.pk).exists():
        raise ValidationError(
            {"assigned_to": _("Kun BL-moderatorer kan få tildelt input.")}
        )
    Input.objects.filter(pk=input.pk).update(
        assigned_to=moderator, version=F("version") + 1, updated_at=timezone.now()
    )
    log(
        instance=input,
        action="inputs.assign",
        user=user,
        data={"to": moderator.email if moderator else ""},
    )
    input.refresh_from_db()
    return input


@transaction.atomic
def input_themes_change(*, input: Input, user, add=(), remove=()) -> Input:
    """Adds and removes themes; logs the names added and removed."""
    _require_moderator(user)
    input.themes.add(*add)
    input.themes.remove(*remove)
    log(
        instance=input,
        action="inputs.themes",
        user=user,
        data={
            "added": [t.name for t in add],
            "removed": [t.name for t in remove],
        },
    )
    input_changed(input)
    return input


@transaction.atomic
def input_redact(
    *,
    input: Input,
    user,
    version: int,
    title: str,
    challenge: str,
    solution: str,
    answers: dict,
    personal_data_confirmed: bool = False,
) -> Input:
    """Saves a moderator's edit of the text and keeps it as a revision.

    The text passes the personal-data rule like any other write: a CPR
    number is refused (ValidationError keyed by field), contact details must
    be confirmed; the input's flag then follows the redacted text.

    Optimistic locking: the UPDATE only applies while the input still has
    `version`; otherwise StaleInput is raised and nothing is written, so a
    concurrent save is never overwritten. Before the first redaction the text
    as it stood is kept as a 'submission' revision, so the original is never
    lost."""
    _require_moderator(user)
    flagged = personal_data.input_text_check(
        data={
            "title": title,
            "challenge": challenge,
            "solution": solution,
            "answers": answers,
        },
        confirmed=personal_data_confirmed,
    )
    candidate = Input(
        **{f.attname: getattr(input, f.attname) for f in Input._meta.concrete_fields}
    )
    candidate.title, candidate.challenge, candidate.solution = (
        title,
        challenge,
        solution,
    )
    candidate.answers = answers
    candidate.full_clean(exclude=["reference"], validate_unique=False)
    if not input.revisions.exists():
        InputRevision.objects.create(
            input=input,
            reason=InputRevision.Reason.SUBMISSION,
            content=Input.objects.get(pk=input.pk).content(),
            created_by=input.author,
        )
    updated = Input.objects.filter(pk=input.pk, version=version).update(
        title=title,
        challenge=challenge,
        solution=solution,
        answers=answers,
        personal_data_flagged=flagged,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleInput(StaleInput.message)
    input.refresh_from_db()
    revision = InputRevision.objects.create(
        input=input,
        reason=InputRevision.Reason.REDACTION,
        content=input.content(),
        created_by=user,
    )
    log(
        instance=input,
        action="inputs.redact",
        user=user,
        data={"revision": revision.pk},
    )
    input_changed(input)
    return input


def internal_note_add(*, input: Input, user, text: str) -> InternalNote:
    """Adds a moderators-only note."""
    _require_moderator(user)
    note = InternalNote(input=input, author=user, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def input_link_add(*, source: Input, target: Input, kind: str, user) -> InputLink:
    """Links two inputs (duplicate-of, or solution answers challenge); an
    existing identical link is returned as it is. Logged on the source."""
    _require_moderator(user)
    if source.pk == target.pk:
        raise ValidationError(
            {"target": _("Et input kan ikke forbindes med sig selv.")}
        )
    link, created = InputLink.objects.get_or_create(
        source=source, target=target, kind=kind, defaults={"created_by": user}
    )
    if created:
        log(
            instance=source,
            action="inputs.link",
            user=user,
            data={"kind": kind, "target": target.reference or target.pk},
        )
    return link


@dataclass
class BulkResult:
    done: list[Input] = field(default_factory=list)
    refused: list[tuple[Input, str]] = field(default_factory=list)


BULK_ACTIONS = (
    "assign",
    "start_review",
    "accept",
    "reject",
    "add_theme",
    "remove_theme",
)


def inputs_bulk_action(
    *,
    inputs,
    action: str,
    user,
    note: str = "",
    moderator=None,
    theme: Theme | None = None,
    visibility: str | None = None,
) -> BulkResult:
    """Applies one action to each input, each in its own transaction through
    the same services as a single edit; accepting without a visibility
    shares each as widely as its organisation consented to. Inputs the
    action cannot apply to
    are returned in `refused` with the reason, never skipped silently."""
    _require_moderator(user)
    result = BulkResult()
    for item in inputs:
        try:
            if action == "assign":
                input_assign(input=item, user=user, moderator=moderator)
            elif action in ("add_theme", "remove_theme"):
                if theme is None:
                    raise ValidationError(_("Vælg et tema."))
                themes = (
                    {"add": [theme]} if action == "add_theme" else {"remove": [theme]}
                )
                input_themes_change(input=item, user=user, **themes)
            elif action == "accept":
                input_accept(input=item, user=user, visibility=visibility, note=note)
            elif action in ("start_review", "reject"):
                input_transition(input=item, action=action, user=user, note=note)
            else:
                raise ValidationError(_("Ukendt handling."))
        except IllegalTransition as error:
            result.refused.append(
                (
                    item,
                    _("ikke muligt fra status “%(status)s”")
                    % {"status": Status(error.status).label},
                )
            )
        except ValidationError as error:
            result.refused.append((item, " ".join(error.messages)))
        else:
            result.done.append(item)
    return result
