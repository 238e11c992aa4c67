"""manage.py search_index_check [--repair]: the index against the database,
once per backend."""

import io

import pytest
from django.core.management import call_command

from inputs.models import Input
from inputs.models.inputs import Visibility
from search.backends import get_backend
from search.services import archive_check
from tests.search.helpers import titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def _run(*args):
    out = io.StringIO()
    try:
        call_command("search_index_check", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_a_whole_index_passes(archived):
    archived(title="Gårdfest")
    code, out = _run()
    assert code == 0 and "Indekset svarer til databasen." in out


def test_missed_updates_are_found_and_repaired(archived):
    missing = archived(title="Gårdfest")
    stale = archived(title="Sommerfest")
    gone = archived(title="Vinterfest")
    backend = get_backend()
    # What an outage leaves: an update, an edit and a deletion not indexed.
    backend.remove(f"input:{missing.pk}")
    Input.objects.filter(pk=stale.pk).update(visibility=Visibility.BL_ONLY)
    # The removal waits for a commit that never comes in this test.
    Input.objects.filter(pk=gone.pk).delete()
    check = archive_check()
    assert check.missing == [f"input:{missing.pk}"]
    assert check.stale == [f"input:{stale.pk}"]
    assert check.extra == [f"input:{gone.pk}"]
    code, out = _run()
    assert code == 1 and "Mangler i indekset: 1" in out
    code, out = _run("--repair")
    assert code == 0 and "Forskellene er rettet." in out
    assert archive_check().ok
    # Repaired: the BL-only input is no longer found by visitors.
    assert titles("gårdfest") == ["Gårdfest"]
    assert titles("sommerfest") == [] and titles("vinterfest") == []
