"""Start the test OpenID Connect provider (provider.mjs, panva's oidc-provider
on Node.js) on a free localhost port, and drive its login page over HTTP.

`npm ci` installs it once into var/oidc-provider/ (keyed by the lock file);
nothing under node_modules is committed. Needs node and npm on the PATH."""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from django.conf import settings

from tests.processes import free_port

HERE = Path(__file__).resolve().parent
CACHE = Path(settings.BASE_DIR) / "var" / "oidc-provider"
FILES = ("package.json", "package-lock.json", "provider.mjs")

CLIENT_ID = "partnerportalen"
CLIENT_SECRET = "test-secret-partnerportalen"  # noqa: S105 - a test provider's
OTHER_CLIENT_ID = "anden-tjeneste"
OTHER_CLIENT_SECRET = "test-secret-anden-tjeneste"  # noqa: S105
OTHER_REDIRECT_URI = "http://127.0.0.1:9/anden-tjeneste/callback"

NSIS = "https://data.gov.dk/concept/core/nsis/loa/"
CVR_CLAIM = "nemlogin.cvr"

# The people the broker knows. AAB's CVR number is the demo organisation's.
ACCOUNTS = {
    "aab-medarbejder": {
        "claims": {
            "name": "Sofie Berg (AAB)",
            "email": "sofie.berg@aab.dk",
            "email_verified": True,
            CVR_CLAIM: "93170601",
        },
        "acr": NSIS + "Substantial",
    },
    "ny-organisation": {
        "claims": {
            "name": "Nanna Ny (ukendt CVR)",
            "email": "nanna@ny-bolig.dk",
            "email_verified": True,
            CVR_CLAIM: "13585628",
        },
        "acr": NSIS + "Substantial",
    },
    "afventer": {
        "claims": {
            "name": "Palle Venter",
            "email": "palle@venter-bolig.dk",
            "email_verified": True,
            CVR_CLAIM: "25063783",
        },
        "acr": NSIS + "Substantial",
    },
    "uden-bekraeftelse": {
        "claims": {
            "name": "Ulla Ubekræftet",
            "email": "ulla@aab.dk",
            "email_verified": False,
            CVR_CLAIM: "93170601",
        },
        "acr": NSIS + "Substantial",
    },
    "samme-email": {
        # Names the address of an existing account, verified by the broker.
        "claims": {
            "name": "Mette Overtager",
            "email": "mette@aab.dk",
            "email_verified": True,
            CVR_CLAIM: "93170601",
        },
        "acr": NSIS + "Substantial",
    },
    "uden-cvr": {
        "claims": {
            "name": "Uffe Uden",
            "email": "uffe@example.dk",
            "email_verified": True,
        },
        "acr": NSIS + "Substantial",
    },
    "moderator-hoej": {
        "claims": {"name": "Hanne Moderator (høj)", "email": "hanne@bl.dk"},
        "acr": NSIS + "High",
    },
    "moderator-lav": {
        "claims": {"name": "Hanne Moderator (lav)", "email": "hanne@bl.dk"},
        "acr": NSIS + "Low",
    },
    "kort-levetid": {
        "claims": {"name": "Kim Kort", "email": "kim@aab.dk", "email_verified": True},
        "acr": NSIS + "Substantial",
        "id_token_ttl": 3,
    },
}


@dataclass(frozen=True)
class Provider:
    issuer: str

    def app(self) -> dict:
        """The allauth app, as portal.settings.base builds it from OIDC_*."""
        return {
            "provider_id": settings.OIDC_PROVIDER_ID,
            "name": "MitID Erhverv",
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "settings": {
                "server_url": self.issuer,
                "scope": ["openid", "email", "nemlogin"],
            },
        }

    def log_in(self, authorize_url: str, account: str, *, until: str) -> str:
        """Go through the broker's login page as `account`, as a browser
        would, and return the URL it sends the browser back to (the first
        redirect that starts with `until`)."""
        browser = requests.Session()
        page = browser.get(authorize_url, timeout=10)
        page.raise_for_status()
        response = browser.post(
            page.url.rstrip("/") + "/login",
            data={"login": account},
            allow_redirects=False,
            timeout=10,
        )
        for _hop in range(10):
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(until):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
        raise AssertionError("the provider never redirected back")


def _install() -> Path:
    if not shutil.which("node") or not shutil.which("npm"):
        raise RuntimeError("The OpenID Connect tests need Node.js 20+ and npm.")
    digest = hashlib.sha256(
        b"".join((HERE / name).read_bytes() for name in FILES)
    ).hexdigest()
    stamp = CACHE / ".installed"
    CACHE.mkdir(parents=True, exist_ok=True)
    # Parallel test workers (pytest -n) may all start here: one installs,
    # the others wait for it.
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != digest:
            for name in FILES:
                shutil.copy(HERE / name, CACHE / name)
            subprocess.run(  # noqa: S603
                [
                    shutil.which("npm"),
                    "ci",
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                ],
                cwd=CACHE,
                check=True,
            )
            stamp.write_text(digest)
    return CACHE


@contextlib.contextmanager
def running_provider(*, redirect_uris: list[str]):
    """The provider, started on a free port with our client (allowed to
    return to `redirect_uris`) and another service's client; stopped after."""
    folder = _install()
    port = free_port()
    clients = [
        {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": redirect_uris,
        },
        {
            "client_id": OTHER_CLIENT_ID,
            "client_secret": OTHER_CLIENT_SECRET,
            "redirect_uris": [OTHER_REDIRECT_URI],
        },
    ]
    env = {
        **os.environ,
        "OIDC_TEST_PORT": str(port),
        "OIDC_TEST_CLIENTS": json.dumps(clients),
        "OIDC_TEST_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    process = subprocess.Popen(  # noqa: S603 - our own script
        [shutil.which("node"), "provider.mjs"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        issuer = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            line = process.stdout.readline()
            if line.startswith("listening "):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"The test OpenID Connect provider did not start: {line}"
                )
        yield Provider(issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)
