"""Every response carries a Content-Security-Policy: strict on the site,
relaxed (inline scripts and styles) only under /admin/."""

import pytest

from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


@pytest.mark.parametrize("path", ["/", "/arkiv/", "/konto/login/"])
def test_the_site_has_a_strict_policy(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # A nonce appears only when a template used {{ csp_nonce }}; ours need none.
    assert all(
        value == "'self'" or value.startswith("'nonce-")
        for value in policy["script-src"]
    )
    assert policy["style-src"] == ["'self'"]


def test_the_admin_alone_may_run_inline_scripts(client, demo_site):
    log_in(client, moderator())
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
