"""E-mails about getting in: join requests, invitations, registrations.

Always in Danish, whatever language the sender uses the site in: the people
who receive them work in Danish. Each e-mail is a template in
templates/organisations/emails/<name>.txt whose first line is the subject."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.accounts.roles import moderators

from .models import Invitation, JoinRequest, Membership, Organisation


def _send(template: str, context: dict, recipients) -> None:
    recipients = sorted({email for email in recipients if email})
    if not recipients:
        return
    with translation.override("da"):
        text = render_to_string(
            f"organisations/emails/{template}.txt",
            {**context, "site_url": settings.WAGTAILADMIN_BASE_URL},
        )
    subject, _, body = text.strip().partition("\n")
    # One e-mail each: an organisation's administrators and BL's moderators
    # do not see one another's addresses.
    for recipient in recipients:
        send_mail(subject.strip(), body.strip() + "\n", None, [recipient])


def _url(name: str, *args) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=args)


def moderator_emails() -> list[str]:
    return list(moderators().values_list("email", flat=True))


def admin_emails(organisation: Organisation) -> list[str]:
    return list(
        organisation.memberships.filter(
            role=Membership.Role.ADMIN, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def send_join_request_received(join_request: JoinRequest) -> None:
    organisation = join_request.organisation
    _send(
        "join_request_received",
        {
            "join_request": join_request,
            "url": _url("organisations:members", organisation.pk),
        },
        admin_emails(organisation) + moderator_emails(),
    )


def send_join_request_decided(join_request: JoinRequest) -> None:
    _send(
        "join_request_decided",
        {"join_request": join_request, "url": _url("organisations:home")},
        [join_request.user.email],
    )


def send_invitation(invitation: Invitation) -> None:
    _send(
        "invitation",
        {
            "invitation": invitation,
            "url": _url("organisations:invitation", invitation.token),
            "signup_url": _url("account_signup"),
        },
        [invitation.email],
    )


def send_organisation_registered(organisation: Organisation) -> None:
    _send(
        "organisation_registered",
        {"organisation": organisation, "url": _url("organisations:moderation")},
        moderator_emails(),
    )


def send_organisation_decided(organisation: Organisation) -> None:
    if organisation.registered_by is None:
        return
    _send(
        "organisation_decided",
        {"organisation": organisation, "url": _url("organisations:home")},
        [organisation.registered_by.email],
    )
