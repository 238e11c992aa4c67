from functools import wraps

from django.core.exceptions import PermissionDenied

from ..permissions import can_moderate


def moderator_required(view):
    """Only BL moderators reach the moderation views; everyone else gets 403.
    (Wagtail's admin URLs already require a login with admin access.)"""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
