"""Writes to organisations and memberships. Role groups follow memberships."""

from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from wagtail.log_actions import log

from portal.accounts.roles import Role

from . import notifications
from .log_actions import PARTNERSHIP_ROLE
from .models import (
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PartnershipMembership,
)
from .selectors import is_last_admin, verified_emails


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
    membership, _created = Membership.objects.update_or_create(
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
    membership, _created = PartnershipMembership.objects.get_or_create(
        user=user, partnership=partnership, defaults={"affiliation": affiliation}
    )
    user_sync_role_groups(user=user)
    return membership


def _log(*, instance, action: str, user, person: str = "", **data) -> None:
    """One entry in Wagtail's audit log (portal.organisations.log_actions), on
    the organisation or partnership the action changes, naming the person."""
    log(
        instance=instance,
        action=f"organisations.{action}",
        user=user,
        data={"person": person, **data},
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, user) -> Membership:
    """Give a member another role (logged, with `user` as the actor, when it
    changes). An organisation always keeps at least one administrator, so the
    last one cannot step down."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Vælg en gyldig rolle.")})
    if role != Membership.Role.ADMIN and is_last_admin(membership=membership):
        raise ValidationError(
            {"role": _("Organisationen skal have mindst én administrator.")}
        )
    if role != membership.role:
        _log(
            instance=membership.organisation,
            action="role_change",
            user=user,
            person=membership.user.email,
            **{"from": membership.role, "to": role},
        )
    return membership_set(
        user=membership.user, organisation=membership.organisation, role=role
    )


@transaction.atomic
def membership_remove_checked(*, membership: Membership, user) -> None:
    """Remove a member unless they are the organisation's last administrator;
    logged with `user` as the actor. The person loses access at once (the
    views check memberships per request)."""
    if is_last_admin(membership=membership):
        raise ValidationError(
            _("Den sidste administrator kan ikke fjernes. Udnævn en anden først.")
        )
    _log(
        instance=membership.organisation,
        action="member_remove",
        user=user,
        person=membership.user.email,
        role=membership.role,
    )
    membership_remove(membership=membership)


# Getting in: join requests, invitations, registrations. Each service is
# idempotent, so a double submit (or a second administrator deciding at the
# same moment) leaves exactly one record and sends one e-mail.


@transaction.atomic
def join_request_create(
    *, user, organisation: Organisation, message: str = ""
) -> JoinRequest:
    """An open request from the user to join an approved organisation. The
    organisation's administrators and BL's moderators are told by e-mail.
    Asking again while a request is open returns the open one."""
    if organisation.status != Organisation.Status.APPROVED:
        raise ValidationError(_("Organisationen er ikke godkendt endnu."))
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(
            _("Du er allerede medlem af %(name)s.") % {"name": organisation.name}
        )
    open_request = JoinRequest.objects.filter(
        user=user, organisation=organisation, status=JoinRequest.Status.PENDING
    ).first()
    if open_request:
        return open_request
    join_request = JoinRequest(user=user, organisation=organisation, message=message)
    join_request.full_clean(validate_constraints=False)
    try:
        # The partial unique constraint settles a race between two submits.
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        return JoinRequest.objects.get(
            user=user, organisation=organisation, status=JoinRequest.Status.PENDING
        )
    notifications.send_join_request_received(join_request)
    return join_request


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, approve: bool, user
) -> JoinRequest:
    """Approve (the person becomes a member) or decline an open request, and
    tell the person by e-mail. A request already decided is left as it is."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        return join_request
    join_request.status = (
        JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    )
    join_request.decided_at = timezone.now()
    join_request.decided_by = user
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    _log(
        instance=join_request.organisation,
        action="join_approve" if approve else "join_decline",
        user=user,
        person=join_request.user.email,
    )
    if approve:
        membership_set(
            user=join_request.user,
            organisation=join_request.organisation,
            role=Membership.Role.MEMBER,
        )
    notifications.send_join_request_decided(join_request)
    return join_request


@dataclass(frozen=True)
class InvitationSent:
    invitation: Invitation
    # True when an open invitation to the address was sent again, not new.
    resent: bool
    # True when this press had been received already: nothing more was sent.
    repeated: bool = False


@transaction.atomic
def invitation_create(
    *,
    email: str,
    invited_by,
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
    role: str = Membership.Role.MEMBER,
    token: UUID | None = None,
) -> InvitationSent:
    """Invite a person by e-mail to an organisation or a partnership and send
    the link (logged). Inviting an address whose invitation is still open
    sends that invitation again, with the role, sender and a fresh expiry
    of this request: one open invitation per address and target, and a
    mail each time someone asks for one (the caller rate-limits). `token`
    names the form's press: the same press sent again (a double click, a
    retry, at the same time or not) sends nothing more and answers as the
    first did."""
    email = email.strip().lower()
    if organisation is not None and (
        Membership.objects.filter(
            organisation=organisation, user__email__iexact=email
        ).exists()
    ):
        raise ValidationError(
            {"email": _("%(email)s er allerede medlem.") % {"email": email}}
        )
    if partnership is not None and (
        PartnershipMembership.objects.filter(
            partnership=partnership, user__email__iexact=email
        ).exists()
    ):
        raise ValidationError(
            {"email": _("%(email)s er allerede medlem.") % {"email": email}}
        )
    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            email=email,
            organisation=organisation,
            partnership=partnership,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if (
        invitation is not None
        and token is not None
        and (invitation.request_token == token)
    ):
        return InvitationSent(invitation=invitation, resent=False, repeated=True)
    # Asking again (a new press) always sends again: an administrator
    # resending a lost invitation must get the e-mail they are told about.
    # The view's rate limit ("invitation") bounds how often.
    resent = invitation is not None
    if invitation is None:
        invitation = Invitation(
            email=email, organisation=organisation, partnership=partnership
        )
    invitation.role = role
    invitation.invited_by = invited_by
    invitation.expires_at = Invitation._meta.get_field("expires_at").get_default()
    invitation.request_token = token
    # The constraint on the token is the database's to settle, below.
    invitation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # The same press, sent at the same time, made it first (and mailed).
        first = Invitation.objects.filter(request_token=token, email=email).first()
        if token is None or first is None:
            raise
        return InvitationSent(invitation=first, resent=False, repeated=True)
    _log(
        instance=organisation or partnership,
        action="invite",
        user=invited_by,
        person=email,
        role=role if organisation is not None else PARTNERSHIP_ROLE,
    )
    notifications.send_invitation(invitation)
    return InvitationSent(invitation=invitation, resent=resent)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Invitation:
    """The invited person, logged in with the verified address the invitation
    was sent to, becomes a member of the organisation (with the invited
    role) or of the partnership. Accepting twice changes nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.email.lower() not in verified_emails(user):
        raise ValidationError(
            _(
                "Invitationen er sendt til %(email)s. Log ind med den e-mailadresse "
                "for at tage imod den."
            )
            % {"email": invitation.email}
        )
    if invitation.accepted_at is not None:
        return invitation
    if not invitation.is_open:
        raise ValidationError(_("Invitationen er udløbet. Bed om en ny invitation."))
    if invitation.organisation_id:
        existing = Membership.objects.filter(
            user=user, organisation=invitation.organisation
        ).first()
        # An invitation never demotes someone who became administrator since.
        if existing is None or invitation.role == Membership.Role.ADMIN:
            membership_set(
                user=user, organisation=invitation.organisation, role=invitation.role
            )
    else:
        partnership_membership_add(user=user, partnership=invitation.partnership)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _log(
        instance=invitation.organisation or invitation.partnership,
        action="invitation_accept",
        user=user,
        person=user.email,
        role=invitation.role if invitation.organisation_id else PARTNERSHIP_ROLE,
    )
    return invitation


def _cvr_taken_error(organisation: Organisation) -> ValidationError:
    return ValidationError(
        {
            "cvr": _(
                "En organisation med CVR-nummer %(cvr)s er allerede registreret "
                "(%(name)s). Find den under »Find din organisation«, og bed om "
                "at blive medlem."
            )
            % {"cvr": organisation.cvr, "name": organisation.name}
        }
    )


@transaction.atomic
def organisation_register(
    *, user, name: str, cvr: str, kind: str, municipality: Municipality
) -> Organisation:
    """Register an organisation that is not yet known. It waits, pending,
    for a BL moderator; the moderators are told by e-mail. The same person
    registering the same CVR number again gets the pending organisation back."""
    compact = stdnum_cvr.compact(cvr or "")
    existing = Organisation.objects.filter(cvr=compact).first()
    if existing is not None:
        if (
            existing.registered_by_id == user.pk
            and existing.status == Organisation.Status.PENDING
        ):
            return existing
        raise _cvr_taken_error(existing)
    organisation = Organisation(
        name=name.strip(),
        cvr=compact,
        kind=kind,
        municipality=municipality,
        status=Organisation.Status.PENDING,
        registered_by=user,
    )
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        existing = Organisation.objects.get(cvr=compact)
        if existing.registered_by_id == user.pk:
            return existing
        raise _cvr_taken_error(existing) from None
    _log(instance=organisation, action="register", user=user, person=user.email)
    notifications.send_organisation_registered(organisation)
    return organisation


@transaction.atomic
def organisation_decide(
    *, organisation: Organisation, approve: bool, user
) -> Organisation:
    """A moderator approves a pending organisation (its registrant becomes its
    administrator) or declines it; the registrant is told by e-mail. An
    organisation already decided is left as it is."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != Organisation.Status.PENDING:
        return organisation
    organisation.status = (
        Organisation.Status.APPROVED if approve else Organisation.Status.DECLINED
    )
    organisation.save(update_fields=["status"])
    _log(
        instance=organisation,
        action="approve" if approve else "decline",
        user=user,
        person=organisation.registered_by.email if organisation.registered_by else "",
    )
    if approve and organisation.registered_by is not None:
        membership_set(
            user=organisation.registered_by,
            organisation=organisation,
            role=Membership.Role.ADMIN,
        )
    notifications.send_organisation_decided(organisation)
    return organisation
