"""Background tasks that keep the archive index in step with the data.
Immediate in development and tests; the database worker runs them in
production (see README, "Archive search")."""

from django_tasks import task


@task()
def index_input_task(input_id: int) -> None:
    from .services import archive_index_input

    archive_index_input(input_id=input_id)


@task()
def index_summary_task(page_id: int) -> None:
    from .services import archive_index_summary

    archive_index_summary(page_id=page_id)


@task()
def remove_document_task(key: str) -> None:
    from .services import archive_remove

    archive_remove(key=key)


@task()
def send_saved_search_digests_task() -> int:
    from .digests import saved_searches_send_digests

    return saved_searches_send_digests()
