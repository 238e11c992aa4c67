"""Reads of inputs.

`inputs_visible_to` is THE rule for who may see which input outside the
organisation's own pages; search, summaries and exports all use it. The rest
serve the organisations' pages about their own inputs."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from portal.accounts.log_actions import USER_DELETED

from .models import CallPage, Input, InputKeyword, Keyword
from .models.inputs import Visibility
from .permissions import can_moderate, inputs_of_user_organisations
from .states import PUBLISHED_STATUSES, TRANSITIONS, Status


def inputs_visible_to(*, user) -> QuerySet[Input]:
    """Every input `user` may see.

    - Moderators: every input that has left draft.
    - Everyone: accepted (or archived) inputs marked public.
    - Partnership members: also accepted inputs marked for partnership
      members, of the partnerships they belong to.
    - Organisation members: also every input of their own organisations.
    BL-only inputs reach nobody but moderators (and their own organisation)."""
    if can_moderate(user):
        return Input.objects.exclude(status=Status.DRAFT)
    published = Q(status__in=PUBLISHED_STATUSES)
    rule = published & Q(visibility=Visibility.PUBLIC)
    if user.has_perm("inputs.view_shared_input"):
        rule |= (
            published
            & Q(visibility=Visibility.PARTNERSHIP)
            & Q(partnerships__memberships__user=user)
        )
    if user.has_perm("inputs.view_input"):
        rule |= Q(organisation__memberships__user=user)
    # The joins above can repeat a row; filtering on pk keeps it a plain,
    # further-filterable queryset without DISTINCT.
    return Input.objects.filter(pk__in=Input.objects.filter(rule).values("pk"))


def keywords_visible_to(*, user) -> QuerySet[Keyword]:
    """The keywords of the inputs `user` may see (inputs_visible_to): never
    one that only a draft, or an input hidden from them, carries."""
    tagged = InputKeyword.objects.filter(
        content_object__in=inputs_visible_to(user=user)
    )
    return Keyword.objects.filter(pk__in=tagged.values("tag"))


def inputs_curatable_by(*, user) -> QuerySet[Input]:
    """The inputs `user` may build a summary on or quote in one: accepted
    ones they may see (inputs_visible_to). Never a draft, nor one withdrawn,
    rejected or waiting for review; the summary editor and the input chooser
    offer and accept only these."""
    return inputs_visible_to(user=user).filter(status=Status.ACCEPTED)


# The moderators' decisions whose note is feedback to the organisation.
FEEDBACK_ACTIONS = ("request_changes", "accept", "reject")


@dataclass(frozen=True)
class HistoryEntry:
    action: str
    label: str
    user: str
    at: datetime
    source: str
    target: str
    note: str


def inputs_for_list(*, user):
    """The inputs of the user's organisations, with what the list shows, in a
    fixed number of queries however many there are."""
    return (
        inputs_of_user_organisations(user)
        .select_related("call", "organisation")
        .order_by("-updated_at", "-pk")
    )


def _status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def input_history(*, input: Input) -> list[HistoryEntry]:
    """Every status change from Wagtail's audit log: who, when, from, to, note.
    BL's other entries (visibility, assignment, themes, redaction, links) are
    BL's, not the organisation's history."""
    entries = (
        ModelLogEntry.objects.for_instance(input)
        .filter(action__in=[f"inputs.{action}" for action in TRANSITIONS])
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    history = []
    for entry in entries:
        action = entry.action.removeprefix("inputs.")
        transition = TRANSITIONS[action]
        data = entry.data or {}
        history.append(
            HistoryEntry(
                action=action,
                label=str(transition.done),
                user=_actor_name(entry, data),
                at=entry.timestamp,
                source=_status_label(data.get("from", "")),
                target=_status_label(data.get("to", "")),
                note=data.get("note", ""),
            )
        )
    return history


def _actor_name(entry, data: dict) -> str:
    if entry.user:
        return entry.user.get_full_name() or entry.user.email
    # No user: BL's import, or a person who has since deleted their account.
    return gettext("Slettet bruger") if data.get(USER_DELETED) else "BL"


def input_feedback(*, history: list[HistoryEntry]) -> list[HistoryEntry]:
    """The moderators' notes to the organisation, oldest first."""
    return [e for e in history if e.action in FEEDBACK_ACTIONS and e.note]


def input_changes_requested_note(*, input: Input) -> HistoryEntry | None:
    """BL's latest request for changes, which the edit form shows on top."""
    requests = [e for e in input_history(input=input) if e.action == "request_changes"]
    return requests[-1] if requests else None


def open_calls():
    """Live calls open now, soonest closing first."""
    now = timezone.now()
    return (
        CallPage.objects.live()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")
    )


def is_replayed_submit(*, input: Input, user, version: int) -> bool:
    """A stale "Indsend" that is the same form sent twice: this user's own
    submit is the last thing that happened, right after saving that version
    (the save and the transition each bump the version once)."""
    if input.status != Status.SUBMITTED or input.version != version + 2:
        return False
    last = (
        ModelLogEntry.objects.for_instance(input)
        .filter(action__startswith="inputs.")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return (
        last is not None
        and last.user_id == user.pk
        and last.action in ("inputs.submit", "inputs.resubmit")
    )
