"""Reads for the person's own start page (“Mit overblik”): what each of their
roles has waiting, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count


@dataclass(frozen=True)
class ModerationCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class StartPage:
    """Each part is empty (or None) for a person without that role."""

    organisations: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    changes_requested: list = field(default_factory=list)
    open_calls: list = field(default_factory=list)
    moderation_counts: list[ModerationCount] | None = None
    partnerships: list = field(default_factory=list)
    saved_searches: list | None = None
    # BL staff whose session has not passed the second factor: their rights
    # wait for it (portal/accounts/second_factor.py).
    second_factor_pending: bool = False


# What waits for a moderator, in the order the work goes.
MODERATION_STATUSES = ("submitted", "in_review", "changes_requested")


def start_page_for(*, user) -> StartPage:
    from inputs.permissions import can_moderate, inputs_of_user_organisations
    from inputs.selectors import inputs_visible_to, open_calls
    from inputs.states import Status
    from portal.organisations.selectors import organisations_of
    from search.selectors import saved_searches_of

    from .roles import requires_two_factor
    from .second_factor import staff_rights_allowed

    organisations = list(organisations_of(user=user).order_by("name"))
    own = inputs_of_user_organisations(user).select_related("call", "organisation")
    order = ("-updated_at", "-pk")
    drafts, changes_requested, calls = [], [], []
    if organisations:
        drafts = list(own.filter(status=Status.DRAFT).order_by(*order))
        changes_requested = list(
            own.filter(status=Status.CHANGES_REQUESTED).order_by(*order)
        )
        calls = list(open_calls())

    moderation_counts = None
    if can_moderate(user):
        counts = dict(
            inputs_visible_to(user=user)
            .filter(status__in=MODERATION_STATUSES)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        moderation_counts = [
            ModerationCount(s, str(Status(s).label), counts.get(s, 0))
            for s in MODERATION_STATUSES
        ]

    partnerships = list(
        user.partnership_memberships.select_related("partnership").order_by(
            "partnership__name"
        )
    )
    saved = None
    if partnerships or can_moderate(user):
        saved = list(saved_searches_of(user=user).order_by("name"))
    return StartPage(
        organisations=organisations,
        drafts=drafts,
        changes_requested=changes_requested,
        open_calls=calls,
        moderation_counts=moderation_counts,
        partnerships=[m.partnership for m in partnerships],
        saved_searches=saved,
        second_factor_pending=requires_two_factor(user)
        and not staff_rights_allowed(user),
    )
