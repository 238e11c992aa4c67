"""Background tasks that keep the archive index in step with the data.
Immediate in development and tests; the database worker runs them in
production (see README, "Archive search").

When the search engine does not answer, an indexing task enqueues itself
again with a growing delay (1, 2, 4 … minutes, RETRIES times). A backend
that cannot defer (the immediate one) or the last attempt logs the miss;
`manage.py search_index_check --repair` mends what was missed."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .query import SearchUnavailable

logger = logging.getLogger(__name__)
RETRIES = 6
FIRST_DELAY = timedelta(minutes=1)


def _retry_later(task_obj, attempt: int, *args) -> None:
    backend = task_obj.get_backend()
    if attempt >= RETRIES or not backend.supports_defer:
        logger.error(
            "Search index update %s%r missed after %d attempts; "
            "run manage.py search_index_check --repair",
            task_obj.name,
            args,
            attempt + 1,
        )
        return
    when = timezone.now() + FIRST_DELAY * 2**attempt
    task_obj.using(run_after=when).enqueue(*args, attempt=attempt + 1)


@task()
def index_input_task(input_id: int, attempt: int = 0) -> None:
    from .services import archive_index_input

    try:
        archive_index_input(input_id=input_id)
    except SearchUnavailable:
        _retry_later(index_input_task, attempt, input_id)


@task()
def index_inputs_task(input_ids: list[int], attempt: int = 0) -> None:
    from .services import archive_index_inputs

    try:
        archive_index_inputs(input_ids=input_ids)
    except SearchUnavailable:
        _retry_later(index_inputs_task, attempt, input_ids)


@task()
def index_summary_task(page_id: int, attempt: int = 0) -> None:
    from .services import archive_index_summary

    try:
        archive_index_summary(page_id=page_id)
    except SearchUnavailable:
        _retry_later(index_summary_task, attempt, page_id)


@task()
def remove_document_task(key: str, attempt: int = 0) -> None:
    from .services import archive_remove

    try:
        archive_remove(key=key)
    except SearchUnavailable:
        _retry_later(remove_document_task, attempt, key)


@task()
def send_saved_search_digests_task() -> int:
    from .digests import saved_searches_send_digests

    return saved_searches_send_digests()
