"""SQLite: an FTS5 table over the analysed terms, ranked with bm25.

An FTS5 row's rowid is its document's id with the document's facet sets and
audience packed below it (see key()): counting a query's facets then reads
the full-text index alone, where looking up each match's ArchiveMatch row
cost more than finding it."""

import json
from contextlib import contextmanager

from django.db import connection, transaction

from ..feedback import typed
from ..models import ArchiveFacetSet
from ..query import TermGroup
from .common import expanded, weighed
from .database import DatabaseBackend
from .sql import DOC, MATCH
from .types import Matches, Rank, Sql, Tier

FTS = "archive_search_fts"
# Bits of the rowid below the document's id, low to high: audience, place
# set, facet set. A rebuild numbers ids and sets from 1 again (clear()).
AUDIENCE_BITS, PLACE_BITS, FACET_BITS = 2, 12, 20
KEY_BITS = AUDIENCE_BITS + PLACE_BITS + FACET_BITS
# SQLite's rowid is a signed 64-bit integer.
ID_LIMIT = 2 ** (63 - KEY_BITS)
DOC_ID = f"({FTS}.rowid >> {KEY_BITS})"
IN_MATCH = f"a.id IN (SELECT {DOC_ID} FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
# FTS5's rank function; lower is better.
BM25 = f"bm25({FTS})"
# FTS5 yields the matches; each looks up its narrow ArchiveMatch row by
# rowid. CROSS JOIN keeps SQLite from turning that around (and probing the
# full-text index once per visible document).
MATCHES = f"{FTS} CROSS JOIN {MATCH} a ON a.id = {DOC_ID}"
CONDITION = f"{FTS} MATCH %s"
# The matches as ArchiveMatch's columns, unpacked from the rowid: what facet
# counting reads (all but the date).
KEYS = (
    f"(SELECT {DOC_ID} AS id, rowid & {2**AUDIENCE_BITS - 1} AS audience, "  # noqa: S608
    f"(rowid >> {AUDIENCE_BITS}) & {2**PLACE_BITS - 1} AS place_set, "
    f"(rowid >> {AUDIENCE_BITS + PLACE_BITS}) & {2**FACET_BITS - 1} AS facet_set "
    f"FROM {FTS} WHERE {FTS} MATCH %s) a"
)


class IndexFull(Exception):
    """An id too large for the rowid's bits: rebuild_search_index renumbers."""


def key(match) -> int:
    """The FTS5 rowid of an ArchiveMatch row."""
    if not (
        match.id < ID_LIMIT
        and match.facet_set < 2**FACET_BITS
        and match.place_set < 2**PLACE_BITS
    ):
        raise IndexFull(
            f"Arkivindekset er fuldt ({match.id}, {match.facet_set}, "
            f"{match.place_set}): kør manage.py rebuild_search_index."
        )
    return (
        match.id << KEY_BITS
        | match.facet_set << (AUDIENCE_BITS + PLACE_BITS)
        | match.place_set << AUDIENCE_BITS
        | match.audience
    )


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_expression(groups: list[TermGroup]) -> str:
    """Any group: each group any alternative, an alternative all its terms."""
    parts = []
    for group in groups:
        alternatives = [
            " AND ".join(_quote(t) for t in alt) if len(alt) > 1 else _quote(alt[0])
            for alt in group.alternatives
        ]
        parts.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
    return " OR ".join(parts)


def _every(groups: list[TermGroup]) -> str:
    """Every group: the tier's documents."""
    return " AND ".join(fts_expression([g]) for g in groups)


def _restrict(expression: str, moderator: bool) -> str:
    # Only moderators search the column with anonymised organisations' names.
    return expression if moderator else f"{{terms}} : ({expression})"


def _fulltext_delete(ids) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS} WHERE rowid >= %s AND rowid < %s",  # noqa: S608
            [(i << KEY_BITS, (i + 1) << KEY_BITS) for i in ids],
        )


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"

    def insert_matches(self, matches, rows, fresh) -> None:
        super().insert_matches(matches, rows, fresh)
        # A flush (transactional tests) empties the model tables but not this
        # virtual table; stale rows must not stand in for reused ids. After
        # clear() (a rebuild) there are none.
        if not fresh:
            _fulltext_delete([r.pk for r in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, terms, restricted_terms) VALUES (%s, %s, %s)",  # noqa: S608
                [
                    (key(m), r.terms, r.restricted_terms)
                    for r, m in zip(rows, matches, strict=True)
                ],
            )

    def delete_matches(self, ids) -> None:
        _fulltext_delete(ids)
        super().delete_matches(ids)

    def clear(self) -> None:
        """Also number documents and facet sets from 1 again, so their ids
        stay within the rowid's bits however often documents are indexed."""
        tables = [DOC, ArchiveFacetSet._meta.db_table]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608 - our table name
            super().clear()
            cursor.execute("DELETE FROM sqlite_sequence WHERE name IN (%s, %s)", tables)

    @contextmanager
    def bulk_load(self):
        """Then merge FTS5's segments into one, dropping the delete markers
        that clear() left for every earlier row: after a few rebuilds at
        100,000 inputs the index had three times the blocks, and a broad
        query's p95 was 43 ms instead of 30. It takes about a second."""
        yield
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")  # noqa: S608 - our table name

    def match_sql(self, groups, moderator):
        return Matches(
            MATCHES, CONDITION, (_restrict(fts_expression(groups), moderator),)
        )

    def in_sets_sql(self, column, ids):
        sql = f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608 - our column
        return Sql(sql, (json.dumps(ids),))

    def count_sql(self, groups, moderator):
        return Sql(KEYS, (_restrict(fts_expression(groups), moderator),))

    def tier_sql(self, groups, moderator):
        # FTS5 walks its matches newest rowid first and stops at the window,
        # so the rank is computed for the window's rows only. A document
        # holding every group has the same bm25 under AND as under OR (it
        # sums per phrase), so the full ranking agrees.
        expression = _every(groups)
        return Tier(
            matches=Matches(MATCHES, CONDITION, (_restrict(expression, moderator),)),
            recency=f"{FTS}.rowid",
            carry=f", {BM25} AS r",
            rank=Rank(", r", "r, "),
        )

    def rank_sql(self, groups, moderator):
        if len(groups) == 1:
            return Rank(f", {BM25} AS r", "r, ")
        matched = " + ".join(f"({IN_MATCH}){weighed(g)}" for g in groups)
        params = tuple(_restrict(fts_expression([g]), moderator) for g in groups)
        if not expanded(groups):
            return Rank(f", {BM25} AS r, ({matched}) AS k", "k DESC, r, ", params)
        every = _restrict(_every(typed(groups)), moderator)
        return Rank(
            f", {BM25} AS r, ({matched}) AS k, ({IN_MATCH}) AS t",
            "t DESC, k DESC, r, ",
            (*params, every),
        )
