"""Reads for the organisation pages. Each returns a queryset whose query
count does not grow with the number of rows."""

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from .models import Invitation, JoinRequest, Membership, Organisation
from .permissions import sees_every_organisation


def verified_emails(user) -> set[str]:
    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def organisations_of(*, user):
    """The approved organisations the user is a member of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.approved().filter(memberships__user=user)


def memberships_of(*, user):
    """The user's memberships of approved organisations, with the organisation."""
    return (
        Membership.objects.filter(
            user=user, organisation__status=Organisation.Status.APPROVED
        )
        .select_related("organisation", "organisation__municipality")
        .order_by("organisation__name")
    )


def organisation_search(*, query: str, limit: int = 20):
    """Approved organisations whose name contains the query, or whose CVR
    number is the query (spaces and dashes allowed)."""
    query = (query or "").strip()
    if not query:
        return Organisation.objects.none()
    condition = Q(name__icontains=query)
    compact = stdnum_cvr.compact(query)
    if compact.isdigit():
        condition |= Q(cvr=compact)
    return (
        Organisation.objects.approved()
        .filter(condition)
        .select_related("municipality")
        .order_by("name")[:limit]
    )


def organisation_for_user(*, user, pk: int) -> Organisation | None:
    """The organisation, if the user may see it (member or moderator)."""
    organisations = Organisation.objects.select_related("municipality")
    if not sees_every_organisation(user):
        organisations = organisations.filter(memberships__user=user)
    return organisations.filter(pk=pk).first()


def members_of(*, organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )


def is_last_admin(*, membership: Membership) -> bool:
    """The organisation's only administrator: they can neither step down nor
    be removed."""
    return (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def pending_join_requests(*, organisation=None):
    """Open join requests: one organisation's, or (moderators) every one's."""
    requests = JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING
    ).select_related("user", "organisation")
    if organisation is not None:
        requests = requests.filter(organisation=organisation)
    return requests.order_by("created_at")


def join_requests_of(*, user):
    return JoinRequest.objects.filter(
        user=user, status=JoinRequest.Status.PENDING
    ).select_related("organisation")


def open_invitations(*, organisation=None, partnership=None):
    invitations = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    if organisation is not None:
        invitations = invitations.filter(organisation=organisation)
    if partnership is not None:
        invitations = invitations.filter(partnership=partnership)
    return invitations.select_related("organisation", "partnership")


def open_invitations_for(*, user):
    """Open invitations sent to one of the user's verified addresses."""
    return open_invitations().filter(email__in=verified_emails(user))


def pending_organisations():
    return (
        Organisation.objects.filter(status=Organisation.Status.PENDING)
        .select_related("municipality", "registered_by")
        .order_by("created_at")
    )


def organisations_registered_by(*, user):
    return Organisation.objects.filter(
        registered_by=user, status=Organisation.Status.PENDING
    )
