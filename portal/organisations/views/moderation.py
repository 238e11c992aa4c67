from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.ops.ratelimit import rate_limit

from .. import services
from ..forms import DecisionForm, PartnershipInvitationForm
from ..models import Organisation
from ..permissions import can_approve_organisations, can_invite_partnership_members
from ..selectors import open_invitations, pending_join_requests, pending_organisations
from .invitations import sent_message


@login_required
def moderation(request):
    """BL's queue: organisations waiting for approval and open join requests."""
    if not can_approve_organisations(request.user):
        raise PermissionDenied
    return render(
        request,
        "organisations/moderation.html",
        {
            "organisations": pending_organisations(),
            "join_requests": pending_join_requests(),
        },
    )


@login_required
@require_POST
def organisation_decide(request, pk):
    if not can_approve_organisations(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        organisation = services.organisation_decide(
            organisation=organisation, approve=form.approve, user=request.user
        )
        messages.success(
            request,
            (
                _("%(name)s er godkendt.")
                if organisation.status == Organisation.Status.APPROVED
                else _("%(name)s er afvist.")
            )
            % {"name": organisation.name},
        )
    return redirect("organisations:moderation")


@login_required
@rate_limit("invitation")
def partnership_invite(request):
    """BL moderators invite partnership members by e-mail."""
    if not can_invite_partnership_members(request.user):
        raise PermissionDenied
    form = PartnershipInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invitation_create(
                email=form.cleaned_data["email"],
                partnership=form.cleaned_data["partnership"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, sent_message(sent))
            return redirect("organisations:partnership_invite")
    return render(
        request,
        "organisations/partnership_invite.html",
        {
            "form": form,
            "invitations": open_invitations().filter(partnership__isnull=False),
        },
    )
