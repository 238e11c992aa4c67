"""Production. Requires SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; serves
over HTTPS only. Run a database task worker beside it (`manage.py db_worker`)."""

import os

os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.database.DatabaseBackend")
os.environ.setdefault("LOG_FORMAT", "json")

from .base import *  # noqa: E402,F403
from .env import env_bool, env_str  # noqa: E402

# Hashed, compressed (gzip and Brotli when available) static files that
# whitenoise serves with far-future cache headers.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# On one machine without a web server in front, Django serves the public
# CMS images itself (portal/urls.py); set false when nginx serves MEDIA_ROOT.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes ask over plain HTTP on the machine itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview frames our own pages, so same-origin framing stays
# allowed (check W019 asks for DENY, which would break the editor preview).
SILENCED_SYSTEM_CHECKS = ["security.W019"]
