"""SQLite: an FTS5 table over the analysed terms, ranked with bm25."""

from django.db import connection

from ..query import TermGroup
from .database import DOC, DatabaseBackend

FTS = "archive_search_fts"
# How many of the best full-text matches top_ids() looks at.
CANDIDATES = 1000
IN_MATCH = f"d.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
# The same, but "+" keeps SQLite from looking each match up by id in the
# wide rows: it scans the narrow index and probes the (often large) match
# list instead, which costs the same whatever share of the archive matches.
IN_MATCH_SCAN = "+" + IN_MATCH


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

    def match_sql(self, groups, moderator, ranked):
        expression = _restrict(fts_expression(groups), moderator)
        if ranked:
            return f"{FTS} MATCH %s", [expression]
        return IN_MATCH_SCAN, [expression]

    def top_ids(self, cursor, request, groups, offset):
        """FTS5 finds its best CANDIDATES rows by bm25 without touching the
        documents; the page is taken from those that pass visibility and the
        filters. Exact when the page is full and its last hit ranks strictly
        better than the worst candidate (every document ranked at least as
        well is a candidate), or when the candidates are all the matches.
        With several word groups only documents matching all of them are
        candidates: they come first in the full order, and their bm25 is the
        same whichever way the groups are combined (it sums per phrase)."""
        expression = " AND ".join(fts_expression([g]) for g in groups)
        expression = _restrict(expression, request.viewer.is_moderator)
        where, params = self.where_sql(request, [])
        cursor.execute(
            f"WITH c AS MATERIALIZED (SELECT rowid AS id, rank AS r FROM {FTS} "  # noqa: S608
            f"WHERE {FTS} MATCH %s ORDER BY rank LIMIT %s), "
            "k AS (SELECT COUNT(*) AS n, MAX(r) AS worst FROM c) "
            f"SELECT d.id, c.r, k.n, k.worst FROM c JOIN {DOC} d ON d.id = c.id "
            f"CROSS JOIN k WHERE {where} "
            "ORDER BY c.r, d.published_at DESC, d.id DESC LIMIT %s OFFSET %s",
            [expression, CANDIDATES, *params, request.page_size, offset],
        )
        rows = cursor.fetchall()
        if not rows:
            return None
        _id, last, count, worst = rows[-1]
        full = len(rows) == request.page_size
        if full and last < worst:
            return [row[0] for row in rows]
        # Every match of every group was a candidate: nothing was left out.
        if count < CANDIDATES and (full or len(groups) == 1):
            return [row[0] for row in rows]
        return None

    def rank_sql(self, groups, moderator):
        from_sql = f"{FTS} JOIN {DOC} d ON d.id = {FTS}.rowid"
        if len(groups) == 1:
            return from_sql, f"bm25({FTS}), ", []
        matched = " + ".join(f"({IN_MATCH})" for _ in groups)
        params = [_restrict(fts_expression([g]), moderator) for g in groups]
        return from_sql, f"({matched}) DESC, bm25({FTS}), ", params
