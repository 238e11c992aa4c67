"""Every change that affects search reaches the index, through the tasks
(immediate in tests) that the services and hooks enqueue on commit."""

import pytest
from django.db import connection

from cms.models import PartnershipPage, SummaryPage
from inputs.models.inputs import Consent, Visibility
from inputs.services import input_changed
from inputs.states import Status
from search.services import archive_rebuild
from tests.factories import InputFactory
from tests.search.helpers import index_rows, move_to, titles, vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_view():
    from search.query import Viewer

    return Viewer(is_moderator=True)


def _edit(input, commit, **fields):
    """What the form and moderation services do: save, then input_changed()."""
    for name, value in fields.items():
        setattr(input, name, value)
    with commit(execute=True):
        input.save()
        input_changed(input)


def _move(input, status, commit):
    """Through the state machine, whose transitions call input_changed()."""
    with commit(execute=True):
        move_to(input, status, path_from=input.status)


@pytest.mark.usefixtures("search_backend")
def test_submit_then_accept_makes_it_public(
    django_capture_on_commit_callbacks, staff_view
):
    input = InputFactory(
        title="Gårdfest for naboer",
        visibility=Visibility.PUBLIC,
        consent=Consent.NAMED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        input_changed(input)
    assert titles("gårdfest", staff_view) == []  # a draft is not in the archive
    _move(input, Status.SUBMITTED, django_capture_on_commit_callbacks)
    assert titles("gårdfest", staff_view) == ["Gårdfest for naboer"]
    assert titles("gårdfest") == []
    _move(input, Status.ACCEPTED, django_capture_on_commit_callbacks)
    assert titles("gårdfest") == ["Gårdfest for naboer"]


@pytest.mark.usefixtures("search_backend")
def test_withdrawal_hides_it_from_everyone_but_moderators(
    archived, django_capture_on_commit_callbacks, staff_view
):
    from search.query import SearchRequest
    from search.services import archive_search

    input = archived(title="Gårdfest for naboer", status=Status.SUBMITTED)
    _move(input, Status.WITHDRAWN, django_capture_on_commit_callbacks)
    assert titles("gårdfest") == []
    hits = archive_search(
        request=SearchRequest(query="gårdfest", viewer=staff_view)
    ).hits
    assert [h.status for h in hits] == [Status.WITHDRAWN]


@pytest.mark.usefixtures("search_backend")
def test_edit_and_redaction_replace_the_text(
    archived, django_capture_on_commit_callbacks
):
    input = archived(title="Gårdfest", challenge="Ring til Jens på 12345678")
    assert titles("jens") == ["Gårdfest"]
    _edit(input, django_capture_on_commit_callbacks, challenge="Ring til beboeren")
    assert titles("jens") == []
    assert titles("beboeren") == ["Gårdfest"]


@pytest.mark.usefixtures("search_backend")
def test_visibility_change(archived, django_capture_on_commit_callbacks):
    input = archived(title="Gårdfest")
    _edit(input, django_capture_on_commit_callbacks, visibility=Visibility.BL_ONLY)
    assert titles("gårdfest") == []
    _edit(input, django_capture_on_commit_callbacks, visibility=Visibility.PUBLIC)
    assert titles("gårdfest") == ["Gårdfest"]


@pytest.mark.usefixtures("search_backend")
def test_anonymising_later_removes_the_name(
    archived, django_capture_on_commit_callbacks
):
    # A name of words: the factory's "Boligforeningen 0" (run alone) is
    # not found by its one-digit word, whatever the consent.
    input = archived(title="Gårdfest", organisation__name="Boligselskabet Sølyst")
    name = input.organisation.name
    assert titles(name) == ["Gårdfest"]
    _edit(input, django_capture_on_commit_callbacks, consent=Consent.ANONYMISED)
    assert titles(name) == []


@pytest.mark.usefixtures("search_backend")
def test_deletion_removes_it(archived, django_capture_on_commit_callbacks):
    input = archived(title="Gårdfest")
    with django_capture_on_commit_callbacks(execute=True):
        input.delete()
    assert titles("gårdfest") == []


@pytest.mark.usefixtures("search_backend")
def test_summary_publish_and_unpublish(demo_site, django_capture_on_commit_callbacks):
    parent = PartnershipPage.objects.first()
    page = SummaryPage(
        title="Opsamling om gårdfester",
        slug="gaardfester",
        introduction="Hvad naboerne lærte af gårdfesterne.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        parent.add_child(instance=page)
        page.save_revision().publish()
    assert titles("gårdfest") == ["Opsamling om gårdfester"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("gårdfest") == []


def test_rebuild_from_scratch(archived, demo_site):
    archived(title="Gårdfest")
    archived(title="Gårdmand", status=Status.DRAFT)
    from search.models import ArchiveDocument

    ArchiveDocument.objects.all().delete()  # a stale, broken index
    assert archive_rebuild() == 1
    assert titles("gårdfest") == ["Gårdfest"]


@pytest.mark.usefixtures("search_backend")
def test_rebuild_command(archived, demo_site):
    import io

    from django.core.management import call_command

    archived(title="Gårdfest")
    out = io.StringIO()
    call_command("rebuild_search_index", "--no-progress", stdout=out)
    assert "Indekserede 1 dokumenter" in out.getvalue()
    assert titles("gårdfest") == ["Gårdfest"]


def test_rebuild_restores_the_fulltext_indexes(archived, demo_site):
    # A PostgreSQL rebuild drops the GIN indexes to bulk-load and must build
    # every one again, the partial ones that visitors' searches read
    # included; SQLite's full-text table must survive the clear.
    archived(title="Gårdfest")
    archive_rebuild()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s",
                ["archive_search_archivematch"],
            )
            # As the migrations create them.
            expected = {
                f"archive_match_{name}_gin"
                for name in ("vector", "restricted", "public", "partnership")
            }
        else:
            from search.backends.sqlite import FTS

            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            expected = {FTS}
        assert expected <= {row[0] for row in cursor.fetchall()}
    assert titles("gårdfest") == ["Gårdfest"]


def _fulltext_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_relation_size('archive_search_archivematch')")
        else:
            from search.backends.sqlite import FTS

            cursor.execute(f"SELECT COUNT(*) FROM {FTS}_data")  # noqa: S608
        return cursor.fetchone()[0]


def test_a_rebuild_leaves_nothing_of_the_index_it_replaced(archived, demo_site):
    # Deleted rows live on in SQLite's FTS5 segments as delete markers, and
    # on PostgreSQL as dead rows, and every later search would read them.
    for n in range(30):
        archived(title=f"Gårdfest nummer {n}", challenge="Naboer mødes i gården.")
    archive_rebuild()
    size = _fulltext_size()
    archive_rebuild()
    assert _fulltext_size() == size
    assert len(titles("gårdfest")) == 20  # a page of them


def test_rebuild_numbers_documents_from_one_again(archived, demo_site):
    # SQLite packs ids into full-text rowids (search/backends/sqlite.py):
    # however often documents were reindexed, a rebuild brings them back.
    from search.models import ArchiveDocument
    from search.services import archive_index_input

    item = archived(title="Gårdfest")
    for _ in range(3):
        archive_index_input(input_id=item.pk)
    assert ArchiveDocument.objects.get().pk > 1
    archive_rebuild()
    assert ArchiveDocument.objects.get().pk == 1
    assert titles("gårdfest") == ["Gårdfest"]


def test_fulltext_rowid_packs_the_counting_columns():
    from search.backends.sqlite import KEY_BITS, IndexFull, key
    from search.models import ArchiveMatch

    packed = key(ArchiveMatch(id=5, audience=3, facet_set=700, place_set=90))
    assert packed >> KEY_BITS == 5
    assert (packed & 3, (packed >> 2) & 4095, packed >> 14 & (2**20 - 1)) == (
        3,
        90,
        700,
    )
    with pytest.raises(IndexFull, match="rebuild_search_index"):
        key(ArchiveMatch(id=1, audience=3, facet_set=2**20, place_set=1))


def test_indexing_one_at_a_time_gives_the_terms_a_rebuild_gives(archived, demo_site):
    # Compound parts depend on the document and fixed data only (the shipped
    # lexicon), not on what the index held when the document came in: the
    # first input's compounds have parts that only later inputs use.
    archived(
        title="Vaskekælder og cykelværksted",
        challenge="Beboerne mangler et fælleslokale.",
    )
    archived(title="Kælderen er våd", challenge="Vask af tøj og cykler.")
    archived(
        title="Værkstedet i lokalet",
        challenge="Fælles vaskeri.",
        visibility=Visibility.BL_ONLY,
    )
    archived(title="Lektiehjælp i opgangen", status=Status.IN_REVIEW)
    one_by_one = index_rows()
    assert len(one_by_one) == 4
    archive_rebuild()
    assert index_rows() == one_by_one


def test_vocabulary_counts_follow_edits_and_removals_as_a_rebuild_counts(
    archived, demo_site, django_capture_on_commit_callbacks
):
    from search.analysis import stem

    public = archived(title="Vaskekælder i gården", challenge="Vask og tøj.")
    hidden = archived(title="Hemmelig fest i gården", visibility=Visibility.BL_ONLY)
    archived(title="Gårdfest for alle", challenge="Tøj til byttemarked.")
    gone = archived(title="Byttemarked i kælderen")
    _edit(public, django_capture_on_commit_callbacks, title="Vaskeri i gården")
    _move(hidden, Status.ARCHIVED, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    counts = {term: (n, p) for term, n, p in vocabulary()}
    assert counts[stem("gården")] == (2, 1)
    assert counts[stem("hemmelig")] == (1, 0)  # only a BL-only input has it
    assert stem("vaskekælder") not in counts  # edited away
    assert counts[stem("byttemarked")] == (1, 1)  # one of two deleted
    one_by_one = vocabulary()
    archive_rebuild()
    assert vocabulary() == one_by_one
