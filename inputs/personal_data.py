"""The personal-data guard: inputs are about residents and must not identify
them. `input_text_check` is the one rule; every write of an input's text calls
it: the web form and the import (through the form and the services), a
moderator's redaction, the answers to extra questions, attachment names and
(for CPR numbers only) the contact-person fields and the text inside an
attached document (inputs/attachments.py); `note_check` holds a
moderator's notes to the same CPR rule, `no_cpr_number` what BL
publishes itself: its pages' fields and their blocks' texts, and
`no_cpr_number_in_email` every e-mail address a person types.

- A CPR number blocks saving. Ten digits count when the first six are a
  date that exists (in the century the seventh digit gives, via
  python-stdnum; one still to come too), however the groups are separated.
  The modulus-11 check is not used, not even as a hint: numbers issued since
  2007 may fail it, and a number that fails it identifies a resident all the
  same.
- An e-mail address or a Danish phone number must be confirmed: it may be the
  organisation's own contact details. The input is then flagged for the
  moderators.

How people write numbers: Word turns "-" into "–" or a non-breaking "‑", text
pasted from a PDF brings non-breaking and zero-width spaces, other fonts and
symbol pickers bring other digits (０, 𝟎, ², ①, ⑴, ⒈, ⑩), and CPR numbers
come as "010190-1234", "010190 1234", "01 01 90-1234", "0101.90.1234",
"010190:1234", "010190,1234", "010190;1234", "(010190)1234", "010190-12 34", with the year in four digits
("01011990-1234"), a digit at a time as read aloud, or glued to a label
("CPR-nr.:0101901234"). So the text is first read character for character
(inputs/text_reading.py: every dash as "-", every space as " ", every digit
Unicode knows as ASCII), then split into runs of digit groups; a run is read
as a CPR or phone number only if its groups have one of the shapes people use
for those, and not when a label beside it says it is something else (CVR,
P-nummer, konto), nor, for a number in one group, when a unit says it is an
amount (kr, %). Characters that show nothing (direction marks, zero-width and
invisible separators, the soft hyphen, combining marks) are read both as a
separator and as nothing, so they hide no number. What is found is reported
as it was written.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate, pairwise

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr
from stdnum.exceptions import ValidationError as StdnumError

from .text_reading import Reading, readings

CPR = "cpr"
EMAIL = "email"
PHONE = "phone"

KIND_LABELS = {
    CPR: _("CPR-nummer"),
    EMAIL: _("e-mailadresse"),
    PHONE: _("telefonnummer"),
}

# Where the forms show the checkbox that confirms contact details, and the
# key in a service's data that carries the confirmation.
CONFIRM_FIELD = "confirm_personal_data"
CONFIRMED = "personal_data_confirmed"
# An extra question's answer is the form field ANSWER_PREFIX + its clean name.
ANSWER_PREFIX = "question_"
ATTACHMENTS_FIELD = "attachments"
FILE_NAMES = "attachment_names"
# The contact-person fields are meant for contact details, so only a CPR
# number counts there. The contact e-mail is an e-mail address, under the
# rule of every address (no_cpr_number_in_email, its model field's validator).
CONTACT_FIELDS = ("contact_name", "contact_phone")


# Digit groups joined by spaces and up to three of - . / : , ; and
# parentheses ("010190--1234", "(010190)-1234", "010190;1234").
_RUN_RE = re.compile(
    r"[0-9]+(?:(?: {0,2}[-./:(),;](?: {0,2}[-./:(),;]){0,2} {0,2}| {1,3})[0-9]+)*"
)
# Joints only a CPR number is written with ("010190:1234", "(010190)1234",
# "010190,1234"), never a phone number: "kl. 10:00 12:00", "(2) 22 33" or
# "22, 33, 44, 55 beboere" are not phones.
_CPR_ONLY_JOINTS = re.compile(r"[:(),;]")
# A comma or semicolon separates the items of a list as a space does
# ("10, 12, 14", "12,50;1234"): a number may start or end there.
_LIST_JOINT = re.compile(r"[,;]")
_BOUNDARY = re.compile(r"[ ,;]")
_GROUP_RE = re.compile(r"[0-9]+")
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])"
)
# A label just before a number that says what it is: company and account
# numbers and amounts are never CPR or phone numbers; case numbers are not
# phone numbers.
_NUMBER_WORD = r"(?:[ .-]*(?:nr|nummer(?:et)?|numre|no)\b)"


def _label(*, alone: str, with_number: str) -> re.Pattern:
    return re.compile(
        rf"(?:\b(?:{alone}){_NUMBER_WORD}?|\b(?:{with_number}){_NUMBER_WORD})"
        # "P-nummer 1012345678", and "P-nummeret er 1012345678".
        r"(?:[ .:#-]*\b(?:er|lyder på)\b)?[ .:#-]*$",
        re.IGNORECASE,
    )


_COMPANY_LABEL = _label(
    alone="cvr|ean|gln|konto", with_number="p|se|reg|faktura|ordre|kunde|vare|bilags?"
)
_NOT_PHONE_LABEL = _label(
    alone="sag|journal|ref|reference", with_number="sags|j|løbe|lb"
)
# "kr. 1.000": an amount; but in "5.000 kr. 010190-1234" the amount has ended.
_AMOUNT_LABEL = re.compile(
    r"(?<![0-9] )(?<![0-9])\b(?:kr|dkk|eur)\b[ .:]*$", re.IGNORECASE
)
# An amount or a decimal number, not an identifier.
_AMOUNT_AFTER = re.compile(r" ?(?:kr\b|kroner|dkk|mio|mia|%|,-|,[0-9])", re.IGNORECASE)
_DECIMAL_BEFORE = re.compile(r"[0-9],$")

# The shapes of a CPR number: 0101901234, 010190-1234, 01 01 90-1234,
# 0101.90.1234, 010190-12 34, a digit at a time (0 1 0 1 9 0 1 2 3 4), and
# with the year in four digits: 01011990-1234, 01.01.1990-1234. Not five
# pairs: "opgangene 10 12 14 16 18" is a list of numbers, not a birth date.
_CPR_SHAPES = {
    (10,),
    (6, 4),
    (6, 2, 2),
    (2, 2, 2, 4),
    (4, 2, 4),
    (1,) * 10,
    (8, 4),
    (2, 2, 4, 4),
    (2, 2, 2, 2, 2),
    (2, 2, 4, 2, 2),
}
_MOST_GROUPS = 10
_SERIAL = 4


@dataclass(frozen=True)
class _Window:
    """Consecutive digit groups of a run, with the joints between them."""

    start: int
    end: int
    groups: tuple[str, ...]
    joints: tuple[str, ...]

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(g) for g in self.groups)


def _windows(text: str) -> Iterable[_Window]:
    """Every window of every run that starts and ends at the run's ends or at
    a joint holding a space, comma or semicolon: "2019-2020" is one number,
    "i 2019 0101901234" and "010190,123456" may be two."""
    for run in _RUN_RE.finditer(text):
        groups = list(_GROUP_RE.finditer(text, run.start(), run.end()))
        joints = [text[a.end() : b.start()] for a, b in pairwise(groups)]
        for first in range(len(groups)):
            if first and not _BOUNDARY.search(joints[first - 1]):
                continue
            for last in range(first, min(first + _MOST_GROUPS, len(groups))):
                if last < len(groups) - 1 and not _BOUNDARY.search(joints[last]):
                    continue
                yield _Window(
                    groups[first].start(),
                    groups[last].end(),
                    tuple(g.group() for g in groups[first : last + 1]),
                    tuple(joints[first:last]),
                )


def _labelled(text: str, window: _Window, *labels: re.Pattern) -> bool:
    """A label before says what the number is, or it is an amount: a word
    for money or a decimal comma beside it. But amounts are written in one
    group ("1010901234 kr.") or in thousands (1.010.901.234, never a CPR
    shape): "010190-1234 kr" is a CPR number before a word."""
    before = text[max(0, window.start - 30) : window.start]
    after = text[window.end : window.end + 8]
    if any(label.search(before) for label in labels):
        return True
    return len(window.groups) == 1 and (
        bool(_AMOUNT_LABEL.search(before))
        or bool(_AMOUNT_AFTER.match(after))
        or bool(_DECIMAL_BEFORE.search(before))
    )


def is_cpr(candidate: str) -> bool:
    """Ten digits whose first six are a date that exists in the century the
    seventh digit gives; no modulus-11 check. A date still to come counts:
    "120345-6789" (12 March 2045 by the century rule) is no one's number
    yet, but it is what a made-up or mistyped CPR number looks like, and a
    reader takes it for one (outside check)."""
    try:
        cpr.get_birth_date(candidate)
    except (StdnumError, ValueError):
        return False
    return True


def _cpr_digits(digits: str) -> str | None:
    """The ten digits of a CPR number written with a two- or four-digit
    year: DDMMYYSSSS, or DDMMYYYYSSSS when dropping the century gives one
    whose seventh digit puts its birth in the year as written."""
    if len(digits) == 10:
        return digits if is_cpr(digits) else None
    if len(digits) == 12:
        short = digits[:4] + digits[6:]
        if is_cpr(short) and cpr.get_birth_date(short).year == int(digits[4:8]):
            return short
    return None


def _cpr_joints(text: str, window: _Window) -> bool:
    """The joints inside the date are alike, and so are those inside the
    serial: the range 01.03-15.04.2020 has mixed joints. 01.01.90-1234,
    01 01 90 1234, 01 01 90 - 12 34 and 01.01.90 12 34 yes. A space alone
    after a dotted date is read as a date and a number only when the
    number is a year or an amount (01.01.20 2020, 01.05.20 1500 kr.), and
    spaces alone with the serial in two are a list (10 12 14 16 18). A
    comma or semicolon reads as a space: "10, 12, 14, 16, 18" is a list
    too, and "01,01,90,1234" a CPR number as "01 01 90 1234" is."""
    shape = window.shape
    date_length = sum(shape) - _SERIAL
    joints = [_as_space(joint) for joint in window.joints]
    at = list(zip(accumulate(shape[:-1]), joints, strict=True))
    date = {joint for end, joint in at if end < date_length}
    serial = {joint for end, joint in at if end > date_length}
    between = next((joint for end, joint in at if end == date_length), None)
    if len(date) > 1 or len(serial) > 1 or between is None:
        return False
    if between.strip() or not date:
        return True
    if next(iter(date)).strip():
        after = text[window.end : window.end + 8]
        return not (_is_year(window.groups[-1]) or _AMOUNT_AFTER.match(after))
    return shape[-2:] != (2, 2)


def _as_space(joint: str) -> str:
    """A joint with a comma or semicolon as what it holds besides them, or a
    space: ",-" is a dash, ", " a space."""
    if not _LIST_JOINT.search(joint):
        return joint
    return _LIST_JOINT.sub("", joint).strip() or " "


def _cpr_window(text: str, window: _Window) -> bool:
    shape = window.shape
    if shape not in _CPR_SHAPES:
        return False
    if len(shape) > 2 and not _cpr_joints(text, window):
        return False
    return _cpr_digits("".join(window.groups)) is not None and not _labelled(
        text, window, _COMPANY_LABEL
    )


def _is_year(group: str) -> bool:
    return len(group) == 4 and 1900 <= int(group) <= 2099


def _national_part(text: str, window: _Window) -> tuple[tuple, tuple, bool]:
    """(groups, joints) after a +45 or 0045 in front (also glued: +4522...),
    and whether there was one."""
    groups, joints = window.groups, window.joints
    plus = text[window.start - 1 : window.start] == "+"
    code = "45" if plus else "0045"
    if groups[0].startswith(code):
        rest = groups[0][len(code) :]
        if rest:
            return (rest, *groups[1:]), joints, True
        return groups[1:], joints[1:], True
    return groups, joints, False


_PHONE_LABEL = re.compile(
    r"\b(?:tlf|telefon\w*|mobil\w*|mob|ring\w*|sms|kontakt\w*)\b[ .:]*(?:\w+ )?$",
    re.IGNORECASE,
)


def _phone_window(text: str, window: _Window) -> bool:
    """Eight digits, the first 2-9, written together, in pairs with one kind
    of joint (22 33 44 55, 22-33-44-55) or as 2233 4455; not a year range,
    a case number, an amount or a company number."""
    national, joints, prefixed = _national_part(text, window)
    shape = tuple(len(g) for g in national)
    if not national or national[0][0] in "01":
        return False
    if any(_CPR_ONLY_JOINTS.search(joint) for joint in joints):
        return False
    if shape == (2, 2, 2, 2):
        if len(set(joints)) != 1:  # 10.00-12.00, 01.03-15.04
            return False
    elif shape == (4, 4):
        # 2019-2020, 2020-1234, "i 2020 1500 deltagere"; but "ring 2012 3456"
        # (a mobile number; then the label says so)
        labelled = prefixed or _PHONE_LABEL.search(text[: window.start][-30:])
        if _is_year(national[0]) and (
            _is_year(national[1]) or not labelled or " " not in joints[0]
        ):
            return False
    elif shape != (8,):
        return False
    return not _labelled(text, window, _COMPANY_LABEL, _NOT_PHONE_LABEL)


def _kept(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, longest first where they overlap."""
    kept = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _spans(text: str, accept) -> list[tuple[int, int]]:
    """The windows `accept` takes."""
    return [(w.start, w.end) for w in _windows(text) if accept(text, w)]


