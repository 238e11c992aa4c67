"""Reading an import file: CSV, XLSX or JSON into numbered rows, after its
columns are checked. Whatever is wrong with the file as a whole (unreadable,
not the format its name says, unknown or missing columns) raises FileError
with every problem in Danish, before any row is looked at."""

import csv
import difflib
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms import QUESTION_PREFIX

COLUMNS = [
    "organisation_cvr",
    "author_email",
    "call",
    "partnerships",
    "kind",
    "title",
    "challenge",
    "solution",
    "themes",
    "target_groups",
    "keywords",
    "municipality",
    "estate",
    "residents_reached",
    "ongoing",
    "contact_name",
    "contact_email",
    "contact_phone",
    "consent",
    "personal_data_confirmed",
    "submitted_at",
    "status",
]
# Without these a row cannot become an input (the form needs a title even
# on a draft).
REQUIRED_COLUMNS = ("organisation_cvr", "title")
# The Danish names people write in a header, for the suggestion.
DANISH_NAMES = {
    "cvr": "organisation_cvr",
    "cvr-nummer": "organisation_cvr",
    "organisation": "organisation_cvr",
    "forfatter": "author_email",
    "indkaldelse": "call",
    "partnerskab": "partnerships",
    "partnerskaber": "partnerships",
    "type": "kind",
    "art": "kind",
    "titel": "title",
    "overskrift": "title",
    "udfordring": "challenge",
    "løsning": "solution",
    "tema": "themes",
    "temaer": "themes",
    "målgruppe": "target_groups",
    "målgrupper": "target_groups",
    "nøgleord": "keywords",
    "kommune": "municipality",
    "boligområde": "estate",
    "afdeling": "estate",
    "beboere": "residents_reached",
    "igangværende": "ongoing",
    "kontaktperson": "contact_name",
    "kontakt": "contact_name",
    "navn": "contact_name",
    "e-mail": "contact_email",
    "email": "contact_email",
    "telefon": "contact_phone",
    "samtykke": "consent",
    "persondata": "personal_data_confirmed",
    "dato": "submitted_at",
    "indsendt": "submitted_at",
}


class FileError(Exception):
    """The file cannot be imported; .problems are its reasons in Danish."""

    def __init__(self, *problems: str):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {column: text}) from CSV, XLSX or
    JSON. Raises FileError if the file cannot be read or its columns are
    not those the import knows (columns_check)."""
    suffix = path.suffix.lower()
    readers = {".json": _json, ".xlsx": _xlsx, ".csv": _csv}
    if suffix not in readers:
        raise FileError(
            _("Filtypen %(suffix)s kendes ikke: brug .csv, .xlsx eller .json.")
            % {"suffix": suffix}
        )
    try:
        columns, rows = readers[suffix](path)
    except OSError as error:
        raise FileError(
            _("Filen kan ikke læses: %(reason)s") % {"reason": error.strerror or error}
        ) from error
    columns_check(columns)
    return rows


def columns_check(columns: list[str]) -> None:
    """Every column must be one the import knows (or an extra question's
    answer), and the required ones must be there: a misspelt column would
    otherwise be dropped without a word, and its content lost."""
    problems = []
    for column in columns:
        if column in COLUMNS or column.startswith(QUESTION_PREFIX):
            continue
        if suggestion := _nearest(column):
            problems.append(
                _("Kolonnen »%(column)s« kendes ikke. Mente du »%(suggestion)s«?")
                % {"column": column, "suggestion": suggestion}
            )
        else:
            problems.append(
                _("Kolonnen »%(column)s« kendes ikke.") % {"column": column}
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(
            ngettext(
                "Filen mangler kolonnen %(columns)s.",
                "Filen mangler kolonnerne %(columns)s.",
                len(missing),
            )
            % {"columns": ", ".join(f"»{c}«" for c in missing)}
        )
    if problems:
        if any(c not in COLUMNS for c in columns):
            problems.append(
                _("Kolonnerne hedder: %(columns)s.") % {"columns": ", ".join(COLUMNS)}
            )
        raise FileError(*problems)


def _nearest(column: str) -> str | None:
    key = column.strip().lower()
    if key in DANISH_NAMES:
        return DANISH_NAMES[key]
    candidates = [*COLUMNS, *DANISH_NAMES]
    found = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    if not found:
        return None
    return DANISH_NAMES.get(found[0], found[0])


def _json(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FileError(
            _("Filen er ikke gyldig JSON i UTF-8: %(reason)s") % {"reason": error}
        ) from error
    if isinstance(data, dict):
        data = data.get("inputs", [])
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise FileError(
            _("JSON-filen skal være en liste af objekter, ét for hvert input.")
        )
    columns = list(dict.fromkeys(k for row in data for k in row))
    rows = [
        (n, {k: text(v) for k, v in row.items()}) for n, row in enumerate(data, start=1)
    ]
    return columns, rows


def _xlsx(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).active
        lines = sheet.iter_rows(values_only=True)
        header = [text(h) for h in next(lines, [])]
        rows = [
            (n, {h: text(v) for h, v in zip(header, values, strict=False) if h})
            for n, values in enumerate(lines, start=2)
            if any(v not in (None, "") for v in values)
        ]
    # A damaged or truncated workbook fails in zipfile or in the XML parser
    # under openpyxl, with whichever error comes first.
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise FileError(
            _(
                "Filen er ikke et gyldigt Excel-regneark (.xlsx): den er tom, "
                "ufuldstændig eller i et andet format. Gem den igen fra Excel."
            )
        ) from error
    return [h for h in header if h], rows


def _csv(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            _(
                "Filen er ikke gemt som UTF-8 (byte %(position)s). Gem den i Excel "
                "som »CSV UTF-8 (kommasepareret)«."
            )
            % {"position": error.start}
        ) from error
    # The header tells the delimiter; the quoting is Excel's, whatever the
    # sniffer guesses from a header with no quotes in it.
    header = content.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ";"  # one column, or none: columns_check says what is wrong
    reader = csv.DictReader(
        io.StringIO(content), dialect=csv.excel, delimiter=delimiter
    )
    try:
        rows = [
            (n, {k.strip(): text(v) for k, v in row.items() if k and k.strip()})
            for n, row in enumerate(reader, start=2)
            if any(row.values())
        ]
    except csv.Error as error:
        raise FileError(
            _("Filen er ikke en gyldig CSV-fil: %(reason)s") % {"reason": error}
        ) from error
    return [c.strip() for c in reader.fieldnames or [] if c and c.strip()], rows
