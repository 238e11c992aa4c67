"""One row of an import file checked, without writing: through the same
InputForm and the same checks as the web form and input_create
(input_build), the personal-data guard included. Every problem of the row
is reported at once."""

from dataclasses import dataclass
from datetime import datetime, time
from uuid import NAMESPACE_URL, UUID, uuid5

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.organisations.models import Municipality, Organisation, Partnership

from ..forms import DRAFT, QUESTION_PREFIX, SUBMIT, InputForm
from ..models import CallPage, Input, TargetGroup, Theme
from ..services.submission import input_build
from ..states import Status

KINDS = {"udfordring": "challenge", "løsning": "solution", "begge": "both"}
TRUE = {"ja", "j", "true", "1", "yes", "x"}
FALSE = {"nej", "n", "false", "0", "no", ""}


class RowError(Exception):
    """What is wrong with a row; several messages when several things are."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class Row:
    """A checked row: what input_save needs to write it."""

    number: int
    organisation: Organisation
    author: object
    call: CallPage | None
    data: dict
    token: UUID
    submit: bool
    submitted_at: datetime | None
    exists: bool


def row_token(row: dict) -> UUID:
    """The row's stable key: the same row imported again (or after an
    interrupted import) finds the input it made the first time."""
    cvr = row.get("organisation_cvr", "").replace(" ", "")
    title = row.get("title", "")
    return uuid5(NAMESPACE_URL, f"import:{cvr}:{title}:{row.get('submitted_at', '')}")


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
    if moment.time() == time(0) and "T" not in value:
        moment = datetime.combine(moment.date(), time(12))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _organisation(cvr: str) -> Organisation:
    organisation = Organisation.objects.filter(cvr=cvr).first()
    if organisation is None:
        raise RowError(
            _("organisation_cvr: ingen organisation har CVR-nummer »%(cvr)s«")
            % {"cvr": cvr}
        )
    return organisation


def _author(email: str, organisation: Organisation | None):
    if not email or organisation is None:
        return None  # without the organisation, its CVR number's error says it
    author = get_user_model().objects.filter(email__iexact=email).first()
    if author is None or not organisation.memberships.filter(user=author).exists():
        raise RowError(
            _("author_email: %(email)s er ikke medlem af %(organisation)s")
            % {"email": email, "organisation": organisation.name}
        )
    return author


def _call(slug: str, default: CallPage | None) -> CallPage | None:
    if not slug:
        return default
    call = CallPage.objects.filter(slug=slug).first()
    if call is None:
        raise RowError(
            _("call: ingen indkaldelse har slug »%(slug)s«") % {"slug": slug}
        )
    return call


def _status(value: str) -> str:
    status = (value or Status.SUBMITTED).lower()
    if status not in (Status.DRAFT, Status.SUBMITTED):
        raise RowError(
            _("status: kun draft eller submitted kan importeres, ikke »%(status)s«")
            % {"status": status}
        )
    return status


def _form_errors(form, skip: set[str]) -> list[str]:
    parts = []
    for name, errors in form.errors.items():
        if name in skip:
            continue  # that column's own error says it already
        label = form.fields[name].label if name in form.fields else ""
        prefix = f"{label}: " if label else ""
        parts.extend(prefix + str(e) for e in errors)
    return parts


def validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


class _Collect:
    """Runs each column's check, keeps every error and which field it is."""

    def __init__(self):
        self.messages: list[str] = []
        self.fields: set[str] = set()

    def __call__(self, field: str, check, *args, default=None):
        try:
            return check(*args)
        except RowError as error:
            self.messages.extend(error.messages)
            self.fields.add(field)
            return default


def row_check(number: int, row: dict, default_call: CallPage | None) -> Row:
    """The row checked as the web form and input_create check an input,
    without writing anything. Raises RowError with every problem of the row.
    A row imported before (its token is taken) is not checked again."""
    token = row_token(row)
    check = _Collect()
    cvr = row.get("organisation_cvr", "").replace(" ", "")
    organisation = check("organisation", _organisation, cvr)
    author = check("author", _author, row.get("author_email", ""), organisation)
    call = check("call", _call, row.get("call", ""), default_call)
    exists = Input.objects.filter(idempotency_token=token).exists()
    if exists and not check.messages:
        return Row(number, organisation, author, call, {}, token, False, None, True)
    status = check("status", _status, row.get("status", ""), default=Status.SUBMITTED)
    partnership_slugs = _split(row.get("partnerships", ""))
    if partnership_slugs:
        partnerships = check(
            "partnerships", _lookup, Partnership, "partnerships", partnership_slugs
        )
    else:
        partnerships = (
            list(call.partnerships.values_list("pk", flat=True)) if call else []
        )
    kind = row.get("kind", "").lower()
    data = {
        "organisation": organisation.pk if organisation else None,
        "kind": KINDS.get(kind, kind),
        "title": row.get("title", ""),
        "challenge": row.get("challenge", ""),
        "solution": row.get("solution", ""),
        "partnerships": partnerships or [],
        "themes": check(
            "themes", _lookup, Theme, "themes", _split(row.get("themes", ""))
        )
        or [],
        "target_groups": check(
            "target_groups",
            _lookup,
            TargetGroup,
            "target_groups",
            _split(row.get("target_groups", "")),
        )
        or [],
        "keywords": row.get("keywords", ""),
        "municipality": check(
            "municipality", _municipality, row.get("municipality", "")
        )
        or (organisation.municipality_id if organisation else None),
        "estate": row.get("estate", ""),
        "residents_reached": row.get("residents_reached", ""),
        "contact_name": row.get("contact_name", ""),
        "contact_email": row.get("contact_email", ""),
        "contact_phone": row.get("contact_phone", ""),
        "consent": row.get("consent", "") or "none",
    }
    if check("ongoing", _boolean, "ongoing", row.get("ongoing", "")):
        data["ongoing"] = "on"
    if check(
        "confirm_personal_data",
        _boolean,
        "personal_data_confirmed",
        row.get("personal_data_confirmed", ""),
    ):
        data["confirm_personal_data"] = "on"
    answers = {k: v for k, v in row.items() if k.startswith(QUESTION_PREFIX)}
    data.update(answers)
    submitted_at = check("submitted_at", _submitted_at, row.get("submitted_at", ""))
    form = InputForm(
        data,
        call=call,
        organisations=Organisation.objects.filter(
            pk=organisation.pk if organisation else None
        ),
        intent=SUBMIT if status == Status.SUBMITTED else DRAFT,
    )
    messages = check.messages
    unknown = [k for k in answers if k not in form.fields]
    if unknown:
        messages.append(
            _("%(columns)s: indkaldelsen har ikke det spørgsmål")
            % {"columns": ", ".join(unknown)}
        )
    if not form.is_valid():
        messages.extend(_form_errors(form, check.fields))
    elif organisation is not None:
        try:
            input_build(
                organisation=organisation,
                author=author,
                call=call,
                data=form.input_data(),
                enforce_call_window=False,
            )
        except ValidationError as error:
            messages.extend(validation_messages(error))
        except PermissionDenied as error:
            messages.append(str(error) or _("ingen adgang"))
    if messages:
        raise RowError(*messages)
    return Row(
        number=number,
        organisation=organisation,
        author=author,
        call=call,
        data=form.input_data(),
        token=token,
        submit=status == Status.SUBMITTED,
        submitted_at=submitted_at,
        exists=False,
    )
