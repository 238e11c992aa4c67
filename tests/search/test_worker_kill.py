"""The index cannot drift: the real task worker (manage.py db_worker on the
database backend, a separate process) is killed with SIGKILL in the middle
of a batch of indexing tasks. The restarted worker does the rest; the task
that was running when it died is lost (django-tasks leaves it RUNNING), and
search_index_check --repair mends exactly that."""

import io
import signal

import pytest
from django.core.management import call_command
from django_tasks.backends.database.models import DBTaskResult

from inputs.models.inputs import Visibility
from inputs.states import Status
from search.documents import input_key
from search.models import ArchiveDocument
from search.services import archive_check
from search.tasks import index_input_task
from tests.factories import InputFactory
from tests.processes import task_worker, wait_until
from tests.search.helpers import move_to
from tests.search.worker_tasks import slow_index_input_task

BATCH = 30


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_an_index_that_is_mended(
    reference_data, settings, tmp_path
):
    # The inputs, accepted and public, with their indexing not yet run.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    inputs = []
    for number in range(BATCH):
        input = InputFactory(
            title=f"Vaskekælder {number}",
            visibility=Visibility.PUBLIC,
            consent="named",
        )
        move_to(input, Status.ACCEPTED)
        inputs.append(input.pk)
    assert not ArchiveDocument.objects.exists()

    # The batch: a first half, the task the worker will be running when it
    # is killed, a second half (the worker takes higher priorities first).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}
    }
    first, held, second = (
        inputs[: BATCH // 2],
        inputs[BATCH // 2],
        inputs[BATCH // 2 + 1 :],
    )
    for pk in first:
        index_input_task.using(priority=10).enqueue(pk)
    started = tmp_path / "started"
    slow_index_input_task.enqueue(held, str(started))
    for pk in second:
        index_input_task.using(priority=-10).enqueue(pk)

    worker_env = {"ELASTICSEARCH_URL": ""}
    with task_worker(**worker_env) as worker:
        wait_until(started.exists, what="the worker to reach the held task")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    indexed = set(ArchiveDocument.objects.values_list("key", flat=True))
    assert indexed == {input_key(pk) for pk in first}  # killed mid-batch
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1

    with task_worker(**worker_env):
        wait_until(
            lambda: not DBTaskResult.objects.ready().exists(),
            what="the restarted worker to finish the batch",
        )
    # Everything but the task the kill interrupted.
    check = archive_check()
    assert check.missing == [input_key(held)]
    assert check.stale == check.extra == []

    out = io.StringIO()
    call_command("search_index_check", "--repair", stdout=out)
    assert "Mangler i indekset: 1" in out.getvalue()
    assert archive_check().ok
    assert ArchiveDocument.objects.count() == BATCH
