import pytest

REFERENCE_DATA_MIGRATIONS = [
    "portal.organisations.migrations.0002_reference_data",
    "portal.organisations.migrations.0003_partnership_anchored_in_en",
    "inputs.migrations.0002_vocabulary",
]


def pytest_collection_modifyitems(config, items):
    """Transactional tests (the browser tests) flush the database when they
    end, so they run last; ensure_reference_data() lets each one start whole.
    Under pytest-xdist (make test) this holds in each worker: its scheduler
    (--dist load, the default) hands each worker its tests in this order."""

    def flushes(item):
        marker = item.get_closest_marker("django_db")
        return "live_server" in getattr(item, "fixturenames", ()) or bool(
            marker and marker.kwargs.get("transaction")
        )

    items.sort(key=flushes)


def ensure_reference_data() -> None:
    """Put back what the migrations load (Wagtail's root page and locale, the
    municipalities, partnerships, themes, target groups, the role groups)
    after a transactional test's flush removed it."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Locale, Page

    from portal.accounts.roles import sync_role_groups

    if Page.objects.exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    for module in REFERENCE_DATA_MIGRATIONS:
        import_module(module).load(apps, None)
    sync_role_groups()


@pytest.fixture
def reference_data(transactional_db):
    ensure_reference_data()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def demo_site(db):
    """The demo page tree: home, the three partnership pages, privacy."""
    from cms.demo import seed_pages

    return seed_pages()


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    """Every test's e-mail takes production's path, the outbox and its
    delivery task, to Django's test outbox. Django's test setup had pointed
    every mailer at locmem, which would skip the outbox."""
    from portal.settings.test import MAILERS

    settings.MAILERS = MAILERS


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits count in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
