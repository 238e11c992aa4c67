"""Excerpts with the matching words marked, from the stored plain text.

Done in Python for the few hits on a page, so every backend marks the same
words, and by the index's own rule: a word is marked when the terms the
index holds for it (its stem, and the parts of a compound, search/analysis.py)
include a term of the query. The words of a phrase ("sidder alene", a
synonym of ensomhed) are marked only where they stand together: apart,
"sidder" and "alene" are no more about loneliness than "siden" is."""

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .analysis import REFERENCE, Analyzer

# A reference number (BL-2020-0035) is one word, as in the index.
_TOKEN = re.compile(rf"{REFERENCE.pattern}|[^\W_]+", re.IGNORECASE)
EXCERPT_WORDS = 36


@dataclass(frozen=True)
class Marks:
    """What to mark: the query's one-term alternatives, and its phrases
    (alternatives of several terms, in the order they are written)."""

    terms: frozenset[str]
    phrases: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of(cls, groups) -> "Marks":
        alternatives = {alt for g in groups for alt in g.alternatives}
        return cls(
            frozenset(alt[0] for alt in alternatives if len(alt) == 1),
            frozenset(alt for alt in alternatives if len(alt) > 1),
        )


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    # The one documents are indexed with. It remembers each word's terms,
    # which excerpts repeat page after page. (Imported here: the backends'
    # module imports this one.)
    from .backends.common import index_analyzer

    return index_analyzer()


def _marked(tokens: list[str], marks: Marks) -> set[int]:
    """Indexes of the tokens to mark."""
    terms = [_analyzer().word_terms(t.lower()) for t in tokens]
    out = {i for i, held in enumerate(terms) if marks.terms.intersection(held)}
    if marks.phrases:
        # A stop word between a phrase's words holds no terms, as in the index.
        content = [i for i, held in enumerate(terms) if held]
        for phrase in marks.phrases:
            n = len(phrase)
            for start in range(len(content) - n + 1):
                run = content[start : start + n]
                if all(phrase[k] in terms[i] for k, i in enumerate(run)):
                    out.update(run)
    return out


def mark(text: str, marks: Marks) -> SafeString:
    """The whole text, escaped, with matching words in <mark>. The standard
    library's escape, as Django's does, without its check for lazy strings:
    a page of excerpts called it hundreds of times."""
    tokens = list(_TOKEN.finditer(text))
    marked = _marked([m.group() for m in tokens], marks)
    out, last = [], 0
    for i in sorted(marked):
        m = tokens[i]
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, marks: Marks) -> SafeString:
    """About EXCERPT_WORDS words around the first match (or the opening)."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe("")
    first = min(_marked([m.group() for m in tokens], marks), default=0)
    start_i = max(0, first - EXCERPT_WORDS // 3)
    end_i = min(len(tokens), start_i + EXCERPT_WORDS)
    start = tokens[start_i].start() if start_i else 0
    end = tokens[end_i - 1].end() if end_i < len(tokens) else len(text)
    body = mark(text[start:end], marks)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - escaped by mark()


def plain_text(html: str) -> str:
    """A marked title or excerpt as plain text, for a spreadsheet or an
    e-mail: no tags and no entities (&#x27; back to ')."""
    return unescape(strip_tags(html))
