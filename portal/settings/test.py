"""Tests: fast hashing, local-memory e-mail and cache, immediate tasks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

from django.utils.csp import CSP  # noqa: E402

from .dev import *  # noqa: E402,F403
from .storage import media_storages  # noqa: E402

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
# On disk whatever the environment says (S3_BUCKET included); the object
# storage tests (tests/portal/test_object_storage.py) switch per test.
STORAGES.update(media_storages({}, private_root=PRIVATE_MEDIA_ROOT))  # noqa: F405
SECURE_CSP["img-src"] = [CSP.SELF, "data:"]  # noqa: F405
SECURE_CSP_ADMIN["img-src"] = [CSP.SELF, "data:", "blob:"]  # noqa: F405
PRIVATE_MEDIA_ACCEL_REDIRECT = None

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
