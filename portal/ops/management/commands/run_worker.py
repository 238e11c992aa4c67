"""The Procfile's task worker: django-tasks' db_worker, made to outlive
what happens to a worker in production.

- A database restart: db_worker exits on the first OperationalError, and
  honcho then stops the whole stack. Here the worker waits and starts again.
- A worker killed mid-task (SIGKILL, the OOM killer, a power cut) leaves its
  task RUNNING for ever, so it would never run. Each worker here has the id
  `<host>:<pid>`, and on start it puts back in the queue the tasks that a
  worker on this host left RUNNING when its process is gone. Such a task
  runs again from the start: our tasks are safe to run twice (indexing is
  idempotent; an e-mail may in the worst case arrive twice, never not)."""

import logging
import os
import socket
import time

from django.db import close_old_connections, connections
from django_tasks.backends.database.management.commands import db_worker
from django_tasks.backends.database.models import DBTaskResult
from django_tasks.base import TaskResultStatus

from portal.ops.outage import DATABASE_UNAVAILABLE

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2


def worker_id(pid: int | None = None) -> str:
    return f"{socket.gethostname()[:40]}:{pid or os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_orphaned_tasks() -> list[str]:
    """Put back the tasks that a dead worker on this host left RUNNING; return
    their ids."""
    prefix = f"{socket.gethostname()[:40]}:"
    requeued = []
    for result in DBTaskResult.objects.running():
        last = (result.worker_ids or [""])[-1]
        if not last.startswith(prefix):
            continue  # another host's worker, or not one of ours
        try:
            pid = int(last.removeprefix(prefix))
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        updated = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        if updated:
            requeued.append(str(result.pk))
    if requeued:
        logger.warning(
            "worker: requeued %s task(s) a killed worker left running", len(requeued)
        )
    return requeued


class Command(db_worker.Command):
    help = (
        "Run the database task worker (db_worker's options), starting again "
        "after a database outage and requeueing tasks a killed worker left running."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id(), reload=False)

    def handle(self, *args, **options):
        while True:
            try:
                requeue_orphaned_tasks()
                return super().handle(*args, **options)
            except DATABASE_UNAVAILABLE as error:
                logger.warning(
                    "worker: the database is unavailable (%s); trying again in %s s",
                    type(error).__name__,
                    RETRY_SECONDS,
                )
                for connection in connections.all():
                    connection.close_if_unusable_or_obsolete()
                time.sleep(RETRY_SECONDS)
                close_old_connections()
