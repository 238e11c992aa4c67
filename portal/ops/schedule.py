"""Scheduled jobs, declared once. `manage.py run_schedule` (the Procfile's
scheduler process) runs each management command when it is due.

Every job must be safe to run twice: a restart, a cleared cache or a second
scheduler may run it again. The last run of each job is kept in the shared
cache, and a job is claimed there before it runs, so two schedulers do not
run it at the same moment.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """Run `command` every `every`, or once a day at local time `at`."""

    name: str
    command: str
    every: timedelta | None = None
    at: time | None = None
    args: tuple[str, ...] = ()

    def __post_init__(self):
        if (self.every is None) == (self.at is None):
            raise ValueError(f"{self.name}: give either every or at")

    def due(self, *, last_run: datetime | None, now: datetime) -> bool:
        if last_run is None:
            return True
        if self.every is not None:
            return now - last_run >= self.every
        local = timezone.localtime(now)
        slot = local.replace(
            hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0
        )
        if slot > local:
            slot -= timedelta(days=1)
        return last_run < slot


JOBS = [
    # E-mails the worker could not deliver yet (the mail server was away)
    # or that a killed worker left behind (portal/mail/delivery.py).
    Job("mail-outbox", "send_queued_mail", every=timedelta(minutes=1)),
    # Yesterday's new submissions to the moderators (sends once a day).
    Job("moderator-digest", "send_moderator_digest", at=time(7, 0)),
    # Saved searches decide themselves which digests are due (daily, weekly).
    Job("saved-search-digests", "send_saved_search_digests", every=timedelta(hours=1)),
    # Erase contact persons and attachments, and delete never-accepted
    # inputs, of calls past their retention period.
    Job("retention", "apply_retention", at=time(3, 30), args=("--no-progress",)),
    # Mend what indexing missed (a worker or Elasticsearch outage).
    Job("search-index-check", "search_index_check", at=time(4, 0), args=("--repair",)),
]

LAST_RUN_KEY = "schedule:last-run:{}"
CLAIM_KEY = "schedule:claim:{}"
# Longer than any job takes: a claim left by a killed scheduler expires.
CLAIM_SECONDS = 30 * 60


def last_run(job: Job) -> datetime | None:
    return cache.get(LAST_RUN_KEY.format(job.name))


def run_due(*, jobs=None, now: datetime | None = None) -> list[str]:
    """Run every job that is due; return the names of those that ran. A
    failing job is logged and the others still run."""
    now = now or timezone.now()
    ran = []
    for job in JOBS if jobs is None else jobs:
        if not job.due(last_run=last_run(job), now=now):
            continue
        if not cache.add(CLAIM_KEY.format(job.name), 1, timeout=CLAIM_SECONDS):
            continue  # another scheduler is running it
        try:
            # Recorded first: a failing job waits for its next slot rather
            # than failing again every tick.
            cache.set(LAST_RUN_KEY.format(job.name), now, timeout=None)
            logger.info("schedule: running %s", job.name)
            call_command(job.command, *job.args)
            ran.append(job.name)
        except Exception:
            logger.exception("schedule: %s failed", job.name)
        finally:
            cache.delete(CLAIM_KEY.format(job.name))
    return ran
