"""Excerpts with the matching words marked, from the stored plain text.

Done in Python for the few hits on a page, so every backend marks the same
words: those whose stem is a query term, or that contain one (a compound)."""

import re
from functools import lru_cache
from html import escape, unescape

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, stem

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
EXCERPT_WORDS = 36


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    # Excerpts repeat the same words page after page.
    return fold(word)


@lru_cache(maxsize=100_000)
def _matches(word: str, terms: frozenset[str]) -> bool:
    if len(word) < 2:
        return False
    if stem(word) in terms:
        return True
    folded = _folded(word)
    # A compound holds the query word as its head or its first part.
    return any(
        (len(t) >= 3 and folded.startswith(t)) or (len(t) >= 4 and t in folded[3:])
        for t in terms
    )


def mark(text: str, terms: frozenset[str]) -> SafeString:
    """The whole text, escaped, with matching words in <mark>. The standard
    library's escape, as Django's does, without its check for lazy strings:
    a page of excerpts called it hundreds of times."""
    out, last = [], 0
    for m in _TOKEN.finditer(text):
        if _matches(m.group(), terms):
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, terms: frozenset[str]) -> SafeString:
    """About EXCERPT_WORDS words around the first match (or the opening)."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe("")
    first = next((i for i, m in enumerate(tokens) if _matches(m.group(), terms)), 0)
    start_i = max(0, first - EXCERPT_WORDS // 3)
    end_i = min(len(tokens), start_i + EXCERPT_WORDS)
    start = tokens[start_i].start() if start_i else 0
    end = tokens[end_i - 1].end() if end_i < len(tokens) else len(text)
    body = mark(text[start:end], terms)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - escaped by mark()


def plain_text(html: str) -> str:
    """A marked title or excerpt as plain text, for a spreadsheet or an
    e-mail: no tags and no entities (&#x27; back to ')."""
    return unescape(strip_tags(html))
