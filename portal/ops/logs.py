"""Logs and error reports: a request id on every line, JSON in production,
and no personal data in either.

What counts as personal data is inputs.personal_data's rule (CPR numbers,
e-mail addresses, phone numbers); query strings go too, since archive
searches and sign-up links carry what people typed, and so do the secrets
in our own URLs (SECRET_URL_ARGUMENTS). scrub() is the one function the log
formatter, the Sentry scrubber and gunicorn's access log
(portal.ops.access_log) call.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")

# An id the proxy in front made (nginx's $request_id) is kept when it looks
# like one; anything else is replaced, so a client cannot inject log text.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_QUERY = re.compile(r"(?<=[\w/])\?[^\s\"'<>]+")
# A URL path in a text: from a slash that starts a word to the next space,
# quote or query string.
_PATH = re.compile(r"(?<![\w.~-])/[^\s\"'<>?]*")
# URL arguments that open an account or an organisation to whoever holds
# them: allauth's e-mail confirmation and password-reset keys (uidb36 names
# the account), our invitation tokens. A URL pattern that takes such a value
# names its argument so, and every path that resolves to it is logged
# without it (tests/portal/ops/test_logs.py checks every pattern).
SECRET_URL_ARGUMENTS = frozenset({"key", "token", "uidb36", "uidb64"})


def scrub_path(path: str) -> str:
    """The URL path with its secret arguments (SECRET_URL_ARGUMENTS)
    replaced by their names: /organisation/invitation/[token]/. A path that
    resolves to none of our URLs is returned as it is."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return path
    # The arguments appear in the path in their order: take them from the
    # end, each before the one after it, so a short value ("1") cannot be
    # found in the literal part of the route.
    end = len(path)
    for name, value in reversed(match.kwargs.items()):
        text = str(value)
        start = path.rfind(text, 0, end) if text else -1
        if start < 0:
            continue
        if name in SECRET_URL_ARGUMENTS:
            path = f"{path[:start]}[{name}]{path[start + len(text) :]}"
        end = start
    return path


def scrub(text: str) -> str:
    """The text without personal data, query strings or the secrets in our
    URLs' paths."""
    from inputs.personal_data import scan_text

    if not text:
        return text
    text = _QUERY.sub("?[…]", text)
    text = _PATH.sub(lambda found: scrub_path(found.group()), text)
    for kind, found in scan_text(text):
        text = text.replace(found, f"[{kind}]")
    return text


class RequestIdMiddleware:
    """Give each request an id: in every log line it causes (RequestIdFilter)
    and in the X-Request-ID response header, for a person to quote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        value = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(value)
        request.request_id = value
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = value
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        # django.request logs a failed response after the middleware has
        # finished, with the request attached.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, request id, message
    (scrubbed) and the traceback (scrubbed) when there is one."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": scrub(record.getMessage()),
        }
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """Development's readable lines, scrubbed as well."""

    def format(self, record):
        return scrub(super().format(record))


def _scrub_value(value):
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrub_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(item) for item in value]
    return value


def scrub_event(event, hint=None):
    """Sentry's before_send: drop what identifies a person (cookies, the
    body, the query string, the user, local variables) and scrub every
    remaining text."""
    request = event.get("request") or {}
    for key in ("cookies", "data", "query_string", "env"):
        request.pop(key, None)
    headers = request.get("headers") or {}
    request["headers"] = {
        name: value
        for name, value in headers.items()
        if name.lower() not in {"cookie", "authorization", "x-forwarded-for"}
    }
    if "url" in request:
        request["url"] = request["url"].split("?", 1)[0]
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return _scrub_value(event)


NO_DATA_COLLECTION = {
    "user_info": False,
    "cookies": {"mode": "off"},
    # What send_default_pii=False left out, beside the SDK's own denylist.
    "http_headers": {
        "request": {
            "mode": "denylist",
            "terms": ["forwarded", "-ip", "remote-", "via", "-user"],
        }
    },
    "http_bodies": [],
    "url_query_params": {"mode": "off"},
    "graphql": {"document": False, "variables": False},
    "gen_ai": {"inputs": False, "outputs": False},
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
}


def init_sentry(dsn: str, **options) -> None:
    """Error reports to Sentry, without personal data."""
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        # Every category of data the SDK would collect by itself is off, and
        # scrub_event() cleans what an error's message carries. (SDK 3
        # removes send_default_pii, and its defaults collect more.)
        data_collection=NO_DATA_COLLECTION,
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=0,
        **options,
    )
