"""What the backends and their hooks hand each other: small frozen records
instead of tuples whose positions every caller must remember."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sql:
    """A piece of SQL and its parameters, in the order the text needs them."""

    text: str
    params: tuple = ()


@dataclass(frozen=True, slots=True)
class Matches:
    """Documents as ArchiveMatch rows aliased `a`: FROM `source` WHERE
    `condition`."""

    source: str
    condition: str
    params: tuple = ()

    def where(self, also: Sql) -> "Matches":
        """These matches, narrowed by one more condition."""
        return Matches(
            self.source, f"{self.condition} AND {also.text}", self.params + also.params
        )


@dataclass(frozen=True, slots=True)
class Rank:
    """How to rank matches: `select` adds columns to each row (it starts with
    a comma), and `order` is the start of the ORDER BY over them (it ends
    with a comma and a space; the date and the id break ties)."""

    select: str
    order: str
    params: tuple = ()


@dataclass(frozen=True, slots=True)
class Tier:
    """The documents holding every word group of the query. `recency` is the
    column that puts the most recently indexed first (descending); the
    ranked window's rows carry `carry` from `a`, and `rank` computes the
    rank `r` from them (or looks it up by the window's id, w0.id). These
    documents rank the same in the full ranking."""

    matches: Matches
    recency: str
    carry: str
    rank: Rank


@dataclass(frozen=True, slots=True)
class RankedPage:
    """A page of ranked document ids, and how many typed words the best
    match holds (common.by_word()), the themes' and the feedback's groups
    counted at their weight (None when no_answer() does not need it)."""

    ids: list[int]
    best: float | None


@dataclass(frozen=True, slots=True)
class TierWindow:
    """The tier's ranked window as a search reads it (sql.window()), once
    for both its rankings: the ids of its first rows (the feedback's first
    ranking), those of the page, and how many documents it holds."""

    tier: Tier
    head: list[int]
    ids: list[int]
    size: int


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many matching documents have one facet value."""

    name: str
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class IndexedState:
    """What the index check compares for one document."""

    status: str
    visibility: str
    title: str
