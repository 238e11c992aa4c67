"""Live-only checks of the Elasticsearch backend: they need a server
(ELASTICSEARCH_URL, and with security on ELASTICSEARCH_API_KEY and
ELASTICSEARCH_CA_CERTS; see README, "Archive search") and are skipped,
with that reason, without one. The behaviour every backend shares is in the
parametrised suite (the search_backend fixture in conftest.py)."""

import os
import subprocess
import threading

import pytest
from django.urls import reverse

from search.backends import get_backend
from search.backends.elasticsearch_mapping import TERMS
from search.query import SearchRequest
from search.services import archive_rebuild, archive_search
from tests.search.conftest import LIVE_URL, NO_SERVER

pytestmark = [
    pytest.mark.skipif(not LIVE_URL, reason=NO_SERVER),
    pytest.mark.usefixtures("elasticsearch"),
]


@pytest.fixture
def elasticsearch(search_backend):
    """search_backend's Elasticsearch half only."""
    if search_backend != "elasticsearch":
        pytest.skip("an Elasticsearch-only check")


@pytest.mark.django_db
def test_the_index_analyzer_only_splits_our_terms(archived):
    archived(title="Lektiehjælp")
    backend = get_backend()
    tokens = backend.client.indices.analyze(
        index=backend.alias, analyzer=TERMS, text="lekti hjaelp koeg"
    )["tokens"]
    assert [t["token"] for t in tokens] == ["lekti", "hjaelp", "koeg"]
    field = backend.client.indices.analyze(
        index=backend.alias, field="terms", text="famili"
    )["tokens"]
    assert [t["token"] for t in field] == ["famili"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_never_shows_an_empty_archive(archived, reference_data):
    for n in range(30):
        archived(title=f"Gårdfest nummer {n}")
    errors, totals = [], []
    done = threading.Event()

    def search_in_a_loop():
        while not done.is_set():
            try:
                result = archive_search(request=SearchRequest(query="gårdfest"))
                totals.append(result.total)
            except Exception as error:  # noqa: BLE001 - any error fails the test
                errors.append(error)

    thread = threading.Thread(target=search_in_a_loop)
    thread.start()
    try:
        for _ in range(3):
            archive_rebuild(batch_size=7)
    finally:
        done.set()
        thread.join()
    assert errors == [] and totals and min(totals) == 30


STOP = os.environ.get("ELASTICSEARCH_STOP_COMMAND")
START = os.environ.get("ELASTICSEARCH_START_COMMAND")


@pytest.mark.skipif(
    not (STOP and START),
    reason="ELASTICSEARCH_STOP_COMMAND and ELASTICSEARCH_START_COMMAND not set",
)
@pytest.mark.django_db
def test_stopped_mid_run_then_back(client, archived, settings):
    """Stopped: the Danish page, and an update is deferred, not lost; back:
    the deferred update runs and is found."""
    from search.tasks import index_input_task

    input = archived(title="Gårdfest")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    subprocess.run(STOP, shell=True, check=True)  # noqa: S602 - the operator's command
    try:
        response = client.get(reverse("archive:search"), {"q": "gårdfest"})
        assert response.status_code == 503
        assert "Søgningen er ikke tilgængelig" in response.content.decode()
        input.title = "Sommerfest"
        input.save()
        index_input_task.call(input.pk)
    finally:
        subprocess.run(START, shell=True, check=True)  # noqa: S602
    (retry,) = index_input_task.get_backend().results
    backend = get_backend()
    backend.client.cluster.health(wait_for_status="yellow", timeout="60s")
    retry.task.call(*retry.args, **retry.kwargs)
    found = archive_search(request=SearchRequest(query="sommerfest")).hits
    assert [h.object_id for h in found] == [input.pk]
