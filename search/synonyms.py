"""The moderators' synonym groups as the query parser uses them, and the
starter groups (search/data/synonyms.txt) a new site begins with."""

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .analysis import analyse
from .models import Synonym

STARTER = Path(__file__).parent / "data" / "synonyms.txt"


def synonym_map() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Each one-word member's stem → every member's analysed terms. One
    query; the table holds tens of rows, and their analysis (a millisecond
    or more for the starter groups) is remembered for the rows as read, so
    a moderator's change counts at the next search."""
    return _synonym_map(tuple(Synonym.objects.values_list("terms", flat=True)))


@lru_cache(maxsize=4)
def _synonym_map(groups: tuple[str, ...]) -> Mapping:
    out: dict[str, list[tuple[str, ...]]] = {}
    for terms in groups:
        members = [tuple(analyse(p)) for p in Synonym(terms=terms).phrases()]
        members = [m for m in members if m]
        for member in members:
            if len(member) == 1:
                out.setdefault(member[0], [])
                out[member[0]] += [m for m in members if m not in out[member[0]]]
    # Shared by every search: read-only.
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


def starter_groups() -> list[str]:
    """The starter file's groups, as a moderator would type them."""
    lines = STARTER.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and line[0] != "#"]


def synonyms_load_starter() -> int:
    """Add the starter groups the database lacks; a moderator's groups are
    never changed or deleted. Safe to run twice. Returns how many were
    added. Searches use them at once (no rebuild)."""
    existing = set(Synonym.objects.values_list("terms", flat=True))
    new = [Synonym(terms=t) for t in starter_groups() if t not in existing]
    for synonym in new:
        synonym.full_clean()
    Synonym.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
