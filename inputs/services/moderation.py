"""Moderators' writes to inputs: assignment, themes and keywords, redaction, visibility,
notes and links. Status changes still go through input_transition only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from portal.accounts.roles import moderators

from .. import personal_data
from ..models import Input, InputLink, InputRevision, InternalNote
from ..models.inputs import Consent, Visibility
from ..permissions import can_moderate
from ..states import PUBLISHED_STATUSES
from .submission import StaleInput
from .transitions import input_changed, input_transition


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied


def visibility_allowed(*, input: Input, visibility: str) -> bool:
    """Public only with the organisation's consent (named or anonymised)."""
    if visibility == Visibility.PUBLIC:
        return input.consent in (Consent.NAMED, Consent.ANONYMISED)
    return visibility in Visibility.values


NO_CONSENT = gettext_lazy(
    "Input kan kun gøres offentligt, hvis organisationen har givet samtykke til "
    "offentliggørelse."
)


def visibility_choices(*, input: Input) -> list[tuple[str, str]]:
    """The visibilities a moderator may give the input, widest last."""
    return [
        (value, label)
        for value, label in Visibility.choices
        if visibility_allowed(input=input, visibility=value)
    ]


@transaction.atomic
def input_set_visibility(*, input: Input, visibility: str, user) -> Input:
    """The one write of an input's visibility. Refuses non-moderators
    (PermissionDenied), public without consent and an unpublished input
    (ValidationError): visibility means something once an input is
    published (states.PUBLISHED_STATUSES), and accepting sets it. A change is logged with from and to and re-indexed on
    commit; the same value again writes nothing."""
    _require_moderator(user)
    locked = Input.objects.select_for_update().get(pk=input.pk)
    if not visibility_allowed(input=locked, visibility=visibility):
        raise ValidationError({"visibility": NO_CONSENT})
    if locked.status not in PUBLISHED_STATUSES:
        message = _("Synligheden kan kun ændres for accepteret eller arkiveret input.")
        raise ValidationError({"visibility": message})
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
    """Accepts the input and sets its visibility (by default as widely as the
    organisation consented to): both or neither."""
    _require_moderator(user)
    visibility = visibility or visibility_choices(input=input)[-1][0]
    if not visibility_allowed(input=input, visibility=visibility):
        raise ValidationError({"visibility": NO_CONSENT})
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
        data={"added": [t.name for t in add], "removed": [t.name for t in remove]},
    )
    input_changed(input)
    return input


def _names(items) -> set[str]:
    return {str(item) for item in items}


def _change(before: set[str], after: set[str]) -> dict[str, list[str]]:
    return {"added": sorted(after - before), "removed": sorted(before - after)}


def _vocabulary_change(before, after) -> dict:
    """_change of themes or target groups, with their English names, so the
    history reads in the reader's language without looking them up."""
    change = _change(_names(before), _names(after))
    named = set(change["added"]) | set(change["removed"])
    english = {t.name: t.name_en for t in [*before, *after] if t.name in named}
    return change | {"names_en": {k: v for k, v in english.items() if v}}


@transaction.atomic
def input_tags_set(
    *, input: Input, user, themes, target_groups, keywords: list[str]
) -> Input:
    """Files the input under exactly `themes` and `target_groups` and gives it
    exactly `keywords`. Refuses non-moderators (PermissionDenied) and a CPR
    number in a keyword (ValidationError on "keywords"), writing nothing. A
    change is logged with what each list gained and lost, bumps the version
    and is re-indexed on commit; the same tags again write nothing."""
    _require_moderator(user)
    keywords = [name.strip() for name in keywords if name.strip()]
    # Contact details in a keyword are the moderator's call; a CPR number never.
    personal_data.input_text_check(data={"keywords": keywords}, confirmed=True)
    locked = Input.objects.select_for_update().get(pk=input.pk)
    changes = {
        "themes": _vocabulary_change(list(locked.themes.all()), themes),
        "target_groups": _vocabulary_change(
            list(locked.target_groups.all()), target_groups
        ),
        "keywords": _change(_names(locked.keywords.all()), set(keywords)),
    }
    if not any(change["added"] or change["removed"] for change in changes.values()):
        return input
    locked.themes.set(themes)
    locked.target_groups.set(target_groups)
    locked.keywords.set(keywords, clear=True)
    Input.objects.filter(pk=locked.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    log(instance=locked, action="inputs.tags", user=user, data=changes)
    input_changed(locked)
    input.refresh_from_db()
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
    estate: str | None = None,
    personal_data_confirmed: bool = False,
) -> Input:
    """Saves a moderator's edit of the text as a new revision (the original
    is kept as one first). The personal-data rule applies (ValidationError
    keyed by field). Writes nothing and raises StaleInput unless the input
    still has `version`. `estate` None keeps the input's."""
    _require_moderator(user)
    text = {"title": title, "challenge": challenge, "solution": solution}
    text["estate"] = input.estate if estate is None else estate
    text["answers"] = answers
    flagged = personal_data.input_text_check(
        data=text, confirmed=personal_data_confirmed
    )
    fields = {f.attname: getattr(input, f.attname) for f in Input._meta.concrete_fields}
    Input(**fields | text).full_clean(exclude=["reference"], validate_unique=False)
    if not input.revisions.exists():
        InputRevision.objects.create(
            input=input,
            reason=InputRevision.Reason.SUBMISSION,
            content=Input.objects.get(pk=input.pk).content(),
            created_by=input.author,
        )
    updated = Input.objects.filter(pk=input.pk, version=version).update(
        **text,
        personal_data_flagged=flagged,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleInput
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
    personal_data.note_check(field="text", label=_("Intern note"), text=text)
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
    if InputLink.objects.filter(source=target, target=source, kind=kind).exists():
        # Each would name the other as the original (or answer the other).
        raise ValidationError(
            {
                "target": _("%(ref)s er allerede forbundet med dette input: %(kind)s.")
                % {
                    "ref": target.reference,
                    "kind": InputLink.Kind(kind).label,
                }
            }
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
