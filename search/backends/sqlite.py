"""SQLite: an FTS5 table over the analysed terms, ranked with bm25."""

from django.db import connection

from ..query import TermGroup
from .database import MATCH, DatabaseBackend

FTS = "archive_search_fts"
# How many of the best full-text matches top_ids() looks at.
CANDIDATES = 1000
IN_MATCH = f"a.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
# FTS5's rank function; lower is better.
BM25 = f"bm25({FTS})"


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
        # FTS5 yields the matches; each looks up its narrow ArchiveMatch row
        # by rowid. CROSS JOIN keeps SQLite from turning that around (and
        # probing the full-text index once per visible document).
        return (
            f"{FTS} CROSS JOIN {MATCH} a ON a.id = {FTS}.rowid",
            f"{FTS} MATCH %s",
            [_restrict(fts_expression(groups), moderator)],
        )

    def top_ids(self, cursor, request, groups, offset):
        """FTS5 finds its best CANDIDATES rows by bm25 without touching the
        documents; the page is taken from those that pass visibility and the
        filters. Exact when the page is full and its last hit ranks strictly
        better than the worst candidate (every document ranked at least as
        well is a candidate), or when the candidates are all the matches.
        With several word groups only documents matching all of them are
        candidates: they come first in the full order, and their bm25 is the
        same whichever way the groups are combined (it sums per phrase)."""
        if len(groups) == 1 and request.facets:
            # Every match is read to count facets anyway: ranking them in
            # that same pass costs less than a second pass for candidates.
            return None
        expression = " AND ".join(fts_expression([g]) for g in groups)
        expression = _restrict(expression, request.viewer.is_moderator)
        where, params = self.where_sql(request)
        cursor.execute(
            f"WITH c AS MATERIALIZED (SELECT rowid AS id, {BM25} AS r FROM {FTS} "  # noqa: S608
            f"WHERE {FTS} MATCH %s ORDER BY r LIMIT %s), "
            "k AS (SELECT COUNT(*) AS n, MAX(r) AS worst FROM c) "
            f"SELECT c.id, c.r, k.n, k.worst FROM c JOIN {MATCH} a "
            f"ON a.id = c.id CROSS JOIN k WHERE {where} "
            "ORDER BY c.r, a.published_at DESC, c.id DESC LIMIT %s OFFSET %s",
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
        if len(groups) == 1:
            return f", {BM25} AS r", "r, ", []
        matched = " + ".join(f"({IN_MATCH})" for _ in groups)
        params = [_restrict(fts_expression([g]), moderator) for g in groups]
        return f", {BM25} AS r, ({matched}) AS k", "k DESC, r, ", params
