"""manage.py search_index_check [--repair]: the index against the database,
once per backend."""

import io
import re

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


def _analysis_changed():
    from search import analysis

    for cached in (analysis.stem, analysis.lexicon):
        cached.cache_clear()


def test_an_index_analysed_by_older_code_is_rebuilt(archived, monkeypatch):
    from search import analysis

    # Indexed as before "bolig" kept its own stem (Snowball's: bol), as an
    # index built before an upgrade holds it.
    with monkeypatch.context() as older:
        older.setattr(analysis, "_OWN_STEM", re.compile(r"(\w*lejlighed)(?:en|er)?"))
        _analysis_changed()
        homes = archived(title="Boliger til unge")
        archived(title="Gårdfest")
    _analysis_changed()
    assert titles("bolig") == []
    check = archive_check()
    # The other holds "bolig" too: its organisation's name is searched.
    assert f"input:{homes.pk}" in check.reanalysed
    assert not (check.missing or check.stale or check.extra)
    code, out = _run()
    assert code == 1
    assert "Analyseret med en ældre udgave af koden (stikprøve):" in out
    assert "Kør manage.py rebuild_search_index" in out
    code, out = _run("--repair")
    assert code == 0 and "Indekset er genopbygget." in out
    assert archive_check().ok
    assert "Boliger til unge" in titles("bolig")


def test_a_summary_indexed_with_other_text_is_stale_and_reindexed(demo_site):
    """A summary's text is what its blocks rendered when it was indexed
    (its quotes, by code that may since have changed): every summary is
    compared, and one whose text differs is indexed again, not the whole
    index rebuilt."""
    from dataclasses import replace

    from cms.models import PartnershipPage
    from inputs.models.inputs import Consent
    from search.documents import summary_document
    from search.services import archive_index, archive_index_input
    from tests.cms.test_summaries import _accepted, _summary
    from tests.factories import moderator

    quoted = _accepted(moderator(), consent=Consent.ANONYMISED, title="Telefonkæde")
    archive_index_input(input_id=quoted.pk)
    page = _summary(
        PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre"),
        [quoted],
        [("quote", {"input": quoted, "excerpt": "Vi ringer hver uge."})],
    )
    document = summary_document(page)
    # As the code before this one indexed it.
    older = document.body.replace("— ", "— Anonymiseret, ")
    archive_index(document=replace(document, body=older))
    assert titles("anonymiseret") == [page.title]
    check = archive_check()
    assert check.stale == [document.key]
    assert not (check.missing or check.extra or check.reanalysed)
    code, out = _run("--repair")
    assert code == 0 and "Forskellene er rettet." in out
    assert archive_check().ok
    assert titles("anonymiseret") == []
