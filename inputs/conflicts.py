"""An edit form refused because the input was saved after it was opened (in
another window, or by a colleague): what the person typed stays, and each
field the other save changed is marked, with the saved value beside it, so
pasting the text back does not quietly undo that save.

The form carries a fingerprint of each field as it was opened (the hidden
field "opened"); the fields whose saved value no longer matches it are the
ones changed since."""

import hashlib
import json

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STALE_MESSAGE = gettext_lazy(
    "Inputtet er blevet ændret i et andet vindue eller af en kollega, efter du "
    "åbnede det, så dine ændringer er ikke gemt. Din tekst står stadig nedenfor: "
    'kopiér den, <a href="{url}" target="_blank" rel="noopener">åbn det gemte '
    "input i et nyt vindue</a>, og indsæt dine ændringer dér."
)

CHANGED_MESSAGE = gettext_lazy(
    "Ændret i et andet vindue eller af en kollega, efter du åbnede siden. Den "
    "gemte udgave står under feltet."
)


def compared_fields(form) -> list[str]:
    """What the person writes or picks: not the files, tokens or the box."""
    return [*form.Meta.fields, "keywords", *form.question_names]


def _values(value) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    return sorted(str(getattr(v, "pk", v)) for v in values if v not in (None, ""))


def fingerprint(form) -> str:
    """Each compared field's value in an unbound form, hashed (short, and the
    text is not sent twice)."""
    return json.dumps(
        {
            name: hashlib.sha256(
                json.dumps(_values(form[name].initial)).encode()
            ).hexdigest()[:16]
            for name in compared_fields(form)
        }
    )


def _shown(field) -> str:
    """The saved value as the person would read it: choices by their labels."""
    value = field.initial
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    values = _values(value)
    choices = getattr(field.field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        values = [labels.get(v, v) for v in values]
    elif isinstance(value, list | tuple):
        values = sorted(str(v) for v in value)  # keywords by their names
    return ", ".join(values) or _("(tomt)")


def conflict_mark(*, form, saved) -> None:
    """Add the refusal to `form` (as posted) and mark each field whose value
    in `saved` (an unbound form of the input as saved now) differs from when
    the form was opened; form.saved_values holds what is saved there."""
    form.add_error(
        None,
        format_html(
            str(STALE_MESSAGE),
            url=reverse("inputs:edit", args=[saved.instance.pk]),
        ),
    )
    try:
        opened = json.loads(form.data.get("opened") or "{}")
    except ValueError:
        opened = None
    if not isinstance(opened, dict):
        opened = {}
    now = json.loads(fingerprint(saved))
    form.saved_values = {}
    for name in compared_fields(saved):
        if name in opened and opened[name] != now[name]:
            form.add_error(name, CHANGED_MESSAGE)
            form.saved_values[name] = _shown(saved[name])
