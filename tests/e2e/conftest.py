"""Browser tests: pytest-playwright driving Debian's Chromium against
live_server. They skip where Chromium is missing, unless REQUIRE_BROWSER is
set (CI sets it), when a missing browser fails the run."""

import os
import shutil
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.conftest import ensure_reference_data

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Playwright's sync API runs an event loop in this thread; the test's own ORM
# calls are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(
            "REQUIRE_BROWSER is set but Chromium is not installed "
            "(apt-get install chromium, or `make browsers`)."
        )
    skip = pytest.mark.skip(reason="Chromium is not installed: `make browsers`")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def live_site(live_server, settings):
    """live_server with the demo page tree, organisations and people."""
    from cms.demo import seed_pages
    from portal.organisations.demo import seed_organisations, seed_people

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    ensure_reference_data()
    seed_pages()
    seed_organisations()
    seed_people()
    return live_server


def current_totp() -> str:
    from portal.organisations.demo import DEMO_TOTP_SECRET

    # A code used once is refused again; wait for the next window if needed.
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))


def log_in(page, base_url: str, email: str, two_factor: bool = False) -> None:
    from portal.organisations.demo import DEMO_PASSWORD

    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    if two_factor:
        page.get_by_label("Kode").fill(current_totp())
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()
        if page.get_by_text("Forkert kode").count():
            # This window's code was used already (an earlier test, the
            # shared cache remembers): the next window's is new.
            time.sleep(30 - time.time() % 30 + 0.5)
            page.get_by_label("Kode").fill(current_totp())
            page.get_by_role("button", name="Log ind").click()


def assert_accessible(page) -> None:
    """axe-core's WCAG 2.1 A and AA rules report no violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            },
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, results.generate_report()
