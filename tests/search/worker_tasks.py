"""A task for the worker-kill test: an indexing task that is still running
when the worker is killed. It says it started (a file), waits far longer
than the test, then indexes as index_input_task does."""

import time
from pathlib import Path

from django_tasks import task

from search.services import archive_index_input


@task()
def slow_index_input_task(input_id: int, started: str) -> None:
    Path(started).write_text("started")
    time.sleep(600)
    archive_index_input(input_id=input_id)
