"""The load benchmark's people (bench/load.py runs this with locust, headless).

Behind a TLS proxy as in production: every request says X-Forwarded-Proto
https and a client address of its own in X-Forwarded-For (TRUSTED_PROXY_COUNT
1), and the client sends the Secure cookies over the plain HTTP hop. Logins
go through the real forms with CSRF; moderators type their TOTP code.

Each input a member submits successfully (the receipt page) is appended to
SUBMITTED_LOG, so bench/load.py can count them against the database.

Members attach a PDF (50-800 kB) to some saves (LOAD_ATTACH_SHARE, default
0.5). What the portal answered about each file goes to FILES_LOG, one line
"title<TAB>file<TAB>accepted|refused<TAB>what the page said", and each title
the portal said it saved (the draft's page, or the form saying the file was
not stored but the text was) to SAVED_LOG, so bench/faults.py can check that
no text and no accepted file went missing and that every refusal was shown."""

import base64
import hashlib
import hmac
import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from uuid import uuid4

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = json.loads((ROOT / "bench" / ".load-people.json").read_text())
SUBMITTED_LOG = Path(os.environ.get("LOAD_SUBMITTED_LOG", ROOT / "var/load/submitted"))
SAVED_LOG = SUBMITTED_LOG.with_name("saved")
FILES_LOG = SUBMITTED_LOG.with_name("files")
ATTACH_SHARE = float(os.environ.get("LOAD_ATTACH_SHARE", "0.5"))
FILE_NAMES = [
    "referat-gaardmoede.pdf",
    "plakat-lektiecafe.pdf",
    "budget-aktiviteter.pdf",
]
PASSWORD = "demo-Partner-2020"  # noqa: S105 - the demo's public password
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - the demo's
QUERIES = [
    "ensomme ældre",
    "lektiehjælp",
    "sårbare familier",
    "Koege",
    "hjælp til lektier",
    "vold i hjemmet",
    "håndsprit opgang",
    "",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
QUEUE_LINK = re.compile(r'href="/admin/input/(\d+)/"')
ALERT = re.compile(r'role="alert"[^>]*>(.*?)</div>', re.S)
TAGS = re.compile(r"<[^>]+>")
FILE_ERROR = re.compile(
    r'id="id_attachments_error">(?:<span class="sr-only">[^<]*</span>)?([^<]*)'
)
FORM_ACTION = re.compile(r'<form method="post" action="(/input/\d+/rediger/)"')
LETTERS = str.maketrans("0123456789", "ghijklmnop")


def refusal(html: str) -> str:
    """The form's error summary as text, so a refused form says why."""
    found = ALERT.search(html)
    text = TAGS.sub(" ", found.group(1)) if found else ""
    return " ".join(text.split())[:120]


def file_error(html: str) -> str:
    """The error beside the file field, as text."""
    found = FILE_ERROR.search(html)
    return " ".join(TAGS.sub(" ", found.group(1)).split()) if found else ""


def pdf(size: int) -> bytes:
    """A PDF of about `size` bytes: one page whose content stream is as
    incompressible as the scanned page or photo most real attachments carry."""
    head = (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length " + str(size).encode() + b">>stream\n"
    )
    return (
        head + os.urandom(size) + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def note(path: Path, *fields: str) -> None:
    with path.open("a") as log:
        log.write("\t".join(fields) + "\n")


def totp_now(secret: str = TOTP_SECRET) -> str:
    """RFC 6238, as an authenticator app computes it (30 s, 6 digits)."""
    counter = int(time.time() // 30).to_bytes(8, "big")
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _secure_over_proxy(self, cookie, request):
    """TLS ends at the proxy; the hop behind it is plain HTTP. requests makes
    a fresh cookie jar for every request, so the policy is the class's."""
    return True


DefaultCookiePolicy.return_ok_secure = _secure_over_proxy


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    pool: list[str] = []

    def on_start(self):
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"  # noqa: S311
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": address,
                # What the browser sends on the https:// address.
                "Origin": self.host.replace("http://", "https://"),
                "Referer": self.host.replace("http://", "https://") + "/",
                # A proxy in front (nginx's default) opens a connection per
                # request to gunicorn. A kept-alive one races gunicorn's 2 s
                # keep-alive timeout and reads as a connection reset.
                "Connection": "close",
            }
        )
        if self.pool:
            self.email = random.choice(self.pool)  # noqa: S311
            self.log_in()

    def csrf(self, html: str) -> str:
        found = CSRF.search(html)
        return found.group(1) if found else ""

    def log_in(self):
        page = self.client.get("/konto/login/", name="login page")
        response = self.client.post(
            "/konto/login/",
            {
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(page.text),
            },
            name="login",
        )
        if "/2fa/" in response.url:
            self.second_factor(response)

    def second_factor(self, response):
        # allauth refuses a code used once; wait for the next one if needed.
        code = totp_now()
        for _attempt in range(3):
            done = self.client.post(
                response.url,
                {"code": code, "csrfmiddlewaretoken": self.csrf(response.text)},
                name="login: TOTP code",
            )
            if "/2fa/" not in done.url:
                return
            time.sleep(31 - time.time() % 30)
            code = totp_now()

    def search(self, facets: bool, page2: bool):
        params = {"q": random.choice(QUERIES)}  # noqa: S311
        name = "archive search"
        if facets:
            params.update(kind="solution", sort="newest")
            name += " + facets"
        if page2:
            params["page"] = 2
            name += ", page 2"
        self.client.get("/arkiv/", params=params, name=name)


class Visitor(Person):
    weight = 6

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def page(self):
        self.client.get(random.choice(PEOPLE["pages"]), name="CMS page")  # noqa: S311

    @task(2)
    def statistics(self):
        self.client.get("/statistik/", name="statistics")

    @task(4)
    def search_plain(self):
        self.search(facets=False, page2=False)

    @task(2)
    def search_facets(self):
        self.search(facets=True, page2=False)

    @task(1)
    def search_page2(self):
        self.search(facets=random.random() < 0.5, page2=True)  # noqa: S311


class PartnershipMember(Person):
    weight = 2
    pool = PEOPLE["partners"]

    @task(3)
    def search_plain(self):
        self.search(facets=False, page2=False)

    @task(2)
    def search_facets(self):
        self.search(facets=True, page2=random.random() < 0.3)  # noqa: S311


class OrganisationMember(Person):
    """Starts an input, saves the draft (with a PDF, some of the time), then
    submits it. A failed request (a 503 while the database restarts) is sent
    again, as a person would, with the same form: the idempotency token and
    version make it safe. A file the portal could not store (507, a full
    disk) is chosen again for the next send, as the page asks."""

    weight = 2
    pool = PEOPLE["members"]

    def send(self, url, data, name, files=None, tries=20):
        """The page the person lands on: the draft's or the receipt (200
        after a redirect), or the form saying the file was not stored (507);
        None when the form was refused or the sends ran out."""
        for _attempt in range(tries):
            with self.client.post(
                url,
                data,
                files=files,
                name=name,
                catch_response=True,
                allow_redirects=True,
            ) as response:
                if response.status_code == 200 and response.url != self.host + url:
                    return response
                if response.status_code == 507:
                    response.failure(f"507 {file_error(response.text)}")
                    return response
                response.failure(f"{response.status_code} {refusal(response.text)}")
                if 400 <= response.status_code < 500:
                    return None  # the form was refused: sending it again won't help
            time.sleep(2)
        return None

    @staticmethod
    def attachment():
        """A PDF to attach, or None (then no file this time)."""
        if random.random() >= ATTACH_SHARE:  # noqa: S311
            return None
        size = random.randrange(50_000, 800_000)  # noqa: S311
        return random.choice(FILE_NAMES), pdf(size)  # noqa: S311

    @staticmethod
    def files(attachment):
        if attachment is None:
            return None
        name, content = attachment
        return {"attachments": (name, content, "application/pdf")}

    def outcome(self, response, title, name, text) -> str | None:
        """Writes down what the portal said about the text and the file;
        returns the draft's address."""
        if response.status_code == 507:
            action = FORM_ACTION.search(response.text)
            kept = text in response.text and title in response.text
            note(FILES_LOG, title, name, "refused", file_error(response.text))
            if action and kept:
                note(SAVED_LOG, title)
            else:  # the page must show the saved draft, or it lost something
                note(FILES_LOG, title, name, "refused-without-the-draft", "")
            return action.group(1) if action else None
        if name:
            note(FILES_LOG, title, name, "accepted", "")
        note(SAVED_LOG, title)
        return response.url.removeprefix(self.host)

    @task
    def draft_then_submit(self):
        call = PEOPLE["call"]
        form = self.client.get(f"/input/ny/{call}/", name="input form")
        if form.status_code != 200:
            return
        # Letters only: a run of eight hex digits reads as a phone number, and
        # the form rightly asks about it (the 400s of the first soak).
        title = "Belastningsprøve " + uuid4().hex[:12].translate(LETTERS)
        challenge = "Beboerne har svært ved at nå hinanden under nedlukningen."
        data = {
            **PEOPLE["form"],
            "csrfmiddlewaretoken": self.csrf(form.text),
            "token": str(uuid4()),
            "title": title,
            "challenge": challenge,
            "solution": "Vi ringer rundt og inviterer til gårdmøder i små hold.",
            "intent": "draft",
        }
        attachment = self.attachment()
        name = attachment[0] if attachment else ""
        saved = self.send(
            f"/input/ny/{call}/", data, "save draft", self.files(attachment)
        )
        if saved is None:
            return
        refused = saved.status_code == 507
        edit_url = self.outcome(saved, title, name, challenge)
        if edit_url is None or "/rediger/" not in edit_url:
            return
        version = VERSION.search(saved.text)
        submit = {
            **{k: v for k, v in data.items() if k not in ("token", "organisation")},
            "csrfmiddlewaretoken": self.csrf(saved.text),
            "version": version.group(1) if version else "",
            "intent": "submit",
        }
        if not refused:  # else the page asked for the file again
            attachment, name = None, ""
        done = self.send(edit_url, submit, "submit input", self.files(attachment))
        if done is None:
            return
        self.outcome(done, title, name, challenge)
        if "/kvittering/" in done.url:
            note(SUBMITTED_LOG, title)


class Moderator(Person):
    """Opens the queue and an input, starts the review and accepts or
    rejects it."""

    weight = 1
    pool = PEOPLE["moderators"]

    @task
    def work_the_queue(self):
        queue = self.client.get("/admin/input/?status=submitted", name="queue")
        ids = QUEUE_LINK.findall(queue.text)
        if not ids:
            return
        pk = random.choice(ids)  # noqa: S311
        detail = self.client.get(f"/admin/input/{pk}/", name="queue: open input")
        token = self.csrf(detail.text)
        started = self.client.post(
            f"/admin/input/{pk}/status/",
            {"action": "start_review", "csrfmiddlewaretoken": token},
            name="queue: start review",
        )
        token = self.csrf(started.text) or token
        if random.random() < 0.8:  # noqa: S311
            self.client.post(
                f"/admin/input/{pk}/status/",
                {
                    "action": "accept",
                    "visibility": "public",
                    "csrfmiddlewaretoken": token,
                },
                name="queue: accept",
            )
        else:
            self.client.post(
                f"/admin/input/{pk}/status/",
                {
                    "action": "reject",
                    "note": "Tak for inputtet; det ligger uden for partnerskabet.",
                    "csrfmiddlewaretoken": token,
                },
                name="queue: reject",
            )
