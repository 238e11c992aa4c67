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


def log_in(
    page, base_url: str, email: str, two_factor: bool = False, journey=None
) -> None:
    """Logs in through the form (and the second factor's); a `journey`
    looks at each of those pages on the way."""
    from portal.organisations.demo import DEMO_PASSWORD

    page.goto(f"{base_url}/konto/login/")
    if journey is not None:
        journey.see("log-in", heading="Log ind")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    if two_factor:
        if journey is not None:
            journey.see("second-factor", check=_code_field_shown)
        page.get_by_label("Kode").fill(current_totp())
        # The answer is a new page either way; read it, not the one before.
        with page.expect_navigation():
            page.get_by_role("button", name="Log ind").click()
        if page.get_by_text("Forkert kode").count():
            # This window's code was used already (an earlier test, the
            # shared cache remembers): the next window's is new.
            time.sleep(30 - time.time() % 30 + 0.5)
            page.get_by_label("Kode").fill(current_totp())
            page.get_by_role("button", name="Log ind").click()


def _code_field_shown(page, _width) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_label("Kode")).to_be_visible()


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


# Waits (at most 2 s) for the page's finite animations and transitions.
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 2000)),
])"""


def assert_accessible(page) -> None:
    """axe-core's WCAG 2.1 A and AA rules report no violations, but those of
    Wagtail's own markup listed in WAGTAIL_AXE_ALLOWED."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    # A message fading in would be judged at half its colour.
    page.evaluate(SETTLED)
    # Once per document: a page checked at two widths is injected once.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = AxeResults(page.evaluate("o => axe.run(document, o)", AXE_OPTIONS))
    violations = results.response["violations"] = unallowed(
        results.response["violations"]
    )
    assert not violations, f"{page.url}\n{results.generate_report()}"


def axe_failures(page, *rules: str) -> list:
    """The elements (axe's selectors) that break any of `rules`, axe-core's
    rule ids. For the rules outside AXE_OPTIONS' WCAG tags (axe's best
    practices, such as `region` and `heading-order`) and for a check of one
    rule alone."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(SETTLED)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("o => axe.run(document, o)", {"runOnly": list(rules)})
    return [
        (violation["id"], node["target"])
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


# Violations in Wagtail's own markup (not our templates, blocks, viewsets or
# panels) that we cannot fix from here: rule id, the CSS selector axe reports,
# why, and the Wagtail version it was seen in. Each entry allows that one
# rule on that one element; everything else still fails.
WAGTAIL_AXE_ALLOWED: list[tuple[str, str, str, str]] = []


def unallowed(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        allowed = {
            selector
            for rule, selector, _why, _version in WAGTAIL_AXE_ALLOWED
            if rule == violation["id"]
        }
        nodes = [
            node
            for node in violation["nodes"]
            if " ".join(map(str, node["target"])) not in allowed
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def assert_fits(page, width: int = PHONE["width"]) -> None:
    """Nothing makes the page scroll sideways."""
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide at {width}"


class Journey:
    """One person's way through the site. At every page they pass through,
    `see()` checks what they see at 1280 px and again at 390 px: the visible
    text asked for, axe-core's WCAG 2.1 AA rules, and (on the phone) no
    sideways scrolling. With SCREENSHOTS=<dir> in the environment it saves a
    full-page PNG of each, named <journey>-<step>-<name>-<width>.png (and
    <name>-FAILED where a check failed)."""

    def __init__(self, page, name: str):
        self.page = page
        self.name = name
        self.step = 0
        self.shots = os.environ.get("SCREENSHOTS")
        page.set_viewport_size(DESKTOP)

    def see(self, name: str, *texts: str, heading: str | None = None, check=None):
        """`texts` are visible at both widths; `heading` is the page's h1;
        `check(page, width)` asserts whatever else the page must show (one
        of them should tell this page from the one before it)."""
        self.page.wait_for_load_state()
        self.step += 1
        for viewport in (DESKTOP, PHONE):
            self.page.set_viewport_size(viewport)
            try:
                self._check(viewport, texts, heading, check)
            except AssertionError:
                self._shoot(f"{name}-FAILED", viewport)
                raise
            self._shoot(name, viewport)
        self.page.set_viewport_size(DESKTOP)

    def _check(self, viewport, texts, heading, check) -> None:
        from playwright.sync_api import expect

        page = self.page
        if heading is not None:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        for text in texts:
            expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()
        if check is not None:
            check(page, viewport["width"])
        assert_accessible(page)
        if viewport is PHONE:
            assert_fits(page)

    def _shoot(self, name: str, viewport: dict) -> None:
        if not self.shots:
            return
        os.makedirs(self.shots, exist_ok=True)
        self.page.screenshot(
            path=os.path.join(
                self.shots,
                f"{self.name}-{self.step:02d}-{name}-{viewport['width']}.png",
            ),
            full_page=True,
        )
