"""Every URL pattern × every role: what each gets.

The table is checked against the URL configuration: a pattern without a row
(or a prefix rule) fails `test_every_url_pattern_has_a_row` with the line to
add; a row whose pattern no longer exists fails too. Every row's sample URL
is requested as each role (GET), and the answer must be the one in the table.

The objects all belong to organisation A (its members: MEMBER_A, ADMIN_A), so
what MEMBER_B gets proves isolation. Answers: a status code, or a string for a
redirect: the start of where it leads (LOGIN, CODE, or any other path).

Adding a row is one line: `Row(pattern, sample_url, *answers)` with answers in
ROLES order. Sample URLs may use {names} from `World.ids`."""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver

from tests.factories import log_in

LOGIN = "/konto/login/"
CODE = "/konto/2fa/reauthenticate/"  # staff asked for their code first
PASSWORD = "/konto/reauthenticate/"  # others asked for their password
SIGNUP_NEXT = "/organisation/tilslut/"
HOME = "/organisation/"
ADMIN_HOME = "/admin/"

ROLES = (
    "anonymous",
    "member_a",
    "member_b",
    "admin_a",
    "partner",
    "moderator_before_2fa",
    "moderator",
    "site_admin",
)


@dataclass(frozen=True)
class Row:
    pattern: str
    url: str
    answers: tuple

    def __init__(self, pattern, url, *answers):
        assert len(answers) == len(ROLES), f"{pattern}: {len(answers)} answers"
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "answers", answers)


