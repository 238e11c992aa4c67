"""Scheduled jobs, declared once. `manage.py run_schedule` (the Procfile's
scheduler process) runs each management command when it is due.

Every job must still be safe to run twice (a job killed halfway is run
again in its next slot). Two schedulers, on one machine or several, do not
both run a job: each job's last run and who holds it live in one database
row (ScheduledJob), and a scheduler claims a job with a single conditional
UPDATE that succeeds only if the job is due and nobody holds it. The
database decides; whichever scheduler's UPDATE comes second changes no row.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob

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

    def _slot(self, now: datetime) -> datetime:
        """The latest daily slot at or before `now`, in local time."""
        local = timezone.localtime(now)
        slot = local.replace(
            hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0
        )
        if slot > local:
            slot -= timedelta(days=1)
        return slot

    def due(self, *, last_run: datetime | None, now: datetime) -> bool:
        if last_run is None:
            return True
        if self.every is not None:
            return now - last_run >= self.every
        return last_run < self._slot(now)

    def due_filter(self, now: datetime) -> Q:
        """due() as a condition on ScheduledJob.last_run."""
        if self.every is not None:
            ran_before = Q(last_run__lte=now - self.every)
        else:
            ran_before = Q(last_run__lt=self._slot(now))
        return Q(last_run__isnull=True) | ran_before


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
    # Files chosen on a form that was never saved, once no session can
    # still take them along (inputs/pending_uploads.py).
    Job("abandoned-uploads", "delete_abandoned_uploads", at=time(3, 45)),
    # Mend what indexing missed (a worker or Elasticsearch outage).
    Job("search-index-check", "search_index_check", at=time(4, 0), args=("--repair",)),
]

# Longer than any job takes: a claim left by a killed scheduler expires, and
# the job runs again in its next slot.
CLAIM = timedelta(minutes=30)


def last_run(job: Job) -> datetime | None:
    return (
        ScheduledJob.objects.filter(name=job.name)
        .values_list("last_run", flat=True)
        .first()
    )


def job_claim(*, job: Job, now: datetime) -> bool:
    """Take `job` for this scheduler if it is due and nobody holds it. True
    for exactly one of any number of schedulers asking at once: the check and
    the write are one UPDATE, which the database runs one at a time per row.
    The run is recorded as it starts, so a failing job waits for its next
    slot rather than failing again every tick."""
    try:
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=job.name)
    except IntegrityError:
        pass  # another scheduler made the row first
    free = Q(held_until__isnull=True) | Q(held_until__lte=now)
    claimed = ScheduledJob.objects.filter(
        free, job.due_filter(now), name=job.name
    ).update(last_run=now, held_until=now + CLAIM)
    return claimed == 1


def job_release(*, job: Job, now: datetime) -> None:
    ScheduledJob.objects.filter(name=job.name, last_run=now).update(held_until=None)


def run_due(*, jobs=None, now: datetime | None = None) -> list[str]:
    """Run every job that is due and that this scheduler could claim; return
    the names of those that ran. A failing job is logged and the others
    still run."""
    now = now or timezone.now()
    ran = []
    for job in JOBS if jobs is None else jobs:
        if not job_claim(job=job, now=now):
            continue  # not due, or another scheduler has it
        try:
            logger.info("schedule: running %s", job.name)
            call_command(job.command, *job.args)
            ran.append(job.name)
        except Exception:
            logger.exception("schedule: %s failed", job.name)
        finally:
            job_release(job=job, now=now)
    return ran
