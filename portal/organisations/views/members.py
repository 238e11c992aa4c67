from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.ops.ratelimit import rate_limit

from ..forms import InvitationForm, RoleForm
from ..models import Membership, Organisation
from ..permissions import can_manage_members, can_see_organisation
from ..selectors import (
    is_last_admin,
    members_of,
    open_invitations,
    organisation_for_user,
    pending_join_requests,
)
from ..services import (
    invitation_create,
    membership_change_role,
    membership_remove_checked,
)
from .invitations import sent_message


def _managed(request, organisation: Organisation | None) -> Organisation:
    """Another organisation answers 404; a plain member of this one, 403."""
    if organisation is None or not can_see_organisation(request.user, organisation):
        raise Http404
    if not can_manage_members(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
@rate_limit("invitation")
def members(request, pk):
    """The administrator's member page: members, open requests and
    invitations, and the form to invite a colleague (POST)."""
    organisation = _managed(request, organisation_for_user(user=request.user, pk=pk))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=organisation,
                invited_by=request.user,
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, sent_message(sent))
            return redirect("organisations:members", pk=organisation.pk)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "form": form,
            "members": members_of(organisation=organisation),
            "join_requests": pending_join_requests(organisation=organisation),
            "invitations": open_invitations(organisation=organisation),
            "roles": Membership.Role.choices,
        },
    )


def _after_change(request, organisation: Organisation):
    """Back to the members page, unless the administrator just removed or
    demoted themselves: that page would now answer 404 or 403."""
    if can_manage_members(request.user, organisation):
        return redirect("organisations:members", pk=organisation.pk)
    return redirect("organisations:home")


def _membership(request, pk) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=pk
    )
    _managed(request, membership.organisation)
    return membership


@login_required
@require_POST
def membership_role(request, pk):
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Vælg en gyldig rolle."))
        membership_change_role(
            membership=membership, role=form.cleaned_data["role"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(email)s er nu %(role)s.")
            % {
                "email": membership.user.email,
                "role": Membership.Role(form.cleaned_data["role"]).label.lower(),
            },
        )
    return _after_change(request, membership.organisation)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, pk):
    """Remove a member (POST), after a confirmation page that names the
    person and the organisation (GET)."""
    membership = _membership(request, pk)
    if request.method == "POST":
        try:
            membership_remove_checked(membership=membership, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(email)s er fjernet fra %(name)s.")
                % {
                    "email": membership.user.email,
                    "name": membership.organisation.name,
                },
            )
        return _after_change(request, membership.organisation)
    return render(
        request,
        "organisations/membership_remove.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "person": membership.user.get_full_name() or membership.user.email,
            "is_self": membership.user_id == request.user.pk,
            "is_last_admin": is_last_admin(membership=membership),
        },
    )
