"""Production on one machine queues tasks in the database and a worker runs
them. Wagtail's tasks and ours share the one TASKS setting."""

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks.backends.database.models import DBTaskResult
from wagtail.tasks import update_reference_index_task

from search.tasks import index_input_task

DB_TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}


@task()
def record_call(value: str) -> str:
    return value.upper()


# The worker opens its own transactions, as it does in production.
@pytest.mark.django_db(transaction=True)
def test_database_backend_queues_and_the_worker_runs_our_tasks(settings):
    settings.TASKS = DB_TASKS
    result = record_call.enqueue("ok")
    index_input_task.enqueue(1)
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0
    )

    assert DBTaskResult.objects.filter(status="SUCCEEDED").count() == 2
    assert DBTaskResult.objects.get(id=result.id).return_value == "OK"


@pytest.mark.django_db
def test_wagtails_own_tasks_use_the_same_queue(settings):
    settings.TASKS = DB_TASKS
    update_reference_index_task.enqueue("wagtailcore", "page", 1)
    assert (
        DBTaskResult.objects.get().task_path
        == "wagtail.tasks.update_reference_index_task"
    )


def test_tests_and_development_run_tasks_immediately(settings):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
