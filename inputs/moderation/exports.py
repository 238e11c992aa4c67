"""The columns of the queue's CSV and XLSX export (one row per input)."""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..models import Input
from .selectors import latest_feedback


def export_columns() -> list[tuple[str, callable]]:
    def label(name):  # the model field's, as the inspect view shows it
        return str(capfirst(Input._meta.get_field(name).verbose_name))

    def names(items):  # in the reader's language, as the headers are
        return "; ".join(sorted(i.display_name for i in items))

    def answers(item):
        return "\n".join(item.answer_line(q, a) for q, a in item.answer_items())

    def date(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    return [
        (_("Referencenummer"), lambda i, f: i.reference or ""),
        (_("Status"), lambda i, f: i.get_status_display()),
        (_("Titel"), lambda i, f: i.title),
        (_("Type"), lambda i, f: i.get_kind_display()),
        (_("Organisation"), lambda i, f: i.organisation.name),
        (_("Kommune"), lambda i, f: i.municipality.name),
        (_("Region"), lambda i, f: i.municipality.region.name),
        (_("Partnerskaber"), lambda i, f: names(i.partnerships.all())),
        (_("Indkaldelse"), lambda i, f: i.call.title if i.call_id else ""),
        (_("Temaer"), lambda i, f: names(i.themes.all())),
        (_("Målgrupper"), lambda i, f: names(i.target_groups.all())),
        (_("Udfordringen"), lambda i, f: i.challenge),
        (_("Løsningen"), lambda i, f: i.solution),
        (_("Svar på ekstra spørgsmål"), lambda i, f: answers(i)),
        (_("Afdeling"), lambda i, f: i.estate),
        (_("Antal beboere"), lambda i, f: i.residents_reached or ""),
        (label("ongoing"), lambda i, f: _("Ja") if i.ongoing else _("Nej")),
        (_("Kontaktperson"), lambda i, f: i.contact_name),
        (_("Kontakt e-mail"), lambda i, f: i.contact_email),
        (_("Kontakt telefon"), lambda i, f: i.contact_phone),
        (_("Samtykke"), lambda i, f: i.get_consent_display()),
        (_("Synlighed"), lambda i, f: i.get_visibility_display()),
        (
            _("Mulige personoplysninger"),
            lambda i, f: _("Ja") if i.personal_data_flagged else _("Nej"),
        ),
        (
            _("Ansvarlig moderator"),
            lambda i, f: i.assigned_to.email if i.assigned_to_id else "",
        ),
        (_("Indsendt"), lambda i, f: date(i.submitted_at)),
        (_("Feedback"), lambda i, f: f.get(i.pk, "")),
    ]


def export_rows(queryset) -> Iterator[list]:
    """The header, then one row per input."""
    inputs = list(queryset)
    feedback = latest_feedback([i.pk for i in inputs])
    columns = export_columns()
    yield [label for label, _get in columns]
    for item in inputs:
        yield [get(item, feedback) for _label, get in columns]
