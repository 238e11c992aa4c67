"""The scheduled jobs: every declared command exists, the runner runs a
job when it is due and not again before its next slot, and several
schedulers at once run each job once."""

import json
import subprocess
import sys
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.utils import timezone

from portal.ops.models import ScheduledJob
from portal.ops.schedule import (
    CLAIM,
    JOBS,
    Job,
    job_claim,
    job_release,
    last_run,
    run_due,
)
from search.models import SavedSearch

CPH = ZoneInfo("Europe/Copenhagen")


def test_every_declared_command_exists():
    commands = get_commands()
    assert JOBS
    for job in JOBS:
        assert job.command in commands, job
    assert len({job.name for job in JOBS}) == len(JOBS)
    assert {"apply_retention", "search_index_check"} <= {job.command for job in JOBS}


def test_every_declared_job_s_arguments_are_its_command_s():
    from django.core.management import load_command_class

    commands = get_commands()
    for job in JOBS:
        command = load_command_class(commands[job.command], job.command)
        command.create_parser("manage.py", job.command).parse_args(job.args)


def test_a_job_needs_exactly_one_of_every_and_at():
    with pytest.raises(ValueError):
        Job("both", "check", every=timedelta(hours=1), at=time(7))
    with pytest.raises(ValueError):
        Job("neither", "check")


def test_interval_job_is_due_after_its_interval():
    job = Job("hourly", "check", every=timedelta(hours=1))
    now = datetime(2026, 3, 1, 12, 0, tzinfo=CPH)
    assert job.due(last_run=None, now=now)
    assert not job.due(last_run=now - timedelta(minutes=59), now=now)
    assert job.due(last_run=now - timedelta(minutes=60), now=now)


def test_daily_job_is_due_once_per_day_after_its_time():
    job = Job("daily", "check", at=time(7, 0))
    ran = datetime(2026, 3, 1, 7, 0, 30, tzinfo=CPH)
    assert not job.due(last_run=ran, now=datetime(2026, 3, 1, 23, 59, tzinfo=CPH))
    assert not job.due(last_run=ran, now=datetime(2026, 3, 2, 6, 59, tzinfo=CPH))
    assert job.due(last_run=ran, now=datetime(2026, 3, 2, 7, 0, tzinfo=CPH))
    # Down all yesterday: it catches up once, not once per missed day.
    late = datetime(2026, 3, 4, 9, 0, tzinfo=CPH)
    assert job.due(last_run=ran, now=late)
    assert not job.due(last_run=late, now=late + timedelta(hours=3))


def test_daily_time_is_local_time_across_daylight_saving():
    job = Job("daily", "check", at=time(7, 0))
    # Summer time began on 29 March 2026: 07:00 local is 05:00 UTC.
    ran = datetime(2026, 3, 30, 5, 0, 1, tzinfo=ZoneInfo("UTC"))
    assert not job.due(
        last_run=ran, now=datetime(2026, 3, 31, 4, 59, tzinfo=ZoneInfo("UTC"))
    )
    assert job.due(
        last_run=ran, now=datetime(2026, 3, 31, 5, 0, tzinfo=ZoneInfo("UTC"))
    )


@pytest.mark.django_db
def test_runner_runs_due_jobs_once_and_records_them():
    jobs = [Job("digests", "send_saved_search_digests", every=timedelta(hours=1))]
    now = timezone.now()
    assert run_due(jobs=jobs, now=now) == ["digests"]
    assert last_run(jobs[0]) == now
    assert run_due(jobs=jobs, now=now + timedelta(minutes=30)) == []
    assert run_due(jobs=jobs, now=now + timedelta(hours=1)) == ["digests"]


@pytest.mark.django_db
def test_a_failing_job_does_not_stop_the_others(caplog):
    jobs = [
        Job("broken", "no_such_command", every=timedelta(hours=1)),
        Job("fine", "send_saved_search_digests", every=timedelta(hours=1)),
    ]
    assert run_due(jobs=jobs) == ["fine"]
    assert "schedule: broken failed" in caplog.text


