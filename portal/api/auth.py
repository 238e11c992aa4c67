"""Who calls the API: anonymous, or a personal token's holder (Wagtail's
BearerTokenAuth, which also keeps a session cookie from elevating the
request). A token never carries staff rights: those exist only in a
browser session that passed the second factor (portal/accounts)."""

import threading
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from ninja.throttling import BaseThrottle
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from portal.accounts.second_factor import mark_without_second_factor


class TokenOrAnonymous(BearerTokenAuth):
    """No Authorization header: anonymous. A bad, revoked or malformed
    token: 401, never a silent fall-back to anonymous."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            request.user = AnonymousUser()
            return request.user
        token = super().__call__(request)
        mark_without_second_factor(request.user)
        return token


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class _Rate(BaseThrottle):
    """A fixed-window counter in the shared cache: cache.incr is atomic in
    Redis, so the limit holds across processes. (Ninja's own throttles keep
    per-request state on a shared instance and rewrite a list in the cache,
    which threads and processes race on.) The rate is read from
    settings.API_RATE_LIMITS[key] on each request."""

    key = ""

    def __init__(self):
        self._local = threading.local()

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        ident = self.ident(request)
        if ident is None:
            return True
        count, unit = settings.API_RATE_LIMITS[self.key].split("/")
        period = PERIODS[unit[0]]
        now = time.time()
        window = int(now // period)
        key = f"api-rate:{self.key}:{ident}:{window}"
        cache.add(key, 0, period + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, period + 1)
            used = 1
        self._local.wait = (window + 1) * period - now
        return used <= int(count)

    def wait(self):
        return getattr(self._local, "wait", None)


class PerAddress(_Rate):
    key = "address"

    def ident(self, request):
        return self.get_ident(request)


class PerToken(_Rate):
    key = "token"

    def ident(self, request):
        return request.auth.pk if isinstance(request.auth, APIToken) else None
