"""Crawl the demo as each role: follow every internal link breadth first.

What a person can click must work and read as text. Every answer is 2xx or a
redirect; a link that leads to a 4xx or 5xx is a broken link, except where a
page links somewhere the role may not go and that is expected (EXPECTED).
No page shows a Python repr, a bare `None`, a `??` in a link, English words
in the Danish admin (ENGLISH_IN_ADMIN), a date not written the Danish way on
a Danish page (NOT_A_DANISH_DATE) or Danish labels on English pages
(DANISH_ON_ENGLISH).

To stay fast, links are grouped by shape (numbers and query values dropped)
and at most SAMPLES_PER_SHAPE of each shape are visited."""

import functools
import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from tests.factories import log_in

pytestmark = pytest.mark.django_db(transaction=False)

MAX_DEPTH = 3
MAX_PAGES = 50
SAMPLES_PER_SHAPE = 1

# Nothing to learn there, or it ends the session being crawled.
SKIP = re.compile(
    r"^/(static|media|i18n|__debug__)/|/log(out|-ud)/|/admin/logout/|"
    r"/konto/logout/|^/api/v1/(?!docs)|/bilag/|\.(pdf|zip|csv|xlsx)$|"
    r"/export|format=(csv|xlsx)|/download/|/preview/|"
    # Wagtail's bulk-action links are filled in by its JavaScript.
    r"^/admin/bulk/"
)

# Links each role is shown on purpose although they end in 403/404 for them.
EXPECTED = {}

REPR = re.compile(r"\{'|<QuerySet|object at 0x|<django\.|\[<[A-Z]")
BARE_NONE = re.compile(r"(^|[\s>:(])None($|[\s<.,)])")

# A date not written the Danish way on a Danish page: an English month
# ("Dec. 3, 2026", "3 December 2026") or Django's "M", which writes the
# Danish "dec" as "Dec" ("3. Dec 2026"). Templates ask for DATE_FORMAT or
# DATETIME_FORMAT (portal/formats/da: "3. december 2026 kl. 17:33").
_MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October"
    "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
NOT_A_DANISH_DATE = re.compile(
    rf"\b\d{{1,2}}\.? (?:{_MONTHS_EN}|[A-Z][a-z]{{2}})\.? \d{{4}}\b"
    rf"|\b(?:{_MONTHS_EN})\.? \d{{1,2}}, \d{{4}}\b"
)

# English that has slipped into the Danish admin: any of Wagtail's own
# interface strings without a Danish translation, and these.
ENGLISH_IN_ADMIN = {
    "Reports",
    "Help",
    "Approve with comment",
    "Awaiting your review",
    "Heading",
}
# Wagtail strings that are the same word in Danish.
SAME_IN_DANISH = {
    "Status",
    "Live",
    "Admin",
    "Logo",
    "OK",
    "Workflow",
    "Tags",
    "Alt",
    "Filter",
    "Type",
    "App",
    "Alias",
    "Format",
    "ID",
    "Layout",
    "System",
    "Snippets",
}


@functools.cache
def untranslated_wagtail_strings() -> frozenset[str]:
    strings = set(ENGLISH_IN_ADMIN)
    root = Path(wagtail.__file__).parent
    for po in root.rglob("locale/en/LC_MESSAGES/django*.po"):
        for match in re.finditer(r'^msgid "(.+)"$', po.read_text(), re.MULTILINE):
            msgid = match.group(1).replace('\\"', '"')
            with translation.override("da"):
                if translation.gettext(msgid) == msgid:
                    strings.add(msgid)
    return frozenset(strings - SAME_IN_DANISH)


# Our own interface words; on English pages they are untranslated labels.
DANISH_ON_ENGLISH = (
    "Søg",
    "Indsend",
    "Kladde",
    "Gem",
    "Udfordring",
    "Løsning",
    "Målgruppe",
    "Kommune",
    "Indsendt",
    "Log ind",
    "Opret konto",
    "Forside",
    "Vores input",
    "Arkiv",
)


