"""Rate limits: ONE mechanism for the whole portal.

Every limit, allauth's own (login, signup, password reset) and ours (join
requests, invitations, registrations, exports, saved searches), is a rate
string in settings.ACCOUNT_RATE_LIMITS, counted by allauth's rate limiter in
the shared cache (settings.CACHES: Redis or the database, never per
process). Views take a limit with @rate_limit("action"), or, where only a
valid form should count (a typo must not use up a try), call
limit_reached(request, "action") once the form is valid; a limited request
gets templates/429.html, which says when to try again.
"""

import math
import time
from functools import wraps

from allauth.core.internal import ratelimit as _allauth
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext

# allauth reads its rates from the "allauth.account" app settings, which
# merge ACCOUNT_RATE_LIMITS over its defaults; our actions live there too.
APP = "allauth.account"

# allauth's own views answer through handler429 without naming the action;
# the URL tells which of its actions applied.
ALLAUTH_VIEW_ACTIONS = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
}


def _applicable(request, action: str) -> str:
    """The action's rates that apply to this request, as a rate string:
    per-user rates need a logged-in user, so an anonymous request counts by
    IP only."""
    from allauth.account import app_settings

    parts = [p.strip() for p in (app_settings.RATE_LIMITS.get(action) or "").split(",")]
    pers = {"ip", "user"} if request.user.is_authenticated else {"ip"}
    return ",".join(p for p in parts if p and _allauth.parse_rate(p).per in pers)


def _rates(request, action: str) -> list[_allauth.Rate]:
    return _allauth.parse_rates(_applicable(request, action))


def seconds_until_allowed(request, action: str) -> int:
    """How long until the action is allowed again for this request (0 when
    it is). Read from the same cache entries the limiter writes."""
    now = time.time()
    wait = 0.0
    for rate in _rates(request, action):
        key = _allauth.get_cache_key(request, app=APP, action=action, rate=rate)
        recent = [ts for ts in cache.get(key, []) if ts > now - rate.duration]
        if len(recent) >= rate.amount:
            # Newest first: the amount-th newest hit must expire first.
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return math.ceil(wait)


def consume(request, action: str) -> bool:
    """Count one use of the action; False when its limit is reached (and
    then nothing is counted)."""
    rates = _applicable(request, action)
    if not rates:
        return True
    usage = _allauth.consume(
        request, app=APP, action=action, config={action: rates}, limit_get=True
    )
    return usage is not None


def rate_limit(action: str, *, methods=("POST",)):
    """Limit a view: each request with one of `methods` counts one use of
    `action`; past the limit the view does not run and the person gets 429."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (
                limited := limit_reached(request, action)
            ):
                return limited
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def limit_reached(request, action: str):
    """Count one use of `action`; the 429 response when its limit is
    reached, else None."""
    if consume(request, action):
        return None
    request.rate_limited_action = action
    return too_many_requests(request)


def signup_limit(request) -> str | None:
    """Count one account made from this address ("signup_made"); past its
    limit, the message the signup form shows beside what was typed."""
    if consume(request, "signup_made"):
        return None
    minutes = max(1, math.ceil(seconds_until_allowed(request, "signup_made") / 60))
    return ngettext(
        "Der er oprettet mange konti fra din netværksadresse på kort tid, så vi "
        "har sat en midlertidig pause. Prøv igen om %(minutes)s minut.",
        "Der er oprettet mange konti fra din netværksadresse på kort tid, så vi "
        "har sat en midlertidig pause. Prøv igen om %(minutes)s minutter.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request, exception=None):
    """The 429 page, for our limits and allauth's (portal.urls.handler429)."""
    action = getattr(request, "rate_limited_action", None)
    match = getattr(request, "resolver_match", None)
    actions = (
        (action,)
        if action
        else ALLAUTH_VIEW_ACTIONS.get(match.url_name if match else None, ())
    )
    seconds = max((seconds_until_allowed(request, a) for a in actions), default=0)
    minutes = max(1, math.ceil(seconds / 60)) if seconds else None
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
