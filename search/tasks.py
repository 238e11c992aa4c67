"""Background tasks that keep the archive index in step with the data."""

from django_tasks import task


@task()
def index_input_task(input_id: int) -> None:
    from .services import archive_index_input

    archive_index_input(input_id=input_id)
