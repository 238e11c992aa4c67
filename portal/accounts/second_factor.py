"""THE rule for staff rights: they exist only in a session that passed the
second factor.

A request's user is marked once (by RequireTwoFactorForStaffMiddleware, and
again on login) with whether this session passed it. Without it, the
permission backend grants only the plain permissions (PLAIN_PERMISSIONS in
roles.py, whichever group grants them) and the User
model drops the superuser shortcut, so every `has_perm` on every path (views,
admin, archive, exports, attachments, PDF, feeds) answers as for a plain
logged-in user.

A user object that no request marked (tasks, e-mails, management commands,
another person loaded from the database) has their staff rights only with a
second factor set up: a moderator who never set one up has never had them
on the site, and their mailbox must not receive what their login cannot
show them."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from .roles import PLAIN_PERMISSIONS, permissions_query

# The per-user permission caches Django's ModelBackend and PermissionsMixin
# fill; they must not outlive a change of the mark.
_PERMISSION_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache")


def session_passed_second_factor(request, user) -> bool:
    """Whether this session's log of authentications (kept by allauth) has a
    second factor for `user`: at login, on reauthentication, or on setting
    up TOTP."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, user)
    )


def _mark(user, passed: bool):
    user.second_factor_passed = passed
    for name in _PERMISSION_CACHES:
        if hasattr(user, name):
            delattr(user, name)


def mark_user(request, user):
    """Record on `user` whether this request's session passed the second
    factor. Returns the user, for lazy wrappers."""
    if user is not None and user.is_authenticated:
        _mark(user, session_passed_second_factor(request, user))
    return user


def mark_without_second_factor(user):
    """A request authenticated by something other than a session, such as an
    API token (one secret alone): its user gets no staff rights."""
    if user is not None and user.is_authenticated:
        _mark(user, False)
    return user


def staff_rights_allowed(user) -> bool:
    """A request's user: whether its session passed the second factor. Any
    other user: whether they have one set up (asked once per object)."""
    passed = getattr(user, "second_factor_passed", None)
    if passed is not None:
        return passed
    if not hasattr(user, "_has_second_factor"):
        user._has_second_factor = user.is_authenticated and has_totp(user)
    return user._has_second_factor


def permissions_held(user, permissions):
    """Of `permissions` (a Permission queryset), those `user` holds right
    now: without the second factor, only the plain ones."""
    if staff_rights_allowed(user):
        return permissions
    return permissions.filter(permissions_query(PLAIN_PERMISSIONS))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def on_user_logged_in(sender, request, user, **kwargs):
    """The login request goes on with the user it logged in: mark that one."""
    if request is not None:
        mark_user(request, user)


def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP means entering a valid code from it: that session has
    passed the second factor, as if it had logged in with it."""
    from allauth.account.internal.flows.login import record_authentication

    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type
        )
        mark_user(request, request.user)
