"""Names kept in the database in Danish, with an English name beside them."""

import unicodedata

from django import forms
from django.utils.translation import get_language


def _english() -> bool:
    return (get_language() or "").startswith("en")


def in_active_language(danish: str, english: str) -> str:
    """The English name when the page is in English and one is given;
    otherwise the Danish."""
    return english if english and _english() else danish


# The three code points after "z": Danish puts æ, ø, å last, in that order.
_DANISH = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
_ENGLISH = str.maketrans({"æ": "ae", "ø": "o"})


def alphabetical(text: str) -> tuple[str, str]:
    """A sort key for a name in the active language's alphabet, which
    neither the database's collation nor Python's code points give."""
    folded = text.casefold().translate(_ENGLISH if _english() else _DANISH)
    letters = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in letters if not unicodedata.combining(c)), text


class _InDisplayOrder(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = self.queryset.all()  # a fresh query each time, as Django's
        for obj in sorted(objects, key=lambda o: alphabetical(o.display_name)):
            yield self.choice(obj)


class _DisplayName:
    """Choices named and ordered in the reader's language (`display_name`)."""

    iterator = _InDisplayOrder

    def label_from_instance(self, obj):
        return obj.display_name


class DisplayNameChoiceField(_DisplayName, forms.ModelChoiceField):
    pass


class DisplayNameMultipleChoiceField(_DisplayName, forms.ModelMultipleChoiceField):
    pass
