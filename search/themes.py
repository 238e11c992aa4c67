"""A query word that names a theme finds what is filed under it.

Moderators file inputs under themes, and give each theme the words people
use about it (`Theme.search_words`): "ledighed, fritidsjob, læreplads" for
Beskæftigelse. When a typed word, or one of its synonyms or compound
parts, is one of a theme's words, the query gains one more word group:
the theme's name, which every input filed under it holds (its label is
indexed with it, search/documents.py). It counts THEME_WEIGHT where a
typed word counts 1, as the feedback's group does: an input that says
"fritidsjob" and is filed under Beskæftigelse ranks above one that holds
as many typed words and is not, and is found at all when it holds none.
The marks look at the typed words only; the no-answer rule counts the
group's half, as it counts the feedback's."""

from functools import lru_cache

from inputs.models import Theme

from .analysis import analyse
from .query import TermGroup

THEME_WEIGHT = 0.5

Phrase = tuple[str, ...]


def theme_words() -> tuple[tuple[Phrase, frozenset[Phrase]], ...]:
    """Each theme's name as index terms, with its words' terms. One query;
    the analysis is remembered for the rows as read, so a moderator's edit
    counts at the next search (no rebuild: the index holds the names)."""
    return _theme_words(tuple(Theme.objects.values_list("name", "search_words")))


@lru_cache(maxsize=4)
def _theme_words(rows) -> tuple[tuple[Phrase, frozenset[Phrase]], ...]:
    out = []
    for name, search_words in rows:
        marker = tuple(analyse(name))
        phrases = set()
        for text in [name, *search_words.split(",")]:
            terms = tuple(analyse(text))
            # "holder sig hjemme" without its stop words must not shrink to
            # one common word ("hjem"): a phrase keeps two terms or is left.
            if terms and (len(terms) > 1 or len(text.split()) == 1):
                phrases.add(terms)
        if marker:
            out.append((marker, frozenset(phrases)))
    return tuple(out)


def theme_group(groups: list[TermGroup], stems: list[str], themes) -> TermGroup | None:
    """The group of the themes the typed `groups` name (`stems`: the typed
    words' stems in order, for phrases), or None."""
    alternatives = {a for g in groups if g.weight >= 1 for a in g.alternatives}
    runs = {
        tuple(stems[i:j])
        for i in range(len(stems))
        for j in range(i + 2, len(stems) + 1)
    }
    named = [
        marker for marker, phrases in themes if phrases & alternatives or phrases & runs
    ]
    if not named:
        return None
    return TermGroup(word="", alternatives=named, weight=THEME_WEIGHT)