def _found(readings: list[Reading], accept) -> list[tuple[int, int]]:
    """The spans (in the original text) that `accept` takes in any reading."""
    spans = []
    for plain, origin in readings:
        for start, end in _spans(plain, accept):
            spans.append(
                (origin[start], origin[end - 1] + 1) if origin else (start, end)
            )
    return _kept(spans)


def scan_text(text: str) -> list[tuple[str, str]]:
    """Every (kind, matched text) in the text, CPR numbers first."""
    if not text:
        return []
    read = readings(text)
    cprs = _found(read, _cpr_window)
    phones = [
        (start, end)
        for start, end in _found(read, _phone_window)
        if not any(start < b and a < end for a, b in cprs)
    ]
    found = [(CPR, text[a:b]) for a, b in cprs]
    found += [(EMAIL, m.group(0)) for m in _EMAIL_RE.finditer(text)]
    found += [(PHONE, text[a:b]) for a, b in phones]
    return found


@dataclass(frozen=True)
class Finding:
    kind: str
    field: str
    label: str
    text: str

    @property
    def blocks(self) -> bool:
        return self.kind == CPR


def _texts(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Iterable):
        for item in value:
            yield from _texts(item)
    elif value is not None:
        yield str(value)


def scan(fields: Mapping[str, tuple[str, object]]) -> list[Finding]:
    """Scan {field name: (label, value)}; values may be strings or lists."""
    findings = []
    for name, (label, value) in fields.items():
        for text in _texts(value):
            for kind, matched in scan_text(text):
                findings.append(Finding(kind, name, str(label), matched))
    return findings


