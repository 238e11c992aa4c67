"""The organisation pages, one module per group of views."""

from .home import home
from .invitations import invitation
from .joining import join, join_request, join_request_decide
from .members import members, membership_remove, membership_role
from .moderation import moderation, organisation_decide, partnership_invite
from .registration import register

__all__ = [
    "home",
    "invitation",
    "join",
    "join_request",
    "join_request_decide",
    "members",
    "membership_remove",
    "membership_role",
    "moderation",
    "organisation_decide",
    "partnership_invite",
    "register",
]
