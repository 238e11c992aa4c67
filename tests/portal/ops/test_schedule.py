"""The scheduled jobs: every declared command exists, and the runner runs a
job when it is due and not again before its next slot."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone

from portal.ops.schedule import JOBS, Job, last_run, run_due
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
