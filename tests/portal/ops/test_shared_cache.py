"""The shared cache: a rate limit holds across processes, through Redis
(REDIS_URL) and through the database cache (the fallback)."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from tests.processes import database_cache_table, django_env

# Each process counts the same action from the same address through the real
# settings (portal.settings.dev reads REDIS_URL as production does).
PROBE = """
import sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from portal.ops.ratelimit import consume

settings.ACCOUNT_RATE_LIMITS = {"probe": "%(limit)d/h/ip"}
request = RequestFactory().post("/", REMOTE_ADDR=sys.argv[1])
request.user = AnonymousUser()
print(settings.CACHES["default"]["BACKEND"], sum(consume(request, "probe") for _ in range(%(limit)d)))
"""
LIMIT = 5


def _two_processes(env) -> list[tuple[str, int]]:
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", PROBE % {"limit": LIMIT}, address],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        backend, allowed = out.split()
        results.append((backend, int(allowed)))
    return results


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {url} ({error}); start redis-server")
    return url


@pytest.mark.django_db(transaction=True)
def test_limit_holds_across_processes_through_the_database_cache():
    env = django_env()
    # As on a server without REDIS_URL: the settings pick the database cache,
    # whose table createcachetable (run by portal.ops' migration) makes.
    database_cache_table()
    results = _two_processes(env)
    assert {backend for backend, _ in results} == {
        "django.core.cache.backends.db.DatabaseCache"
    }
    # Each process alone would allow LIMIT; together they share one count.
    assert sum(allowed for _, allowed in results) == LIMIT


def test_limit_holds_across_processes_through_redis():
    results = _two_processes(django_env(REDIS_URL=_redis_url()))
    assert {backend for backend, _ in results} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert sum(allowed for _, allowed in results) == LIMIT
