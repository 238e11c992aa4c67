"""When the database does not answer: a Danish "try again" page, at once.

A PostgreSQL restart (or failover) makes every request that needs the
database fail with OperationalError or InterfaceError for a few seconds.
That is not a bug in the page the person asked for, so they get a 503 with
Retry-After that says to try again shortly, not the 500 "something went
wrong". The page is rendered without a request context or the database
(either may be what failed). Nothing half-saved is left behind: every write
runs in a transaction, which the database rolls back, and a form sent again
is idempotent. Connections mend themselves: CONN_HEALTH_CHECKS replaces a
dead persistent connection at the start of the next request."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 15
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, says the database
    could not be reached or dropped the connection."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page for an unreachable database, Django's own
    500 page (templates/500.html) for anything else."""
    if database_unavailable(sys.exc_info()[1]):
        return try_again_response()
    return defaults.server_error(request, template_name)


def try_again_response() -> HttpResponse:
    html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A proxy or browser must not keep the outage page for the real one.
    response["Cache-Control"] = "no-store"
    return response
