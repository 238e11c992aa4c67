"""SQLite: an FTS5 table over the analysed terms, ranked with bm25."""

from django.db import connection

from ..query import TermGroup
from .database import MATCH, DatabaseBackend

FTS = "archive_search_fts"
IN_MATCH = f"a.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
# FTS5's rank function; lower is better.
BM25 = f"bm25({FTS})"
# FTS5 yields the matches; each looks up its narrow ArchiveMatch row by
# rowid. CROSS JOIN keeps SQLite from turning that around (and probing the
# full-text index once per visible document).
MATCHES = f"{FTS} CROSS JOIN {MATCH} a ON a.id = {FTS}.rowid"
CONDITION = f"{FTS} MATCH %s"


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


def _restrict(expression: str, moderator: bool) -> str:
    # Only moderators search the column with anonymised organisations' names.
    return expression if moderator else f"{{terms}} : ({expression})"


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"

    def fulltext_insert(self, rows, fresh=False) -> None:
        # A flush (transactional tests) empties the model tables but not this
        # virtual table; stale rows must not stand in for reused ids. After
        # clear() (a rebuild) there are none.
        if not fresh:
            self.fulltext_delete([r.pk for r in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, terms, restricted_terms) VALUES (%s, %s, %s)",  # noqa: S608
                [(r.pk, r.terms, r.restricted_terms) for r in rows],
            )

    def fulltext_delete(self, ids) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS} WHERE rowid = %s",  # noqa: S608
                [(i,) for i in ids],
            )

    def fulltext_clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608

    def match_sql(self, groups, moderator):
        return MATCHES, CONDITION, [_restrict(fts_expression(groups), moderator)]

    def tier_sql(self, groups, moderator):
        # FTS5 walks its matches newest rowid first and stops at the window,
        # so the rank is computed for the window's rows only. A document
        # holding every group has the same bm25 under AND as under OR (it
        # sums per phrase), so the full ranking agrees.
        expression = " AND ".join(fts_expression([g]) for g in groups)
        rank = (f", {BM25} AS r", ", r", "r, ", [])
        return (
            MATCHES,
            CONDITION,
            [_restrict(expression, moderator)],
            f"{FTS}.rowid",
            rank,
        )

    def rank_sql(self, groups, moderator):
        if len(groups) == 1:
            return f", {BM25} AS r", "r, ", []
        matched = " + ".join(f"({IN_MATCH})" for _ in groups)
        params = [_restrict(fts_expression([g]), moderator) for g in groups]
        return f", {BM25} AS r, ({matched}) AS k", "k DESC, r, ", params
