from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..permissions import can_approve_organisations
from ..selectors import (
    join_requests_of,
    memberships_of,
    open_invitations_for,
    organisations_registered_by,
)


@login_required
def home(request):
    """“Min organisation”: the user's organisations and what is pending."""
    user = request.user
    return render(
        request,
        "organisations/home.html",
        {
            "memberships": memberships_of(user=user),
            "join_requests": join_requests_of(user=user),
            "invitations": open_invitations_for(user=user),
            "registered": organisations_registered_by(user=user),
            "is_moderator": can_approve_organisations(user),
        },
    )
