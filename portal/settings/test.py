"""Tests: fast hashing, local-memory e-mail and cache, immediate tasks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

from .dev import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Through the outbox to Django's test outbox (tests/conftest.py sets it again:
# Django's test setup points every mailer at locmem).
MAILERS = {
    "default": {"BACKEND": "portal.mail.backends.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory: the browser tests' live server then gives
    # each thread a connection of its own. Threads sharing Django's one
    # in-memory connection failed at random ("bad parameter or other API
    # misuse") when the browser's requests overlapped the test's queries.
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405
    # A throwaway database: no need to wait for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] += "; PRAGMA synchronous = OFF"  # noqa: F405

# The database backend, whatever the environment says: the behaviour suite's
# search_backend fixture (tests/search/conftest.py) turns Elasticsearch on
# per test, on an index of its own, when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = None
