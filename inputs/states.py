"""The one state machine for an input's status.

Every move is an action with a source state, a target state and who may take
it. Nothing else changes `Input.status`: services.input_transition() looks the
move up here, checks it, and logs it to Wagtail's audit log."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")
    IN_REVIEW = "in_review", _("Under behandling")
    CHANGES_REQUESTED = "changes_requested", _("Ændringer ønsket")
    ACCEPTED = "accepted", _("Accepteret")
    REJECTED = "rejected", _("Afvist")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")
    ARCHIVED = "archived", _("Arkiveret")


class Actor(models.TextChoices):
    SUBMITTER = "submitter", _("Organisationen")
    MODERATOR = "moderator", _("BL-moderator")


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str]
    target: str
    actor: str
    label: str  # the button: what to do
    done: str  # the history: what happened


S = Status
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "submit",
            frozenset({S.DRAFT}),
            S.SUBMITTED,
            Actor.SUBMITTER,
            _("Indsend"),
            _("Indsendt"),
        ),
        Transition(
            "resubmit",
            frozenset({S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            Actor.SUBMITTER,
            _("Indsend igen"),
            _("Indsendt igen"),
        ),
        # Not from a draft: BL sees what was withdrawn, and a draft was never
        # sent. It is deleted instead.
        Transition(
            "withdraw",
            frozenset({S.SUBMITTED, S.CHANGES_REQUESTED}),
            S.WITHDRAWN,
            Actor.SUBMITTER,
            _("Træk tilbage"),
            _("Trukket tilbage"),
        ),
        Transition(
            "start_review",
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            Actor.MODERATOR,
            _("Start behandling"),
            _("Behandling startet"),
        ),
        Transition(
            "request_changes",
            frozenset({S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            Actor.MODERATOR,
            _("Bed om ændringer"),
            _("Ændringer ønsket"),
        ),
        Transition(
            "accept",
            frozenset({S.IN_REVIEW}),
            S.ACCEPTED,
            Actor.MODERATOR,
            _("Acceptér"),
            _("Accepteret"),
        ),
        Transition(
            "reject",
            frozenset({S.IN_REVIEW}),
            S.REJECTED,
            Actor.MODERATOR,
            _("Afvis"),
            _("Afvist"),
        ),
        # Only from accepted: an archived input was accepted, so it may keep
        # the visibility BL gave it (PUBLISHED_STATUSES). A withdrawn or
        # rejected input stays where it is, seen by BL and its organisation.
        Transition(
            "archive",
            frozenset({S.ACCEPTED}),
            S.ARCHIVED,
            Actor.MODERATOR,
            _("Arkivér"),
            _("Arkiveret"),
        ),
    ]
}

# The statuses in which an input is seen beyond BL and its organisation
# (with the visibility BL gave it). Only "accept" leads into them from
# outside; every read of "published" (inputs_visible_to, search, API,
# summaries, visibility changes) asks this set.
PUBLISHED_STATUSES = frozenset({S.ACCEPTED, S.ARCHIVED})

# The moves the organisation must be told the reason for: the note to it is
# required, with this message when it is missing. The forms and
# input_transition() all ask note_missing().
NOTE_REQUIRED = {
    "request_changes": _("Skriv, hvad organisationen skal ændre."),
    "reject": _("Skriv, hvorfor input afvises."),
}


# The longest message to the organisation a move may carry: it goes into the
# e-mail and the audit log. As long as an internal note.
NOTE_MAX_LENGTH = 4000


def note_missing(action: str, note: str) -> str | None:
    """The message to show when `action` needs a note and `note` is blank."""
    if note.strip():
        return None
    return NOTE_REQUIRED.get(action)


# The organisation may edit its input until a moderator starts the review.
EDITABLE_BY_SUBMITTER = frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED})


class IllegalTransition(Exception):
    """The move is not possible from where the input is. `input` is set
    when the service refused it, so the answer can say where it is now
    (inputs.middleware answers it for every view)."""

    def __init__(self, action: str, status: str, *, input=None):
        self.action, self.status, self.input = action, status, input
        super().__init__(f"'{action}' is not allowed from '{status}'")


# A moderator may decide straight from "submitted": the move passes through
# this step (in review), which the service applies and logs first.
REVIEW_STEP = "start_review"


def transition_for(action: str, status: str) -> Transition:
    transition = TRANSITIONS.get(action)
    if transition is None or status not in transition.source:
        raise IllegalTransition(action, status)
    return transition


def steps_for(action: str, status: str) -> list[Transition]:
    """The moves that take an input in `status` through `action`: the move
    itself, or the review step first when the action is a moderator's
    decision that starts where the review step ends. Raises
    IllegalTransition otherwise."""
    transition = TRANSITIONS.get(action)
    step = TRANSITIONS[REVIEW_STEP]
    if (
        transition is not None
        and transition.actor == step.actor
        and status in step.source
        and step.target in transition.source
    ):
        return [step, transition]
    return [transition_for(action, status)]


def actions_from(status: str, actor: str) -> list[Transition]:
    """Every action `actor` can take from `status`, directly or through the
    review step."""
    actions = []
    for transition in TRANSITIONS.values():
        try:
            steps_for(transition.action, status)
        except IllegalTransition:
            continue
        if transition.actor == actor:
            actions.append(transition)
    return actions


def statuses_for(action: str, actor: str) -> list[str]:
    """The statuses `actor` can take `action` from, in Status order."""
    return [
        status
        for status in Status.values
        if action in {t.action for t in actions_from(status, actor)}
    ]


def refusal(action: str, actor: str) -> str:
    """Why `actor` cannot take `action` from where the input is: the
    statuses it can be taken from, or that there is no such action."""
    statuses = statuses_for(action, actor)
    if not statuses:
        return gettext("Vælg en af de handlinger, der er mulige for input.")
    names = ", ".join(str(Status(s).label) for s in statuses)
    return ngettext(
        "»%(action)s« er kun muligt for input med status %(statuses)s.",
        "»%(action)s« er kun muligt for input med en af statusserne %(statuses)s.",
        len(statuses),
    ) % {"action": TRANSITIONS[action].label, "statuses": names}


def refused_message(action: str, status: str) -> str:
    """Why `action` was not taken on an input now in `status`: already done
    (a press sent twice, a second tab, a colleague), or no longer possible
    from there. The one explanation every refused move gets."""
    transition = TRANSITIONS.get(action)
    now = Status(status).label
    if transition is not None and status == transition.target:
        return gettext(
            "Inputtet har allerede status »%(status)s«, måske fra en anden fane "
            "eller af en kollega. Der er ikke ændret mere."
        ) % {"status": now}
    why = gettext("Inputtet har nu status »%(status)s«.") % {"status": now}
    if transition is None:
        return why
    return f"{why} {refusal(action, transition.actor)}"
