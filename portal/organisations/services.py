"""Writes to organisations and memberships. Role groups follow memberships."""

from django.contrib.auth.models import Group
from django.db import transaction

from portal.accounts.roles import Role

from .models import Membership, Organisation, Partnership, PartnershipMembership


def user_sync_role_groups(*, user) -> None:
    """Keep the organisation and partnership role groups in step with the
    user's memberships, so a removed member loses the role at once."""
    memberships = Membership.objects.filter(
        user=user, organisation__status=Organisation.Status.APPROVED
    )
    wanted = {
        Role.ORGANISATION_MEMBER: memberships.exists(),
        Role.ORGANISATION_ADMIN: memberships.filter(
            role=Membership.Role.ADMIN
        ).exists(),
        Role.PARTNERSHIP_MEMBER: PartnershipMembership.objects.filter(
            user=user
        ).exists(),
    }
    for name, has_role in wanted.items():
        group = Group.objects.get(name=name)
        if has_role:
            user.groups.add(group)
        else:
            user.groups.remove(group)


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str) -> Membership:
    """Make the user a member (or administrator) of the organisation."""
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    user_sync_role_groups(user=user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    user = membership.user
    membership.delete()
    user_sync_role_groups(user=user)


@transaction.atomic
def partnership_membership_add(
    *, user, partnership: Partnership, affiliation: str = ""
) -> PartnershipMembership:
    membership, _ = PartnershipMembership.objects.get_or_create(
        user=user, partnership=partnership, defaults={"affiliation": affiliation}
    )
    user_sync_role_groups(user=user)
    return membership