@pytest.mark.django_db
def test_run_schedule_once_runs_the_declared_jobs(capsys):
    assert not SavedSearch.objects.exists()
    call_command("run_schedule", "--once")
    out = capsys.readouterr().out
    for job in JOBS:
        assert f"Ran {job.name}." in out
    call_command("run_schedule", "--once")
    assert "Ran " not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("job", "ran", "now"),
    [
        (Job("h", "check", every=timedelta(hours=1)), None, 0),
        (Job("h", "check", every=timedelta(hours=1)), -59, 0),
        (Job("h", "check", every=timedelta(hours=1)), -60, 0),
        (Job("d", "check", at=time(7, 0)), -60, 7 * 60 - 1),
        (Job("d", "check", at=time(7, 0)), -60, 7 * 60),
        (Job("d", "check", at=time(7, 0)), 7 * 60 + 1, 24 * 60 + 7 * 60 - 1),
        (Job("d", "check", at=time(7, 0)), 7 * 60 + 1, 24 * 60 + 7 * 60),
    ],
)
@pytest.mark.django_db
def test_the_database_s_due_is_the_job_s_due(job, ran, now):
    midnight = datetime(2026, 3, 1, tzinfo=CPH)
    now = midnight + timedelta(minutes=now)
    ran = None if ran is None else midnight + timedelta(minutes=ran)
    ScheduledJob.objects.create(name=job.name, last_run=ran)
    in_database = ScheduledJob.objects.filter(job.due_filter(now)).exists()
    assert in_database == job.due(last_run=ran, now=now)


@pytest.mark.django_db
def test_a_job_is_claimed_once_per_slot():
    job = Job("hourly", "check", every=timedelta(hours=1))
    now = timezone.now()
    assert job_claim(job=job, now=now)
    # A second scheduler at the same moment, while the first runs it.
    assert not job_claim(job=job, now=now)
    job_release(job=job, now=now)
    # After the run: not due again before its interval.
    assert not job_claim(job=job, now=now)
    assert not job_claim(job=job, now=now + timedelta(minutes=59))
    assert job_claim(job=job, now=now + timedelta(hours=1))
    assert last_run(job) == now + timedelta(hours=1)


@pytest.mark.django_db
def test_a_held_job_is_not_started_again_until_its_claim_expires():
    """A run longer than the interval is not overlapped by a second one; a
    claim left by a killed scheduler expires."""
    job = Job("often", "check", every=timedelta(minutes=1))
    now = timezone.now()
    assert job_claim(job=job, now=now)
    assert not job_claim(job=job, now=now + timedelta(minutes=5))
    assert job_claim(job=job, now=now + CLAIM)


# Each process: the real settings on the test database, then run_due() as
# run_schedule does, all starting together once every process is ready.
SCHEDULER = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.db import connection
from portal.ops.schedule import run_due

folder, me, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection.ensure_connection()
(folder / f"ready-{me}").touch()
while len(list(folder.glob("ready-*"))) < count:
    time.sleep(0.01)
print(json.dumps(run_due()))
"""


@pytest.mark.django_db(transaction=True)
def test_several_schedulers_at_once_run_each_job_once(reference_data, tmp_path):
    from tests.processes import database_cache_table, django_env

    env = django_env()
    database_cache_table()
    count = 4
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SCHEDULER, str(tmp_path), str(n), str(count)],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for n in range(count)
    ]
    ran = []
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        ran.extend(json.loads(out.strip().splitlines()[-1]))
    assert sorted(ran) == sorted(job.name for job in JOBS)
    assert set(ScheduledJob.objects.values_list("name", flat=True)) == {
        job.name for job in JOBS
    }
    assert not ScheduledJob.objects.filter(held_until__isnull=False).exists()