def blocking_message(finding: Finding) -> str:
    if finding.field == ATTACHMENTS_FIELD:
        return _(
            "Et filnavn indeholder et CPR-nummer (%(text)s). Input må ikke kunne "
            "identificere beboere: omdøb filen, og vælg den igen."
        ) % {"text": finding.text}
    return _(
        "Feltet »%(label)s« indeholder et CPR-nummer (%(text)s). Input må ikke "
        "kunne identificere beboere: fjern CPR-nummeret, før du gemmer."
    ) % {"label": finding.label, "text": finding.text}


def warning_message(findings: Iterable[Finding]) -> str:
    parts = sorted(
        {
            gettext("%(kind)s i »%(field)s«: %(text)s")
            % {"kind": KIND_LABELS[f.kind], "field": f.label, "text": f.text}
            for f in findings
        }
    )
    return _(
        "Teksten indeholder mulige personoplysninger (%(found)s). Fjern dem, "
        "eller bekræft, at det er organisationens egne kontaktoplysninger."
    ) % {"found": "; ".join(parts)}


def _input_fields(data: Mapping) -> dict[str, tuple[str, object]]:
    from .models import Input

    # The texts of an input that are checked: what it keeps per revision.
    fields = {
        name: (capfirst(Input._meta.get_field(name).verbose_name), data[name])
        for name in Input.CONTENT_FIELDS
        if name in data
    }
    if "keywords" in data:
        fields["keywords"] = (_("Nøgleord"), data["keywords"])
    for key, answer in (data.get("answers") or {}).items():
        if isinstance(answer, dict):
            label = answer.get("label") or key
            fields[ANSWER_PREFIX + key] = (label, answer.get("value"))
    if FILE_NAMES in data:
        fields[ATTACHMENTS_FIELD] = (_("Bilag"), data[FILE_NAMES])
    return fields


