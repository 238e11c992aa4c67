from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..models import Invitation
from ..permissions import can_open_invitation
from ..services import InvitationSent, invitation_accept


def sent_message(sent: InvitationSent) -> str:
    """What the person who invited is told: a second invitation to the
    same address is the open one, sent again."""
    if sent.resent:
        return _("Invitationen til %(email)s er sendt igen.") % {
            "email": sent.invitation.email
        }
    return _("Invitationen er sendt til %(email)s.") % {"email": sent.invitation.email}


@login_required
def invitation(request, token):
    """The link in an invitation e-mail: shows the invitation (GET) and
    accepts it (POST), for the person it was sent to."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "partnership"), token=token
    )
    if not can_open_invitation(request.user, invitation):
        return render(
            request,
            "organisations/invitation_wrong_user.html",
            {"invitation": invitation},
            status=403,
        )
    error = None
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Velkommen! Du er nu medlem af %(target)s.")
                % {"target": invitation.target},
            )
            return redirect("organisations:home")
    return render(
        request,
        "organisations/invitation.html",
        {"invitation": invitation, "error": error},
    )
