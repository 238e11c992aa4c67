"""Names kept in the database in Danish, with an English name beside them."""

from django.utils.translation import get_language


def in_active_language(danish: str, english: str) -> str:
    """The English name when the page is in English and one is given;
    otherwise the Danish."""
    if english and (get_language() or "").startswith("en"):
        return english
    return danish
