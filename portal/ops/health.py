"""Health endpoints for the load balancer and for monitoring.

/healthz: the process answers (no database). /readyz: the database, the
shared cache, the task backlog and the archive index's lag, each in a few
constant queries. Both answer JSON with numbers and states only: no
secrets, no personal data, no error messages (those go to the log).
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

DB_TASKS_BACKEND = "django_tasks.backends.database.DatabaseBackend"


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _cache() -> dict:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": ok, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".")[-1]}


def _tasks() -> dict:
    """Age of the oldest task waiting for the database worker: a stopped or
    overloaded worker shows here before anyone misses an e-mail."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DB_TASKS_BACKEND:
        return {"ok": True, "backend": backend.rsplit(".")[-1]}
    from django_tasks.backends.database.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {
        "ok": age <= settings.READYZ_TASK_BACKLOG_MAX_AGE,
        "backend": "DatabaseBackend",
        "oldest_ready_seconds": round(age),
    }


def _search_index() -> dict:
    """Lag of the archive index: the most recently changed input that
    belongs in the index must be there with its current status."""
    if settings.ELASTICSEARCH_URL:
        # Not checked yet: this check reads the database backend's table.
        return {"ok": True, "backend": "elasticsearch", "checked": False}
    from inputs.models import Input
    from inputs.states import Status
    from search.documents import input_key
    from search.models import ArchiveDocument

    newest = (
        Input.objects.exclude(status=Status.DRAFT)
        .order_by("-updated_at")
        .values("pk", "status", "updated_at")
        .first()
    )
    if newest is None:
        return {"ok": True, "lag_seconds": 0}
    indexed = ArchiveDocument.objects.filter(
        key=input_key(newest["pk"]), status=newest["status"]
    ).exists()
    lag = 0 if indexed else (timezone.now() - newest["updated_at"]).total_seconds()
    return {
        "ok": lag <= settings.READYZ_SEARCH_INDEX_MAX_LAG,
        "lag_seconds": round(lag),
    }


CHECKS = {
    "database": _database,
    "cache": _cache,
    "tasks": _tasks,
    "search_index": _search_index,
}


@never_cache
def readyz(request):
    started = time.monotonic()
    checks = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check()
        except Exception:  # any failure means "not ready"; the log says why
            logger.exception("readyz: the %s check failed", name)
            checks[name] = {"ok": False}
    ready = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": checks,
            "duration_ms": round((time.monotonic() - started) * 1000),
        },
        status=200 if ready else 503,
    )
