"""gunicorn's access log and the application's log keep no secret from a
URL's path: allauth's e-mail confirmation and password-reset keys, our
invitation tokens (and, as everywhere, no e-mail address)."""

import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from portal.ops.logs import SECRET_URL_ARGUMENTS, scrub, scrub_path
from tests.processes import django_env, free_port, wait_until

SECRET_LOOKING = re.compile(r"token|key|uid|secret|code|signature|hash", re.I)


def _arguments(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        yield from ((name, route) for name in pattern.pattern.regex.groupindex)
        if hasattr(pattern, "url_patterns"):
            yield from _arguments(pattern, route)


def test_every_url_argument_that_looks_secret_is_scrubbed():
    found = dict(_arguments(get_resolver()))
    assert {"key", "token", "uidb36"} <= found.keys()
    looks_secret = {name for name in found if SECRET_LOOKING.search(name)}
    assert looks_secret <= SECRET_URL_ARGUMENTS, {
        name: found[name] for name in looks_secret - SECRET_URL_ARGUMENTS
    }


@pytest.mark.parametrize(
    ("path", "scrubbed"),
    [
        (
            reverse("account_confirm_email", args=["MQ:1vQ2ab:Xy-Z_1"]),
            "/konto/confirm-email/[key]/",
        ),
        (
            reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": "e", "key": "czk9-0123456789abcdef"},
            ),
            "/konto/password/reset/key/[uidb36]-[key]/",
        ),
        (
            reverse("organisations:invitation", args=["aB3_x-9"]),
            "/organisation/invitation/[token]/",
        ),
        # Nothing secret: left as it is.
        ("/organisation/12/medlemmer/", "/organisation/12/medlemmer/"),
        ("/arkiv/", "/arkiv/"),
        ("/ikke/en/side.py", "/ikke/en/side.py"),
    ],
)
def test_scrub_path(path, scrubbed):
    assert scrub_path(path) == scrubbed


def test_log_messages_lose_the_secret_in_a_path():
    assert (
        scrub("Not Found: /organisation/invitation/aB3_x-9/ (from /arkiv/?q=x)")
        == "Not Found: /organisation/invitation/[token]/ (from /arkiv/?[…]"
    )


@pytest.mark.django_db(transaction=True)
def test_gunicorns_access_log_has_no_token_key_or_address():
    """The Procfile's web process: gunicorn with gunicorn.conf.py."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - gunicorn from our virtualenv
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "portal.wsgi",
        ],
        env=django_env(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1"),
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    secrets = ["MQ:1vQ2ab:Xy-Z_1", "czk9-0123456789abcdef", "aB3_x-9", "ole@fsb.dk"]
    paths = [
        "/konto/confirm-email/MQ:1vQ2ab:Xy-Z_1/",
        "/konto/password/reset/key/e-czk9-0123456789abcdef/",
        "/organisation/invitation/aB3_x-9/?from=mail",
        "/organisation/ole@fsb.dk/",
    ]

    def answers(path):
        try:
            return urllib.request.urlopen(  # noqa: S310 - our own local server
                f"http://127.0.0.1:{port}{path}", timeout=30
            ).status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    try:
        wait_until(lambda: answers("/healthz") == 200, timeout=120, what="gunicorn")
        for path in paths:
            assert answers(path) in {200, 302, 404}
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
    access = [line for line in output.splitlines() if '"GET /' in line]
    assert len(access) >= 1 + len(paths), output
    assert '"GET /konto/confirm-email/[key]/"' in output
    assert '"GET /konto/password/reset/key/[uidb36]-[key]/"' in output
    assert '"GET /organisation/invitation/[token]/"' in output
    assert '"GET /organisation/[email]/"' in output
    for secret in [*secrets, "from=mail"]:
        assert secret not in output, [
            line for line in output.splitlines() if secret in line
        ]