def input_text_findings(*, data: Mapping) -> list[Finding]:
    """What the rule finds in `data` (the same shape input_text_check takes)."""
    from .models import Input

    contact = {
        name: (capfirst(Input._meta.get_field(name).verbose_name), data[name])
        for name in CONTACT_FIELDS
        if name in data
    }
    return scan(_input_fields(data)) + [f for f in scan(contact) if f.blocks]


def file_name_check(name: str) -> None:
    """A chosen file's name holds no CPR number. Checked when the file is
    chosen (inputs.attachments.check_upload), so a file refused for its
    name is never stored, nor kept for the form's next try; the services
    check the names again (input_text_check). Raises ValidationError with
    the message the form shows beside its file field."""
    findings = [f for f in scan({ATTACHMENTS_FIELD: ("", name)}) if f.blocks]
    if findings:
        raise ValidationError([blocking_message(f) for f in findings], code="cpr")


def note_check(*, field: str, label: str, text: str) -> None:
    """A moderator's note (internal, or sent to the organisation) holds no
    CPR number either; contact details are fine there. Raises
    ValidationError keyed by `field`."""
    findings = [f for f in scan({field: (label, text)}) if f.blocks]
    if findings:
        raise ValidationError({field: [blocking_message(f) for f in findings]})


def cpr_numbers(text: str) -> list[str]:
    """The CPR numbers in `text`, as written."""
    return [matched for kind, matched in scan_text(text) if kind == CPR]


