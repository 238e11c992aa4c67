"""The personal-data guard: inputs are about residents and must not identify
them. One module, used by the web form and the import alike.

- A CPR number blocks saving. Only ten digits whose first six are a real birth
  date (with the century rule of the seventh digit, via python-stdnum) count;
  the modulus-11 check is not used, since numbers issued since 2007 may fail it.
- An e-mail address or a Danish phone number is a warning: it may be the
  organisation's own contact details, so the author confirms it and the input
  is flagged for the moderators.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr
from stdnum.exceptions import ValidationError as StdnumError

CPR = "cpr"
EMAIL = "email"
PHONE = "phone"

KIND_LABELS = {
    CPR: _("CPR-nummer"),
    EMAIL: _("e-mailadresse"),
    PHONE: _("telefonnummer"),
}

# Six digits, an optional hyphen (or space), four digits; not part of a longer
# run of digits.
_CPR_RE = re.compile(r"(?<![\d-])(\d{6})[- ]?(\d{4})(?![\d-])")
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])"
)
# Eight digits, first 2-9, written together or grouped 2-2-2-2 or 4-4, with an
# optional +45 / 0045 in front.
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)45[ -]?)?"
    r"[2-9]\d(?:(?:[ -]?\d{2}){3}|\d{2}[ -]\d{4})"
    r"(?![\w]|[ -]\d)"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    field: str
    label: str
    text: str

    @property
    def blocks(self) -> bool:
        return self.kind == CPR


def is_cpr(candidate: str) -> bool:
    """A real birth date in a date not in the future; no modulus-11 check."""
    try:
        cpr.validate(candidate)
    except StdnumError:
        return False
    return True


def scan_text(text: str) -> list[tuple[str, str]]:
    """Every (kind, matched text) in the text, CPR numbers first."""
    if not text:
        return []
    found = [
        (CPR, m.group(0))
        for m in _CPR_RE.finditer(text)
        if is_cpr(m.group(1) + m.group(2))
    ]
    found += [(EMAIL, m.group(0)) for m in _EMAIL_RE.finditer(text)]
    found += [(PHONE, m.group(0).strip()) for m in _PHONE_RE.finditer(text)]
    return found


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
    return _(
        "Feltet »%(label)s« indeholder et CPR-nummer (%(text)s). Input må ikke "
        "kunne identificere beboere: fjern CPR-nummeret, før du gemmer."
    ) % {"label": finding.label, "text": finding.text}


def warning_message(findings: Iterable[Finding]) -> str:
    parts = sorted({f"{KIND_LABELS[f.kind]} i »{f.label}«: {f.text}" for f in findings})
    return _(
        "Teksten indeholder mulige personoplysninger (%(found)s). Fjern dem, "
        "eller bekræft, at det er organisationens egne kontaktoplysninger."
    ) % {"found": "; ".join(parts)}
