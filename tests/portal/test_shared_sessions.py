"""Several web nodes: a session made by one process is read by another,
through the shared cache (Redis, or the database cache) and the database
(SESSION_ENGINE cached_db)."""

import subprocess
import sys

import pytest
from django.conf import settings

from tests.portal.ops.test_shared_cache import _redis_url
from tests.processes import database_cache_table, django_env

# One "node" makes a session, another reads it: the real settings
# (portal.settings.dev reads REDIS_URL and DATABASE_URL as production does).
NODE = """
import sys
import django
django.setup()
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX, SessionStore
from django.core.cache import caches

if sys.argv[1] == "make":
    session = SessionStore()
    session["organisation"] = 42
    session.create()
    print(session.session_key)
else:
    key = sys.argv[2]
    cached = caches[settings.SESSION_CACHE_ALIAS].get(KEY_PREFIX + key)
    print(settings.CACHES["default"]["BACKEND"], cached is not None,
          SessionStore(session_key=key).get("organisation"))
"""


def _node(env, *args) -> str:
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", NODE, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def _session_crosses_processes(env) -> tuple[str, str, str]:
    key = _node(env, "make")
    assert key
    backend, cached, value = _node(env, "read", key).split()
    return backend, cached, value


@pytest.mark.django_db(transaction=True)
def test_a_session_crosses_processes_through_redis():
    env = django_env(REDIS_URL=_redis_url())
    assert _session_crosses_processes(env) == (
        "django.core.cache.backends.redis.RedisCache",
        "True",
        "42",
    )


@pytest.mark.django_db(transaction=True)
def test_a_session_crosses_processes_through_the_database():
    env = django_env()
    database_cache_table()
    assert _session_crosses_processes(env) == (
        "django.core.cache.backends.db.DatabaseCache",
        "True",
        "42",
    )