def no_cpr_number(value) -> None:
    """The validator of every other free text the portal keeps, beside the
    field or block that holds the number: what BL publishes (cms pages and
    their blocks, calls for input), people's and organisations' names, join
    requests, saved searches, vocabularies. The CPR rule of the inputs and
    the notes. Rich text is read without its tags; contact details are fine
    there. tests/test_no_cpr_numbers_anywhere.py holds every text field to
    it."""
    text = str(getattr(value, "source", value) or "")
    found = cpr_numbers(strip_tags(text))
    if found:
        raise ValidationError(
            _(
                "Teksten indeholder et CPR-nummer (%(text)s). Portalen må ikke "
                "kunne identificere nogen: fjern CPR-nummeret."
            ),
            code="cpr",
            params={"text": found[0]},
        )


# In an e-mail address every character that is neither a letter nor a
# digit (nor "@") stands between parts: "jens+010190+1234@" is read as
# "010190-1234".
_EMAIL_JOINTS = re.compile(r"[^\w.@-]")


def email_cpr_numbers(address: str) -> list[str]:
    """The CPR numbers in an e-mail address, as written."""
    address = address or ""
    read = _EMAIL_JOINTS.sub("-", address)  # one for one: the spans still fit
    return [address[a:b] for a, b in _found(readings(read), _cpr_window)]


def no_cpr_number_in_email(value) -> None:
    """The validator of every e-mail address a person types: sign-up and
    the account's addresses (portal.accounts.adapter.clean_email), the
    users' addresses in the admin, invitations, an input's contact e-mail.
    One message, beside the field."""
    found = email_cpr_numbers(str(value or ""))
    if found:
        raise ValidationError(
            _(
                "E-mailadressen indeholder et CPR-nummer (%(text)s). Portalen må "
                "ikke kunne identificere nogen: brug en anden e-mailadresse."
            ),
            code="cpr",
            params={"text": found[0]},
        )


def no_cpr_number_in_query(value) -> None:
    """no_cpr_number for a saved search's query string: each of its values
    (the search words, the facets) as the person typed it."""
    for _key, values in QueryDict(value or "").lists():
        for text in values:
            no_cpr_number(text)


class PageWithoutCprNumbers:
    """A page's own fields (title, search texts) under no_cpr_number; its
    other text fields and blocks name the validator themselves. Mixed in
    before Page."""

    GUARDED_PAGE_FIELDS = ("title", "seo_title", "search_description")

    def clean(self):
        super().clean()
        errors = {}
        for name in self.GUARDED_PAGE_FIELDS:
            try:
                no_cpr_number(getattr(self, name, ""))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


