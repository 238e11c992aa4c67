"""Import of inputs BL has received by e-mail (`manage.py import_inputs`).

Each row goes through the same InputForm and services as the web form, the
personal-data guard included. The import is all-or-nothing: every row is
checked (each in its own savepoint, so one bad row does not hide the next),
and if any fails, or on a dry run, the whole transaction is rolled back."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.organisations.models import Municipality, Organisation, Partnership

from .forms import DRAFT, QUESTION_PREFIX, SUBMIT, InputForm
from .models import CallPage, Input, TargetGroup, Theme
from .services import input_save
from .states import IllegalTransition, Status

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
KINDS = {"udfordring": "challenge", "løsning": "solution", "begge": "both"}
TRUE = {"ja", "j", "true", "1", "yes", "x"}
FALSE = {"nej", "n", "false", "0", "no", ""}


class RowError(Exception):
    pass


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class _Rollback(Exception):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {column: text}) from CSV, XLSX or JSON."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("inputs", [])
        return [
            (n, {k: _text(v) for k, v in row.items()})
            for n, row in enumerate(data, start=1)
        ]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        lines = sheet.iter_rows(values_only=True)
        header = [_text(h) for h in next(lines, [])]
        return [
            (n, dict(zip(header, (_text(v) for v in values), strict=False)))
            for n, values in enumerate(lines, start=2)
            if any(v not in (None, "") for v in values)
        ]
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        # The header tells the delimiter; the quoting is Excel's, whatever the
        # sniffer guesses from a header with no quotes in it.
        header = text.split("\n", 1)[0]
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
        reader = csv.DictReader(
            io.StringIO(text), dialect=csv.excel, delimiter=delimiter
        )
        return [
            (n, {k: _text(v) for k, v in row.items() if k})
            for n, row in enumerate(reader, start=2)
            if any(row.values())
        ]
    raise RowError(
        _("Filtypen %(suffix)s kendes ikke: brug .csv, .xlsx eller .json.")
        % {"suffix": suffix}
    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _lookup(model, column: str, slugs: list[str]) -> list[int]:
    found = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    missing = [s for s in slugs if s not in found]
    if missing:
        raise RowError(
            _("%(column)s: ukendt %(what)s")
            % {"column": column, "what": ", ".join(missing)}
        )
    return [found[s] for s in slugs]


def _boolean(column: str, value: str) -> bool:
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise RowError(
        _("%(column)s: skriv ja eller nej, ikke »%(value)s«")
        % {"column": column, "value": value}
    )


def _municipality(value: str) -> int | None:
    if not value:
        return None
    lookup = {"code": int(value)} if value.isdigit() else {"name__iexact": value}
    municipality = Municipality.objects.filter(**lookup).first()
    if municipality is None:
        raise RowError(
            _("municipality: ingen kommune hedder eller har koden »%(value)s«")
            % {"value": value}
        )
    return municipality.pk


def _submitted_at(value: str):
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise RowError(
            _("submitted_at: skriv datoen som ÅÅÅÅ-MM-DD, ikke »%(value)s«")
            % {"value": value}
        ) from error
    if isinstance(moment, datetime) and moment.time() == time(0) and "T" not in value:
        moment = datetime.combine(moment.date(), time(12))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _form_errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        prefix = f"{label}: " if label else ""
        parts.extend(prefix + str(e) for e in errors)
    return " ".join(parts)


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


def _import_row(row: dict, default_call: CallPage | None) -> tuple[Input, bool]:
    cvr = row.get("organisation_cvr", "").replace(" ", "")
    organisation = Organisation.objects.filter(cvr=cvr).first()
    if organisation is None:
        raise RowError(
            _("organisation_cvr: ingen organisation har CVR-nummer »%(cvr)s«")
            % {"cvr": cvr}
        )
    author = None
    if email := row.get("author_email"):
        author = get_user_model().objects.filter(email__iexact=email).first()
        if author is None or not organisation.memberships.filter(user=author).exists():
            raise RowError(
                _("author_email: %(email)s er ikke medlem af %(organisation)s")
                % {"email": email, "organisation": organisation.name}
            )
    call = default_call
    if slug := row.get("call"):
        call = CallPage.objects.filter(slug=slug).first()
        if call is None:
            raise RowError(
                _("call: ingen indkaldelse har slug »%(slug)s«") % {"slug": slug}
            )
    status = (row.get("status") or Status.SUBMITTED).lower()
    if status not in (Status.DRAFT, Status.SUBMITTED):
        raise RowError(
            _("status: kun draft eller submitted kan importeres, ikke »%(status)s«")
            % {"status": status}
        )
    partnership_slugs = _split(row.get("partnerships", ""))
    if partnership_slugs:
        partnerships = _lookup(Partnership, "partnerships", partnership_slugs)
    else:
        partnerships = (
            list(call.partnerships.values_list("pk", flat=True)) if call else []
        )
    kind = row.get("kind", "").lower()
    data = {
        "organisation": organisation.pk,
        "kind": KINDS.get(kind, kind),
        "title": row.get("title", ""),
        "challenge": row.get("challenge", ""),
        "solution": row.get("solution", ""),
        "partnerships": partnerships,
        "themes": _lookup(Theme, "themes", _split(row.get("themes", ""))),
        "target_groups": _lookup(
            TargetGroup, "target_groups", _split(row.get("target_groups", ""))
        ),
        "keywords": row.get("keywords", ""),
        "municipality": _municipality(row.get("municipality", ""))
        or organisation.municipality_id,
        "estate": row.get("estate", ""),
        "residents_reached": row.get("residents_reached", ""),
        "contact_name": row.get("contact_name", ""),
        "contact_email": row.get("contact_email", ""),
        "contact_phone": row.get("contact_phone", ""),
        "consent": row.get("consent", "") or "none",
    }
    if _boolean("ongoing", row.get("ongoing", "")):
        data["ongoing"] = "on"
    if _boolean("personal_data_confirmed", row.get("personal_data_confirmed", "")):
        data["confirm_personal_data"] = "on"
    data.update({k: v for k, v in row.items() if k.startswith(QUESTION_PREFIX)})
    submitted_at = _submitted_at(row.get("submitted_at", ""))
    form = InputForm(
        data,
        call=call,
        organisations=Organisation.objects.filter(pk=organisation.pk),
        intent=SUBMIT if status == Status.SUBMITTED else DRAFT,
    )
    if not form.is_valid():
        raise RowError(_form_errors(form))
    # The same row imported again finds the input it made the first time.
    token = uuid5(
        NAMESPACE_URL, f"import:{cvr}:{data['title']}:{row.get('submitted_at', '')}"
    )
    result = input_save(
        user=author,
        data=form.input_data(),
        organisation=organisation,
        call=call,
        token=token,
        submit=status == Status.SUBMITTED,
        enforce_call_window=False,
    )
    if result.created and submitted_at and result.input.status == Status.SUBMITTED:
        Input.objects.filter(pk=result.input.pk).update(submitted_at=submitted_at)
    return result.input, result.created


def inputs_import(
    *,
    rows: Iterable[tuple[int, dict]],
    call: CallPage | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import every row or none. Returns what happened, with every bad row's
    number and reason in Danish; nothing is saved if there are errors or on a
    dry run."""
    result = ImportResult()
    try:
        with transaction.atomic():
            for number, row in rows:
                result.rows += 1
                try:
                    with transaction.atomic():
                        _, created = _import_row(row, call)
                except RowError as error:
                    result.errors.append((number, str(error)))
                    continue
                except ValidationError as error:
                    result.errors.append((number, _validation_text(error)))
                    continue
                except (PermissionDenied, IllegalTransition) as error:
                    result.errors.append((number, str(error) or _("ingen adgang")))
                    continue
                result.created += created
                result.skipped += not created
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return result


def iter_with_progress(rows: list, stream) -> Iterator:
    from tqdm import tqdm

    return iter(tqdm(rows, desc="Importerer", unit="række", file=stream))