class _Page(HTMLParser):
    """Links, visible text, and the interface's own labels of one page."""

    CHROME = {"label", "button", "th", "legend", "nav", "summary", "h1", "h2"}
    INVISIBLE = {"script", "style", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.chrome: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden)
        self._sidebar: list[str] | None = None
        self._sidebar_done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "wagtail-sidebar-props":
            self._sidebar = []
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        hidden = tag in self.INVISIBLE or "hidden" in attrs or self._hidden()
        if not hidden:
            for name in ("title", "aria-label", "placeholder", "alt"):
                if attrs.get(name):
                    self.text.append(attrs[name])
                    self.chrome.append(attrs[name])
        if tag not in self.VOID:
            self._open.append((tag, hidden))

    def handle_endtag(self, tag):
        if tag == "script" and self._sidebar is not None and not self._sidebar_done:
            self._sidebar_done = True
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def close(self):
        super().close()
        if self._sidebar:
            self._read_sidebar(json.loads("".join(self._sidebar)))

    def _read_sidebar(self, node):
        """Wagtail's menu is drawn by its JavaScript from this JSON."""
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                self.text.append(node["label"])
                self.chrome.append(node["label"])
            if isinstance(node.get("url"), str):
                self.links.append(node["url"])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                self._read_sidebar(child)

    def _hidden(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_data(self, data):
        if self._sidebar is not None and not self._sidebar_done:
            self._sidebar.append(data)
        if self._hidden() or not data.strip():
            return
        self.text.append(data.strip())
        if any(tag in self.CHROME for tag, _ in self._open):
            self.chrome.append(data.strip())


@dataclass
class Crawl:
    role: str
    language: str
    seen_shapes: dict = field(default_factory=dict)
    visited: set = field(default_factory=set)
    problems: list = field(default_factory=list)

    def problem(self, url, source, what):
        self.problems.append(
            f"[{self.role}/{self.language}] {url} (from {source}): {what}"
        )


def shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def internal(href: str, base: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def check_page(crawl: Crawl, url: str, source: str, html: str, page: _Page) -> None:
    text = "\n".join(page.text)
    if match := REPR.search(text):
        crawl.problem(
            url,
            source,
            f"Python repr {text[max(0, match.start() - 40) : match.end() + 40]!r}",
        )
    if match := BARE_NONE.search(text):
        crawl.problem(
            url,
            source,
            f"bare None {text[max(0, match.start() - 40) : match.end() + 40]!r}",
        )
    if crawl.language == "da" and (match := NOT_A_DANISH_DATE.search(text)):
        crawl.problem(url, source, f"date not in Danish {match.group(0)!r}")
    for href in page.links:
        if "??" in href:
            crawl.problem(url, source, f"doubled ?? in link {href!r}")
    chrome = "\n".join(page.chrome)
    if crawl.language == "da" and url.startswith("/admin/"):
        english = untranslated_wagtail_strings()
        for label in sorted(set(page.chrome) & english):
            crawl.problem(url, source, f"English in the Danish admin: {label!r}")
    if crawl.language == "en" and not url.startswith("/admin/"):
        for word in DANISH_ON_ENGLISH:
            if re.search(rf"(^|\W){re.escape(word)}(\W|$)", chrome):
                crawl.problem(url, source, f"Danish label on an English page: {word!r}")


def crawl(client: Client, role: str, language: str, starts: list[str]) -> Crawl:
    state = Crawl(role, language)
    queue = deque((url, "start", 0) for url in starts)
    while queue and len(state.visited) < MAX_PAGES:
        url, source, depth = queue.popleft()
        if url in state.visited or SKIP.search(url):
            continue
        key = shape(url)
        if state.seen_shapes.get(key, 0) >= SAMPLES_PER_SHAPE:
            continue
        state.seen_shapes[key] = state.seen_shapes.get(key, 0) + 1
        state.visited.add(url)
        response = client.get(url)
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            target = internal(response["Location"], url)
            if target:
                queue.appendleft((target, url, depth))
            continue
        if status >= 400:
            if (role, shape(url), status) not in EXPECTED:
                state.problem(url, source, f"answered {status}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        page = _Page()
        page.feed(html)
        page.close()
        check_page(state, url, source, html, page)
        if depth >= MAX_DEPTH:
            continue
        for href in page.links:
            target = internal(href, url)
            if target and target not in state.visited:
                queue.append((target, url, depth + 1))
    return state


ROLES = [
    # role, demo e-mail, start pages
    (
        "anonymous",
        None,
        ["/", "/arkiv/", "/statistik/", "/konto/login/", "/konto/signup/"],
    ),
    (
        "member",
        "medlem@aab.demo",
        ["/", "/input/", "/organisation/", "/konto/min-konto/"],
    ),
    ("org_admin", "admin@aab.demo", ["/", "/organisation/", "/input/"]),
    ("partner", "partner@sim.demo", ["/", "/arkiv/", "/konto/min-konto/"]),
    ("moderator", "moderator@bl.demo", ["/", "/admin/", "/organisation/godkendelser/"]),
    # The queue's own pages (an input, its versions and history) lie beyond
    # the first MAX_PAGES from the admin's home.
    ("moderator", "moderator@bl.demo", ["/admin/input/"]),
    ("site_admin", "admin@bl.demo", ["/admin/"]),
]


@pytest.fixture
def demo(settings):
    from cms.demo import seed_pages
    from cms.demo_summaries import seed_summaries
    from inputs.demo import seed_inputs
    from portal.organisations.demo import seed_organisations, seed_people

    seed_pages()
    seed_organisations()
    seed_people()
    seed_inputs()
    seed_summaries()


def test_every_role_can_follow_every_link(demo):
    problems = []
    pages = 0
    for role, email, starts in ROLES:
        for language in ("da", "en"):
            if language == "en" and role not in ("anonymous", "member", "partner"):
                continue
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            if email:
                log_in(client, get_user_model().objects.get(email=email))
            result = crawl(client, role, language, starts)
            assert len(result.visited) > len(starts), (
                f"{role}: the crawl found no links"
            )
            pages += len(result.visited)
            problems += result.problems
    assert not problems, f"{len(problems)} problems on {pages} pages:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(
    "language, url, html, finding",
    [
        ("da", "/arkiv/", "<p>{'label': 'Spørgsmål'}</p>", "Python repr"),
        ("da", "/arkiv/", "<p>Kommune: None</p>", "bare None"),
        ("da", "/arkiv/", '<a href="/arkiv/??page=2">2</a>', "doubled ??"),
        (
            "da",
            "/admin/",
            "<nav><a href='/admin/reports/'>Reports</a></nav>",
            "English in the Danish admin",
        ),
        ("da", "/admin/input/1/", "<td>3. Dec 2026 17:33</td>", "not in Danish"),
        ("da", "/", "<p>Udgivet Dec. 3, 2026</p>", "not in Danish"),
        (
            "en",
            "/arkiv/",
            "<label for='q'>Søg</label>",
            "Danish label on an English page",
        ),
    ],
)
def test_the_crawl_sees_what_a_person_would(language, url, html, finding):
    state = Crawl("test", language)
    page = _Page()
    page.feed(html)
    page.close()
    check_page(state, url, "start", html, page)
    assert len(state.problems) == 1 and finding in state.problems[0]


def test_the_crawl_ignores_what_nobody_sees():
    state = Crawl("test", "da")
    html = (
        "<div hidden><span>None</span></div><script>x = {'a': 1}</script><p>Ingen</p>"
    )
    page = _Page()
    page.feed(html)
    page.close()
    check_page(state, "/", "start", html, page)
    assert state.problems == []
