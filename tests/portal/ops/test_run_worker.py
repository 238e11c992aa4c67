"""The Procfile's worker puts back the tasks a killed worker left running,
and runs them."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django_tasks.backends.database.models import DBTaskResult

from portal.ops.management.commands.run_worker import (
    requeue_orphaned_tasks,
    worker_id,
)
from tests.portal.test_tasks import DB_TASKS, record_call


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait()
    return process.pid


def _running(value: str, worker: str) -> DBTaskResult:
    result = record_call.enqueue(value)
    row = DBTaskResult.objects.get(id=result.id)
    row.claim(worker)
    return row


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_task_runs_again_and_a_live_ones_is_left(settings):
    settings.TASKS = DB_TASKS
    orphan = _running("orphan", worker_id(_dead_pid()))
    # The parent process (pytest's runner or the shell) is alive.
    busy = _running("busy", worker_id(subprocess.os.getppid()))
    elsewhere = _running("elsewhere", "other-host:1")

    assert requeue_orphaned_tasks() == [str(orphan.pk)]

    call_command(
        "run_worker", batch=True, startup_delay=False, reload=False, verbosity=0
    )
    orphan.refresh_from_db()
    assert orphan.status == "SUCCEEDED"
    assert orphan.return_value == "ORPHAN"
    for row in (busy, elsewhere):
        row.refresh_from_db()
        assert row.status == "RUNNING"