# fmt: off
# pattern, sample URL,  anonymous, member A, member B, admin A, partner, moderator before 2FA, moderator, site admin
ROWS = [
    # Organisations
    Row("organisation/", "/organisation/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
    Row("organisation/tilslut/", "/organisation/tilslut/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
    Row("organisation/tilslut/<id:pk>/", "/organisation/tilslut/{org_a}/", LOGIN, HOME, 200, HOME, 200, 200, 200, 200),
    Row("organisation/registrer/", "/organisation/registrer/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
    Row("organisation/<id:pk>/medlemmer/", "/organisation/{org_a}/medlemmer/", LOGIN, 403, 404, 200, 404, 404, 200, 200),
    Row("organisation/medlemskaber/<id:pk>/rolle/", "/organisation/medlemskaber/{membership_a}/rolle/", LOGIN, 405, 405, 405, 405, 405, 405, 405),
    Row("organisation/medlemskaber/<id:pk>/fjern/", "/organisation/medlemskaber/{membership_a}/fjern/", LOGIN, 403, 404, 200, 404, 404, 200, 200),
    Row("organisation/anmodninger/<id:pk>/", "/organisation/anmodninger/{join_request_a}/", LOGIN, 405, 405, 405, 405, 405, 405, 405),
    Row("organisation/godkendelser/", "/organisation/godkendelser/", LOGIN, 403, 403, 403, 403, CODE, 200, 200),
    Row("organisation/godkendelser/organisationer/<id:pk>/", "/organisation/godkendelser/organisationer/{pending_org}/", LOGIN, 405, 405, 405, 405, CODE, 405, 405),
    Row("organisation/partnerskaber/inviter/", "/organisation/partnerskaber/inviter/", LOGIN, 403, 403, 403, 403, CODE, 200, 200),
    Row("organisation/invitation/<str:token>/", "/organisation/invitation/{invitation_a}/", LOGIN, 403, 403, 403, 403, 403, 403, 403),
    # Inputs
    Row("input/", "/input/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
    Row("input/ny/<id:call_id>/", "/input/ny/{call}/", LOGIN, 200, 200, 200, 404, 404, 404, 404),
    Row("input/<id:pk>/", "/input/{bl_only}/", 404, 200, 404, 200, 404, 404, 200, 404),
    Row("input/<id:pk>/rediger/", "/input/{submitted}/rediger/", LOGIN, 200, 404, 200, 404, 404, 404, 404),
    Row("input/<id:pk>/kvittering/", "/input/{submitted}/kvittering/", LOGIN, 200, 404, 200, 404, 404, 200, 404),
    Row("input/<id:pk>/traek-tilbage/", "/input/{submitted}/traek-tilbage/", LOGIN, 200, 404, 200, 404, 404, 404, 404),
    Row("input/<id:pk>/slet/", "/input/{draft_a}/slet/", LOGIN, 200, 404, 200, 404, 404, 404, 404),
    Row("input/<id:pk>/bilag/<id:attachment_id>/", "/input/{bl_only}/bilag/{attachment}/", LOGIN, 200, 404, 200, 404, 404, 200, 404),
    # Moderation (in the Wagtail admin)
    Row("admin/input/", "/admin/input/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/", "/admin/input/?export=csv", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/results/", "/admin/input/results/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/history/<id:pk>/", "/admin/input/history/{bl_only}/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/history-results/<id:pk>/", "/admin/input/history-results/{bl_only}/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/<id:pk>/", "/admin/input/{bl_only}/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/<id:pk>/status/", "/admin/input/{bl_only}/status/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/synlighed/", "/admin/input/{bl_only}/synlighed/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/emner/", "/admin/input/{bl_only}/emner/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/note/", "/admin/input/{bl_only}/note/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/forbindelse/", "/admin/input/{bl_only}/forbindelse/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/ansvarlig/", "/admin/input/{bl_only}/ansvarlig/", LOGIN, 403, 403, 403, 403, CODE, "/admin/input/", ADMIN_HOME),
    Row("admin/input/<id:pk>/rediger/", "/admin/input/{bl_only}/rediger/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    Row("admin/input/<id:pk>/versioner/<id:revision_pk>/", "/admin/input/{bl_only}/versioner/{revision}/", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
    # Archive
    Row("arkiv/", "/arkiv/?q=vaskekælder", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("arkiv/eksport.csv", "/arkiv/eksport.csv?q=vaskekælder", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("arkiv/eksport.xlsx", "/arkiv/eksport.xlsx?q=vaskekælder", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("arkiv/gemte/", "/arkiv/gemte/", LOGIN, 403, 403, 403, 200, 403, 200, 403),
    Row("arkiv/gemte/<id:pk>/slet/", "/arkiv/gemte/{saved_search}/slet/", LOGIN, 404, 404, 404, 200, 404, 404, 404),
    # Public statistics
    Row("statistik/", "/statistik/", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("statistik/<slug:slug>/", "/statistik/svaekkede-aeldre/", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("statistik/statistik.csv", "/statistik/statistik.csv", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("statistik/<slug:slug>/statistik.csv", "/statistik/svaekkede-aeldre/statistik.csv", 200, 200, 200, 200, 200, 200, 200, 200),
    # The read API: a session never widens it (tokens: tests/portal/test_api.py)
    Row("api/", "/api/", *["/api/v1/docs"] * 8),
    Row("api/v1/", "/api/v1/", 404, 404, 404, 404, 404, 404, 404, 404),
    Row("api/v1/openapi.json", "/api/v1/openapi.json", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/docs", "/api/v1/docs", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("^api/v1/", "/api/v1/nope", 404, 404, 404, 404, 404, 404, 404, 404),
    Row("api/v1/partnerships", "/api/v1/partnerships", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/themes", "/api/v1/themes", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/target-groups", "/api/v1/target-groups", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/calls", "/api/v1/calls", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/calls/<call_id>", "/api/v1/calls/{call}", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/inputs", "/api/v1/inputs?q=vaskekælder", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/inputs/<input_id>", "/api/v1/inputs/{bl_only}", 404, 404, 404, 404, 404, 404, 404, 404),
    Row("api/v1/summaries", "/api/v1/summaries", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/summaries/<page_id>", "/api/v1/summaries/{summary}", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("api/v1/statistics", "/api/v1/statistics", 200, 200, 200, 200, 200, 200, 200, 200),
    # Operations
    Row("healthz", "/healthz", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("readyz", "/readyz", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("favicon.ico", "/favicon.ico", *["/static/favicon.svg"] * 8),
    Row("robots.txt", "/robots.txt", *[200] * 8),
    Row("sitemap.xml", "/sitemap.xml", *[200] * 8),
    # CMS: the summaries' feed, and Wagtail's page routes (pages, summary PDF)
    Row("feeds/<slug:slug>/opsamlinger.atom", "/feeds/svaekkede-aeldre/opsamlinger.atom", 200, 200, 200, 200, 200, 200, 200, 200),
    Row(r"^((?:[\w\-]+/)*)$", "/", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("i18n/setlang/", "/i18n/setlang/", "/", "/", "/", "/", "/", "/", "/", "/"),
    # Wagtail's password-protected pages and documents (none are protected)
    Row("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/", "/_util/authenticate_with_password/1/{summary}/", 404, 404, 404, 404, 404, 404, 404, 404),
    Row("_util/login/", "/_util/login/", 200, 200, 200, 200, 200, 200, 200, 200),
    Row(r"documents/^(\d+)/(.*)$", "/documents/{document}/plan.pdf", 200, 200, 200, 200, 200, 200, 200, 200),
    Row("documents/authenticate_with_password/<int:restriction_id>/", "/documents/authenticate_with_password/1/", 404, 404, 404, 404, 404, 404, 404, 404),
]

# Third-party includes, covered by prefix: every pattern under the prefix is
# accounted for, and these representative URLs are requested as every role.
PREFIX_RULES = {
    # Wagtail's admin: anonymous → log in; non-staff → the "no access" page;
    # staff before the second factor → asked for their code.
    "admin/": [
        Row("admin/", "/admin/", LOGIN, 403, 403, 403, 403, CODE, 200, 200),
        Row("admin/", "/admin/pages/", LOGIN, 403, 403, 403, 403, CODE, 200, 200),
        Row("admin/", "/admin/users/", LOGIN, 403, 403, 403, 403, CODE, ADMIN_HOME, 200),
        Row("admin/", "/admin/groups/", LOGIN, 403, 403, 403, 403, CODE, ADMIN_HOME, 200),
        # Wagtail decides documents by collection permissions, which
        # roles.py does not grant: staff are sent back to the dashboard.
        Row("admin/", "/admin/documents/", LOGIN, 403, 403, 403, 403, CODE, ADMIN_HOME, ADMIN_HOME),
        Row("admin/", "/admin/snippets/", LOGIN, 403, 403, 403, 403, CODE, ADMIN_HOME, ADMIN_HOME),
        # The moderation queue's bulk actions (a confirmation page on GET).
        Row("admin/", "/admin/bulk/inputs/input/accept/?id={bl_only}", LOGIN, 403, 403, 403, 403, CODE, 200, ADMIN_HOME),
        # Not /admin/logout/: Wagtail logs out on GET (then answers 405).
    ],
    # allauth: log in, sign up, e-mail, password and two-factor pages.
    "konto/": [
        Row("konto/", "/konto/login/", 200, "/", "/", "/", "/", "/", "/", "/"),
        Row("konto/", "/konto/signup/", 200, "/", "/", "/", "/", "/", "/", "/"),
        Row("konto/", "/konto/", LOGIN, *["/konto/min-konto/"] * 7),
        Row("konto/", "/konto/start/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
        Row("konto/", "/konto/email/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
        Row("konto/", "/konto/2fa/", LOGIN, 200, 200, 200, 200, 200, 200, 200),
        Row("konto/", "/konto/2fa/reauthenticate/", LOGIN, PASSWORD, PASSWORD, PASSWORD, PASSWORD, 200, 200, 200),
    ],
}
# fmt: on


def _pattern_keys(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        key = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _pattern_keys(pattern, key)
        else:
            yield key


def test_every_url_pattern_has_a_row():
    keys = list(_pattern_keys())
    rows = {row.pattern for row in ROWS}
    missing = [
        key
        for key in keys
        if key not in rows and not key.startswith(tuple(PREFIX_RULES))
    ]
    assert not missing, (
        "URL patterns without a row in tests/test_url_matrix.py ROWS; add one "
        "line each, with the answer for "
        + ", ".join(ROLES)
        + ":\n"
        + "\n".join(
            f'    Row("{key}", "<sample URL>", <{len(ROLES)} answers>),'
            for key in missing
        )
    )
    stale = rows - set(keys)
    assert not stale, f"Rows for URL patterns that no longer exist: {sorted(stale)}"


# --- The world: built once for the module, inside a transaction rolled back
# at its end; each test runs in a savepoint inside it.


@dataclass
class World:
    users: dict
    ids: dict


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


def _storage_settings(media_dir):
    from django.conf import settings

    return {
        "MEDIA_ROOT": media_dir / "media",
        "PRIVATE_MEDIA_ROOT": media_dir / "private",
        "STORAGES": {
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": media_dir / "private", "base_url": None},
            },
        },
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(media_dir):
    """Overrides the root conftest's per-test media folder: the files were
    made once, for the module."""
    with override_settings(**_storage_settings(media_dir)):
        yield


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_dir):
    with (
        django_db_blocker.unblock(),
        override_settings(**_storage_settings(media_dir)),
        transaction.atomic(),
    ):
        built = _build_world()
        yield built
        transaction.set_rollback(True)


def _build_world() -> World:
    from django.contrib.auth.models import Group
    from wagtail.documents.models import Document

    from cms.demo import seed_pages
    from cms.models import PartnershipPage, SummaryPage
    from inputs.models import InputRevision
    from inputs.services import input_transition
    from portal.accounts.roles import Role
    from portal.organisations.models import Membership, Organisation, Partnership
    from portal.organisations.services import (
        invitation_create,
        join_request_create,
        partnership_membership_add,
    )
    from search.saved import saved_search_create
    from tests.factories import (
        InputFactory,
        OrganisationFactory,
        UserFactory,
        member_of,
        moderator,
    )
    from tests.inputs.conftest import make_call
    from tests.portal.test_second_factor import make_bl_only

    seed_pages()
    org_a = OrganisationFactory(name="Boligselskabet A")
    org_b = OrganisationFactory(name="Boligselskabet B")
    pending = OrganisationFactory(name="Venter", status=Organisation.Status.PENDING)
    partnership = Partnership.objects.get(slug="svaekkede-aeldre")
    site_admin = moderator()
    site_admin.groups.set([Group.objects.get(name=Role.SITE_ADMIN)])
    users = {
        "anonymous": None,
        "member_a": member_of(org_a),
        "member_b": member_of(org_b),
        "admin_a": member_of(org_a, Membership.Role.ADMIN),
        "partner": UserFactory(),
        "moderator_before_2fa": moderator(),
        "moderator": moderator(),
        "site_admin": site_admin,
    }
    partnership_membership_add(user=users["partner"], partnership=partnership)
    elderly = PartnershipPage.objects.get(partnership=partnership)
    call = make_call(elderly)

    bl_only = make_bl_only(org_a)
    attachment = bl_only.attachments.get()
    submitted = InputFactory(organisation=org_a, title="Indsendt")
    input_transition(input=submitted, action="submit", user=users["member_a"])
    revision = InputRevision.objects.filter(input=bl_only).first()
    draft_a = InputFactory(organisation=org_a, title="Kladde")

    summary = SummaryPage(title="Opsamling", slug="opsamling", introduction="Intro.")
    elderly.add_child(instance=summary)
    summary.save_revision().publish()
    document = Document.objects.create(
        title="Plan", file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    outsider = UserFactory()
    join_request = join_request_create(user=outsider, organisation=org_a)
    invitation = invitation_create(
        email="ny@a.dk", invited_by=users["admin_a"], organisation=org_a
    ).invitation
    saved = saved_search_create(
        user=users["partner"], name="Vask", query_string="q=vask", frequency="weekly"
    ).saved_search
    ids = {
        "org_a": org_a.pk,
        "pending_org": pending.pk,
        "membership_a": Membership.objects.get(user=users["member_a"]).pk,
        "join_request_a": join_request.pk,
        "invitation_a": invitation.token,
        "call": call.pk,
        "bl_only": bl_only.pk,
        "submitted": submitted.pk,
        "draft_a": draft_a.pk,
        "attachment": attachment.pk,
        "revision": revision.pk if revision else 0,
        "summary": summary.pk,
        "document": document.pk,
        "saved_search": saved.pk,
    }
    return World(users=users, ids=ids)


def _answer(response):
    if response.status_code in (301, 302):
        return response["Location"]
    return response.status_code


def _matches(expected, actual) -> bool:
    if isinstance(expected, str):
        return isinstance(actual, str) and actual.startswith(expected)
    return expected == actual


ALL_ROWS = ROWS + [row for rows in PREFIX_RULES.values() for row in rows]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(world, db, role):
    client = Client()
    user = world.users[role]
    if user is not None:
        log_in(client, user, second_factor=role != "moderator_before_2fa")
    index = ROLES.index(role)
    wrong = []
    for row in ALL_ROWS:
        url = row.url.format(**world.ids)
        actual = _answer(client.get(url))
        if not _matches(row.answers[index], actual):
            wrong.append(
                f"  {url} ({row.pattern}): table {row.answers[index]!r}, got {actual!r}"
            )
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
