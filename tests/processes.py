"""Helpers for tests that run a second process or a server of their own:
a free port, and the environment that points another Django process at
the test database."""

import contextlib
import os
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """DATABASE_URL for the test database this process uses."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def django_env(**variables) -> dict[str, str]:
    """The environment of a manage.py process with the real settings
    (portal.settings.dev reads the environment as production does), on the
    test database, without this machine's Redis unless asked."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url(),
    }
    env.pop("REDIS_URL", None)
    return {**env, **variables}


def database_cache_table() -> None:
    """The database cache's table in the test database, which another process
    with the real settings and no REDIS_URL uses. portal.ops' migration makes
    it on a real install; on the test database it skipped it, the test
    settings' cache being local memory. createcachetable in this process,
    rather than in a second one: same table, without starting Django again."""
    from django.core.management import call_command
    from django.test import override_settings

    database_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": settings.CACHE_TABLE,
    }
    with override_settings(CACHES={"default": database_cache}):
        call_command("createcachetable")


def wait_until(condition, *, timeout: float = 120, what: str = "the condition"):
    """Poll condition() until it is true; fail after timeout seconds (a
    bound for a stuck process, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout} s for {what}")
        time.sleep(0.05)
    return result


@contextlib.contextmanager
def task_worker(**variables):
    """The database task worker (manage.py db_worker) as production runs
    it, on the test database; stopped (SIGTERM) when the block ends. A test
    may kill it sooner: the process is what the block yields."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval=0.05",
        ],
        env=django_env(
            TASKS_BACKEND="django_tasks.backends.database.DatabaseBackend",
            **variables,
        ),
        cwd=settings.BASE_DIR,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
