"""/healthz and /readyz: cheap, JSON, 200 when ready and 503 when not, and
never a secret or a person's data in the answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from inputs.models import Input
from inputs.states import Status
from search.services import archive_index_input
from tests.factories import InputFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_with_a_few_queries_however_much_data(
    client, settings, django_assert_max_num_queries
):
    settings.TASKS = DB_TASKS
    for _ in range(5):
        archive_index_input(input_id=InputFactory(status=Status.SUBMITTED).pk)
    with django_assert_max_num_queries(4):
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["tasks"] == {
        "ok": True,
        "backend": "DatabaseBackend",
        "oldest_ready_seconds": 0,
    }
    assert body["checks"]["search_index"] == {"ok": True, "lag_seconds": 0}
    assert response["Cache-Control"].startswith("max-age=0")


def _old_ready_task(seconds: int) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="search.tasks.index_input_task",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(seconds=seconds),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=seconds)
    )
    return task


def test_readyz_fails_when_the_task_backlog_is_old(client, settings):
    settings.TASKS = DB_TASKS
    settings.READYZ_TASK_BACKLOG_MAX_AGE = 600
    task = _old_ready_task(60)
    assert client.get("/readyz").status_code == 200
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=900)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is False
    assert 899 <= tasks["oldest_ready_seconds"] <= 960


def test_readyz_fails_when_the_index_lags_behind_the_newest_change(client, settings):
    settings.READYZ_SEARCH_INDEX_MAX_LAG = 900
    input = InputFactory(status=Status.SUBMITTED, organisation__name="Hemmelig Bolig")
    archive_index_input(input_id=input.pk)
    # A moderator accepts it, but the index was never told.
    Input.objects.filter(pk=input.pk).update(
        status=Status.ACCEPTED, updated_at=timezone.now() - timedelta(hours=1)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    index = response.json()["checks"]["search_index"]
    assert index["ok"] is False
    assert index["lag_seconds"] >= 3600
    assert "Hemmelig" not in response.text
    archive_index_input(input_id=input.pk)
    assert client.get("/readyz").status_code == 200


def test_readyz_tells_no_secrets(client, settings):
    response = client.get("/readyz")
    for secret in (settings.SECRET_KEY, "sqlite3", "postgres", "@"):
        assert secret not in response.text
