"""Production-safe base settings. Everything secret or host-specific comes from
the environment; dev.py and test.py relax what they must."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_list, env_str
from .storage import media_storages, private_url_seconds, public_media_origin

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.accounts",
    "portal.organisations",
    "portal.api",
    "portal.backups",
    "portal.mail",
    "inputs",
    "cms",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    # Not "wagtail.sites": cms.site_admin registers its viewset instead.
    "portal.accounts.users_app.UsersAppConfig",  # wagtail.users
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",  # serves its Swagger UI from static files, not a CDN
    "django_tasks",
    "django_tasks.backends.database",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "portal.ops",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id.
    "portal.ops.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from gunicorn, compressed and cached for ever
    # under their hashed names (production.py's storage).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.AdminContentSecurityPolicyMiddleware",
    # Before anything reads request.POST (the CSRF check does).
    "portal.uploads.RepairUploadNamesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.RequireTwoFactorForStaffMiddleware",
    # A form sent after the session ended: its text back, not a redirect.
    "inputs.views.unsaved.KeepTypedTextMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A refused move of an input's status answers 409 with where it is now.
    "inputs.middleware.IllegalTransitionMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.navigation",
                "portal.organisations.context_processors.membership",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # SSD storage: random reads cost little more than sequential ones. With
    # the default (4) PostgreSQL scans the whole archive index table rather
    # than follow the GIN index to the matching rows (see search/backends).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c random_page_cost=" + env_str("PG_RANDOM_PAGE_COST", "1.1")
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A 64 MB page cache per connection (the default is 2 MB): a broad
    # archive search reads tens of thousands of index rows.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA cache_size = -65536"
    )
    # Concurrent writes wait their turn instead of failing. A transaction
    # takes the write lock when it begins (IMMEDIATE): a deferred one that
    # read first cannot wait for it, so a double submit got "database is
    # locked" at once. The timeout is how long the next writer waits.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# One backend: allauth's e-mail login, with staff permissions only after the
# second factor (portal/accounts/second_factor.py). ModelBackend beside it
# would grant them regardless.
AUTHENTICATION_BACKENDS = ["portal.accounts.backends.RoleBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Each role's own start page (portal/accounts/selectors.py).
LOGIN_REDIRECT_URL = "accounts:start"

# django-allauth: e-mail is the login; it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The person's name comes first (first and last name onto the user).
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupNameForm"
# A mismatched second password is reported even when the first is refused.
ACCOUNT_FORMS = {
    "signup": "portal.accounts.password_forms.SignupForm",
    "change_password": "portal.accounts.password_forms.ChangePasswordForm",
    "set_password": "portal.accounts.password_forms.SetPasswordForm",
    "reset_password_from_key": "portal.accounts.password_forms.ResetPasswordKeyForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Partnerportalen: "
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
# The confirmation link logs in only the browser that signed up (or tried to
# log in) with the password a moment ago; the login then goes on to the
# second factor for those who have one. A link opened elsewhere only confirms.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Partnerportalen"
MFA_ADAPTER = "portal.accounts.adapter.MFAAdapter"

# Login with MitID Erhverv through a broker's OpenID Connect (portal/accounts/
# oidc.py). Off, with no button, unless OIDC_ISSUER is set. The broker's CVR
# claim links the person to their approved organisation; its assurance claim
# (NSIS Substantial or High by default) counts as staff's second factor.
OIDC_PROVIDER_ID = "mitid-erhverv"
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_CVR_CLAIM = env_str("OIDC_CVR_CLAIM", "nemlogin.cvr")
OIDC_ASSURANCE_CLAIM = env_str("OIDC_ASSURANCE_CLAIM", "acr")
OIDC_ACCEPTED_ASSURANCE = env_list(
    "OIDC_ACCEPTED_ASSURANCE",
    "https://data.gov.dk/concept/core/nsis/loa/Substantial,"
    "https://data.gov.dk/concept/core/nsis/loa/High",
)
SOCIALACCOUNT_ADAPTER = "portal.accounts.oidc.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": env_str("OIDC_NAME", "MitID Erhverv"),
                "client_id": env_str("OIDC_CLIENT_ID", ""),
                "secret": env_str("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": OIDC_ISSUER,
                    "scope": env_list("OIDC_SCOPES", "openid,email,nemlogin"),
                },
            }
        ]
        if OIDC_ISSUER
        else [],
    }
}
# An address from the broker counts as verified only when it says so
# (email_verified); otherwise allauth sends the usual verification e-mail.
# Nobody is logged into, or connected to, an existing account because the
# broker names its e-mail address: that takes the account's own login and
# "Forbundne konti" (README, Login with MitID Erhverv).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False

# The Wagtail admin uses the same login, logout and password reset, and the
# account pages under /konto/ change e-mail addresses and passwords (allauth
# confirms, notifies and asks for the password; Wagtail's page does not).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_SITE_NAME = "Partnerportalen"
# Summaries are published by their approval, not by the approver's own rights.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.publish_approved"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own catalogue first; then Danish for the Wagtail strings that Wagtail's
# own Danish catalogue lacks (locale/wagtail), and sentence-case English for
# allauth's (locale/allauth); see README's translations part.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "wagtail",
    BASE_DIR / "locale" / "allauth",
]
# Our Danish date-and-time format ("kl."); English keeps Django's.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Copenhagen"
# The admin's time-zone choice: the Danish realm's zones, not every name
# the system's tzdata holds (599, among them "localtime", which browsers
# reject: the account page logged a script error).
WAGTAIL_USER_TIME_ZONES = ["Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk", "UTC"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public media (CMS images and documents).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Attachments to inputs live outside MEDIA_ROOT and are served only through a
# view that checks permission.
PRIVATE_MEDIA_ROOT = Path(
    env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))
)
# On disk, or in S3-compatible object storage when S3_BUCKET is set
# (portal/settings/storage.py; docs/deploy.md, "Beyond one machine").
STORAGES = {
    **media_storages(os.environ, private_root=PRIVATE_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# How long the signed link to an attachment in object storage works.
PRIVATE_MEDIA_URL_SECONDS = private_url_seconds(os.environ)
# Attachments on local disk behind nginx: the view checks permission, then
# hands the file to nginx with X-Accel-Redirect under this internal location
# (e.g. "/protected/"; docs/deploy.md). Unset: Django streams the file.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT", "") or None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880

# E-mail (Django 6.1's MAILERS). Everything that sends e-mail uses the
# default mailer, which only queues it (portal/mail/); a task delivers it
# through "delivery": SMTP unless EMAIL_BACKEND names another.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
MAILERS = {
    "default": {"BACKEND": "portal.mail.backends.OutboxBackend"},
    "delivery": {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": int(env_str("EMAIL_PORT", "25")),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            # A server that accepts the connection and then hangs must not
            # hold the worker for ever.
            "timeout": int(env_str("EMAIL_TIMEOUT", "30")),
        }
        if _email_backend.endswith("smtp.EmailBackend")
        else {},
    },
}
# While the mail server is away an e-mail is tried again after 1, 2, 4 …
# minutes, at most every 30 minutes, for 3 days; then it is kept, marked
# failed, for 30 days (`manage.py send_queued_mail --retry-failed`).
MAIL_RETRY_FIRST_DELAY = timedelta(
    seconds=float(env_str("MAIL_RETRY_FIRST_DELAY", "60"))
)
MAIL_RETRY_MAX_DELAY = timedelta(seconds=float(env_str("MAIL_RETRY_MAX_DELAY", "1800")))
MAIL_GIVE_UP_AFTER = timedelta(days=3)
MAIL_KEEP_FAILED = timedelta(days=30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Partnerportalen <noreply@bl.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks go through django-tasks, as Wagtail's own do. Immediate
# unless TASKS_BACKEND names another (production: the database worker).
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Archive search: the database backend unless ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "") or None
# The alias searches and writes use; rebuilds swap the index behind it.
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "partnerportalen-archive")
# Elasticsearch 8 has security and TLS on: an API key (the "encoded" value)
# and the CA certificate that signed the cluster's (http_ca.crt).
ELASTICSEARCH_API_KEY = env_str("ELASTICSEARCH_API_KEY", "") or None
ELASTICSEARCH_CA_CERTS = env_str("ELASTICSEARCH_CA_CERTS", "") or None

# The shared cache: rate limits and sessions must hold across every web
# process and the worker. Redis when REDIS_URL is set, otherwise a table in
# the database (created by portal.ops' migration), so a bare checkout needs
# no server. Sessions read the cache and fall back to the database.
REDIS_URL = env_str("REDIS_URL", "") or None
CACHE_TABLE = "portal_cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "pp"),
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
    }
}
# How long the public statistics (page, CSV, API) are kept before counting
# again (inputs/statistics.py).
PUBLIC_STATISTICS_CACHE_SECONDS = int(env_str("PUBLIC_STATISTICS_CACHE_SECONDS", "300"))
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Rate limits, all counted in that cache by one mechanism (portal/ops/
# ratelimit.py): allauth's own actions and ours, "amount/period/per" (per
# ip, user or key). A limited request gets the Danish 429 page.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    # Every signup post (allauth's, against scripts; a person does not send
    # 20 a minute), and the accounts made per address (portal/accounts/
    # password_forms.py), so typos behind one office address cost no try.
    "signup": "20/m/ip",
    "signup_made": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    # Each of these sends e-mail or costs a lot.
    "join_request": "10/h/user",
    "invitation": "30/h/user",
    "organisation_register": "5/h/user",
    "export": "30/h/user,60/h/ip",
    "saved_search_create": "20/h/user",
}
# /readyz answers 503 when the oldest task waiting for the worker, or the
# archive index's lag behind the newest changed input, is older (seconds).
READYZ_TASK_BACKLOG_MAX_AGE = int(env_str("READYZ_TASK_BACKLOG_MAX_AGE", "600"))
READYZ_SEARCH_INDEX_MAX_LAG = int(env_str("READYZ_SEARCH_INDEX_MAX_LAG", "900"))
# Behind a reverse proxy the client's address is the last hop it adds to
# X-Forwarded-For; 0 (no proxy) uses the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (Django's own middleware). Our pages load scripts,
# styles and images from this site only, and have no inline script or style;
# a script that must be inline takes {{ csp_nonce }}.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # Wagtail's preview frames our pages; nobody else may.
    "frame-ancestors": [CSP.SELF],
}
if OIDC_ISSUER:
    # The MitID Erhverv button's POST is answered by a redirect to the broker,
    # and browsers hold that redirect to form-action too.
    _issuer = urlsplit(OIDC_ISSUER)
    SECURE_CSP["form-action"].append(f"{_issuer.scheme}://{_issuer.netloc}")
if _media_origin := public_media_origin(os.environ):
    # CMS images come from the bucket (or its CDN).
    SECURE_CSP["img-src"].append(_media_origin)
# The Wagtail admin (under /admin/ only) writes inline scripts in its own
# templates (inline panels, date pickers, workflow) and style attributes, which
# take no nonce.
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
}
if _media_origin:
    SECURE_CSP_ADMIN["img-src"].append(_media_origin)
# No Gravatar avatars in the admin: they would send a hash of each staff
# member's e-mail address to a third party (and need it in the policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Logs: one line per record with the request id, scrubbed of personal data
# (portal/ops/logs.py); JSON in production (LOG_FORMAT=json), plain text in
# development.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.ops.logs.JsonFormatter"},
        "plain": {"()": "portal.ops.logs.PlainFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_str("LOG_FORMAT", "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # No handler of its own, so only ours (the root's) writes it:
        # Django's console handler (on while DEBUG) printed "Not Found:
        # <path>" unscrubbed.
        "django": {"level": "INFO"},
        # Task and page-log chatter hides what a person needs to read.
        **{
            name: {"level": "WARNING"}
            for name in ("django_tasks", "wagtail", "weasyprint", "fontTools")
        },
    },
}

# Error reports to Sentry when SENTRY_DSN is set, never with personal data.
if SENTRY_DSN := env_str("SENTRY_DSN", ""):
    from portal.ops.logs import init_sentry

    init_sentry(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))

# The read API (/api/v1/): requests per client address, and per token.
API_RATE_LIMITS = {
    "address": env_str("API_RATE_LIMIT_ADDRESS", "120/m"),
    "token": env_str("API_RATE_LIMIT_TOKEN", "600/m"),
}
# The API's per-address limit counts the client address the trusted proxies
# saw, as allauth's limits do; with none, X-Forwarded-For is ignored.
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
