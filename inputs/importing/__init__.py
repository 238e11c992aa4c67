"""Import of inputs BL has received by e-mail (`manage.py import_inputs`).

Two passes, so that the site keeps working while a large file is imported
and still nothing is half-saved:

1. Every row is checked without writing (rows.row_check: the web form's
   rules, the personal-data guard and input_create's own checks). If any
   row is bad, every bad row is reported with all its problems and nothing
   is written. A dry run stops here.
2. The rows are written in short transactions of at most BATCH_ROWS rows or
   BATCH_SECONDS, so that other writers (a member's "Indsend", a login) get
   the database between batches instead of waiting for the whole file.
   SQLite has one write lock for the whole database, and a waiting writer
   only tries again now and then, so there the import pauses briefly
   between batches.

A row is written by the same input_save the web form uses, and each row has
a stable key (rows.row_token): an import that was interrupted, or stopped at
a row that failed while being written, is simply run again, and the rows
already saved are recognised, not duplicated. Each batch is indexed for
search once it commits, in one go (inputs_changed_together)."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from ..models import Input
from ..services import input_save, inputs_changed_together
from ..services.submission import CallClosed
from ..states import IllegalTransition, Status
from .files import COLUMNS, REQUIRED_COLUMNS, FileError, read_rows
from .rows import Row, RowError, row_check, validation_messages

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "FileError",
    "ImportResult",
    "RowError",
    "inputs_import",
    "read_rows",
    "with_progress",
]

BATCH_ROWS = 100
BATCH_SECONDS = 0.5
# Longer than SQLite's longest sleep between a waiting writer's tries (100 ms).
SQLITE_PAUSE = 0.15


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # A row failed while being written: the batches before it are saved.
    interrupted: bool = False


def _let_others_write() -> None:
    if connection.vendor == "sqlite":
        time.sleep(SQLITE_PAUSE)


def _no_progress(rows: list, description: str) -> Iterable:
    return rows


def with_progress(stream) -> Callable[[list, str], Iterable]:
    """A progress bar on stream for each pass."""
    from tqdm import tqdm

    def progress(rows: list, description: str) -> Iterable:
        return tqdm(rows, desc=description, unit="række", file=stream)

    return progress


def _write(row: Row) -> bool:
    result = input_save(
        user=row.author,
        data=row.data,
        organisation=row.organisation,
        call=row.call,
        token=row.token,
        submit=row.submit,
        enforce_call_window=False,
    )
    if result.created and row.submitted_at and result.input.status == Status.SUBMITTED:
        Input.objects.filter(pk=result.input.pk).update(submitted_at=row.submitted_at)
    return result.created


def _check_all(rows, call, progress, result: ImportResult) -> list[Row]:
    checked = []
    for number, row in progress(list(rows), _("Kontrollerer")):
        result.rows += 1
        try:
            checked.append(row_check(number, row, call))
        except RowError as error:
            result.errors.append((number, str(error)))
    return checked


def _write_all(
    rows: list[Row],
    *,
    progress,
    between_batches: Callable[[], None],
    batch_rows: int,
    batch_seconds: float,
    result: ImportResult,
) -> None:
    pending = iter(progress(rows, _("Importerer")))
    finished = False
    while not finished:
        created = skipped = 0
        row = None
        try:
            with transaction.atomic(), inputs_changed_together():
                started = time.monotonic()
                finished = True
                for row in pending:
                    if _write(row):
                        created += 1
                    else:
                        skipped += 1
                    if (
                        created + skipped >= batch_rows
                        or time.monotonic() - started >= batch_seconds
                    ):
                        finished = False
                        break
        except ValidationError as error:
            # Checked already: only a change made meanwhile (a theme
            # deleted, a member removed) can fail a row here.
            message = " ".join(validation_messages(error))
        except (PermissionDenied, IllegalTransition, CallClosed) as error:
            message = str(error) or _("ingen adgang")
        else:
            result.created += created
            result.skipped += skipped
            if not finished:
                between_batches()
            continue
        result.errors.append((row.number, message))
        result.interrupted = True
        return


def inputs_import(
    *,
    rows: Iterable[tuple[int, dict]],
    call=None,
    dry_run: bool = False,
    progress: Callable[[list, str], Iterable] = _no_progress,
    between_batches: Callable[[], None] = _let_others_write,
    batch_rows: int = BATCH_ROWS,
    batch_seconds: float = BATCH_SECONDS,
) -> ImportResult:
    """Check every row, then, if all are good and this is no dry run, save
    them in short transactions (see the module's docstring). Returns what
    happened, with every bad row's number and reasons in Danish. Nothing is
    saved if a row is bad. Rows imported before are counted as skipped and
    not saved again. If a row fails while being written (only a change made
    meanwhile can cause it), the batches before it stay saved and
    result.interrupted is set: the same import run again goes on from there."""
    result = ImportResult()
    checked = _check_all(rows, call, progress, result)
    result.skipped = sum(row.exists for row in checked)
    if result.errors or dry_run:
        return result
    _write_all(
        [row for row in checked if not row.exists],
        progress=progress,
        between_batches=between_batches,
        batch_rows=batch_rows,
        batch_seconds=batch_seconds,
        result=result,
    )
    return result
