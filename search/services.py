"""The archive search service. Replaced by the real backends in issue 5."""


def archive_index_input(*, input_id: int) -> None:
    """(Re)index one input, or remove it when it must no longer be found."""