def marked_excerpt(text: str, matched: str, *, context: int = 40) -> SafeString:
    """The matched text in <mark>, with some of the text around it."""
    at = text.find(matched)
    if at < 0:
        return format_html("<mark>{}</mark>", matched)
    start, end = max(0, at - context), at + len(matched) + context
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start else "",
        text[start:at],
        matched,
        text[at + len(matched) : end],
        "…" if end < len(text) else "",
    )


def field_warning(finding: Finding, data: Mapping) -> SafeString:
    """The warning shown beside the field that holds the contact details,
    with the text marked and a link to the confirmation."""
    value = _input_fields(data).get(finding.field, ("", ""))[1]
    text = next((t for t in _texts(value) if finding.text in t), finding.text)
    return format_html(
        gettext(
            "Muligvis en personoplysning ({kind}): »{excerpt}«. Fjern den, eller bekræft "
            '<a href="#id_{confirm}">nederst på siden</a>, at det er '
            "organisationens egne kontaktoplysninger."
        ),
        kind=KIND_LABELS[finding.kind],
        excerpt=marked_excerpt(text, finding.text),
        confirm=CONFIRM_FIELD,
    )


def input_text_check(*, data: Mapping, confirmed: bool) -> bool:
    """The rule for every write of an input's text. `data` holds what is
    written: any of title, challenge, solution, estate, keywords, answers
    ({clean name: {label, value}}) and attachment_names.

    Raises ValidationError keyed by the form field that holds the text
    (answers as ANSWER_PREFIX + clean name, file names as "attachments"):
    for each CPR number, and on CONFIRM_FIELD for an e-mail address or phone
    number that is not `confirmed`. Returns whether such contact details were
    found, i.e. whether the input is to be flagged for the moderators."""
    findings = input_text_findings(data=data)
    errors = {}
    for finding in findings:
        if finding.blocks:
            errors.setdefault(finding.field, []).append(blocking_message(finding))
    warnings = [f for f in findings if not f.blocks]
    if warnings and not confirmed:
        errors[CONFIRM_FIELD] = [warning_message(warnings)]
    if errors:
        raise ValidationError(errors)
    return bool(warnings)


def confirm_field() -> forms.BooleanField:
    """The checkbox with which a form confirms contact details (CONFIRM_FIELD)."""
    return forms.BooleanField(
        label=_(
            "Jeg bekræfter, at oplysningerne er organisationens egne kontaktoplysninger"
        ),
        required=False,
    )


def typed_tags(bound_field) -> str:
    """A tag field's value as typed, for the rule to read before taggit
    splits and sorts it: "010190 1234" is two keywords and one CPR number.
    Taggit's quotes only group words, so they read as spaces."""
    typed = bound_field.data or ""
    if not isinstance(typed, str):
        typed = " ".join(map(str, typed))
    return typed.replace('"', " ")


def form_check(form, *, data: Mapping) -> None:
    """Runs the rule in a form's clean(), so its errors show beside the fields
    with the form's own; `form.personal_data_warning` says whether to show
    the confirmation checkbox."""
    try:
        input_text_check(
            data=data, confirmed=bool(form.cleaned_data.get(CONFIRM_FIELD))
        )
    except ValidationError as error:
        form.add_error(None, error)
        form.personal_data_warning = " ".join(form.errors.get(CONFIRM_FIELD, []))
        if form.personal_data_warning:
            _warn_beside_fields(form, data)


def _warn_beside_fields(form, data: Mapping) -> None:
    """Each e-mail address or phone number to confirm is shown beside its own
    field (not only at the end of a long form). When all of them are, the
    checkbox's own error no longer repeats them (the form's error summary
    would list each twice)."""
    warnings = [f for f in input_text_findings(data=data) if not f.blocks]
    for finding in warnings:
        if finding.field in form.fields:
            form.add_error(finding.field, field_warning(finding, data))
    if all(finding.field in form.fields for finding in warnings):
        form.errors[CONFIRM_FIELD] = form.error_class(
            [
                gettext(
                    "Bekræft, at de markerede oplysninger er organisationens egne "
                    "kontaktoplysninger, eller fjern dem fra teksten."
                )
            ]
        )
