"""gunicorn, configured from the environment (see .env.example).
`gunicorn -c gunicorn.conf.py portal.wsgi` — the Procfile's web process."""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two cores: a few processes, each with threads for requests that wait on
# the database or the search index.
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Recycle workers now and then so a slow leak never grows; the jitter keeps
# them from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Access log on stdout. The path without its query string (%(U)s): archive
# searches carry what people searched for. The request id ties a line to the
# application's log lines for the same request. The logger scrubs the path
# as the application's logs are scrubbed: no e-mail address, no password
# reset key or invitation token (portal/ops/access_log.py).
accesslog = "-"
logger_class = "portal.ops.access_log.AccessLogger"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
