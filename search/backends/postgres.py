"""PostgreSQL: tsvector columns over the analysed terms, in the narrow
ArchiveMatch rows, GIN-indexed, ranked with ts_rank."""

from contextlib import contextmanager

from django.db import connection

from ..feedback import typed
from ..models import ArchiveFacetSet, ArchiveFacetValue
from ..query import TermGroup
from .common import expanded, weighed
from .database import DatabaseBackend
from .sql import DOC, MATCH
from .types import Matches, Rank, Sql, Tier

# The terms are already Danish stems (search/analysis.py), so the `simple`
# configuration takes them as they are. The `danish` one stemmed them again,
# and dropped those that landed on its stop list ("siger" -> "sig"), from the
# index and the query alike, so PostgreSQL and SQLite searched other terms.
CONFIG = "simple"
# As created by migration 0001_initial: (name, column, the
# rows it holds). The partial ones serve visitors and partnership members
# (see sql.visibility()), who then visit only rows they may find.
GIN_INDEXES = (
    ("archive_match_vector_gin", "search_vector", ""),
    ("archive_match_restricted_gin", "restricted_vector", ""),
    ("archive_match_public_gin", "search_vector", " WHERE audience = 3"),
    ("archive_match_partnership_gin", "search_vector", " WHERE audience = 2"),
)
# ts_rank: term frequency, divided by 1 + the log of the document's length
# (normalization 1), as bm25 on SQLite weighs a mention in a short text
# above one in a long text; without it, long texts ranked first (the
# harder set, dev: nDCG@10 0.838 -> 0.850). ts_rank_cd (cover density)
# ranks no better here and costs a third more per match.
NORMALIZATION = 1
RANK = f"ts_rank(a.search_vector, to_tsquery('{CONFIG}', %s), {NORMALIZATION})"


def _quote(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "") + "'"


def group_tsquery(group: TermGroup) -> str:
    return " | ".join(
        "(" + " & ".join(_quote(t) for t in alt) + ")" for alt in group.alternatives
    )


def tsquery(groups: list[TermGroup]) -> str:
    return " | ".join(f"({group_tsquery(g)})" for g in groups)


def _match(moderator: bool) -> str:
    q = f"to_tsquery('{CONFIG}', %s)"
    if moderator:
        return f"(a.search_vector @@ {q} OR a.restricted_vector @@ {q})"
    return f"a.search_vector @@ {q}"


def _every(groups: list[TermGroup], moderator: bool) -> tuple[str, tuple]:
    """Every group, as a condition and its parameters: the tier's documents.
    A moderator's document may hold a group in the restricted vector only,
    and the full ranking counts it: each group on its own then."""
    if moderator:
        condition = " AND ".join(_match(True) for _ in groups)
        return condition, tuple(p for g in groups for p in [group_tsquery(g)] * 2)
    return _match(False), (" & ".join(f"({group_tsquery(g)})" for g in groups),)


class PostgresBackend(DatabaseBackend):
    name = "postgresql"
    pack_pairs = False

    def insert_matches(self, matches, rows, fresh) -> None:
        """One statement per batch, its columns as arrays: the vectors are
        computed in the INSERT itself (a later UPDATE would write every row
        twice), and the ORM would compile two expressions per row."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {MATCH} (id, audience, published_at, place_set, "  # noqa: S608 - our table name
                "facet_set, search_vector, restricted_vector) SELECT id, au, pa, ps, "
                f"fs, to_tsvector('{CONFIG}', t), to_tsvector('{CONFIG}', rt) FROM "
                "unnest(%s::bigint[], %s::smallint[], %s::timestamptz[], %s::int[], "
                "%s::int[], %s::text[], %s::text[]) AS u(id, au, pa, ps, fs, t, rt)",
                [
                    [m.id for m in matches],
                    [m.audience for m in matches],
                    [m.published_at for m in matches],
                    [m.place_set for m in matches],
                    [m.facet_set for m in matches],
                    [r.terms for r in rows],
                    [r.restricted_terms for r in rows],
                ],
            )

    def clear(self) -> None:
        """TRUNCATE rather than DELETE: a rebuild then leaves no dead rows
        that double the table (and every scan of it). Documents are numbered
        from 1 again, as on SQLite. Like the GIN drop in
        bulk_load(), it holds searches back until the rebuild commits."""
        # The few facet sets are deleted: their foreign key may have pending
        # checks in this transaction, which TRUNCATE refuses.
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {MATCH}, {DOC} RESTART IDENTITY")  # noqa: S608 - our table names
            for model in (ArchiveFacetValue, ArchiveFacetSet):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608

    def after_rebuild(self) -> None:
        """VACUUM marks the fresh pages all-visible, so counting reads the
        narrow index alone (an index-only scan) instead of the wide rows;
        the facet sets' tables lose the rows clear() deleted, which every
        count and filter would otherwise step over. It cannot run inside a
        transaction (as in tests): then autovacuum does it later."""
        if connection.in_atomic_block:
            return
        sets = (ArchiveFacetSet._meta.db_table, ArchiveFacetValue._meta.db_table)
        with connection.cursor() as cursor:
            for table in (MATCH, DOC, *sets):
                cursor.execute(f"VACUUM (ANALYZE) {table}")

    @contextmanager
    def bulk_load(self):
        """Building a GIN index once over all rows is far faster than
        updating it row by row; the rebuild's transaction keeps searches
        from seeing the table without it."""
        with connection.cursor() as cursor:
            for name, _column, _where in GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        yield
        with connection.cursor() as cursor:
            for name, column, where in GIN_INDEXES:
                cursor.execute(
                    f"CREATE INDEX {name} ON {MATCH} USING gin ({column}){where}"  # noqa: S608
                )

    def in_sets_sql(self, column, ids):
        # An array constant: PostgreSQL hashes it, and estimates from it.
        return Sql(f"{column} = ANY(%s::int[])", (ids,))

    def match_sql(self, groups, moderator):
        expression = tsquery(groups)
        return Matches(
            f"{MATCH} a", _match(moderator), (expression,) * (2 if moderator else 1)
        )

    def tier_sql(self, groups, moderator):
        condition, params = _every(groups, moderator)
        # Only the window's rows are ranked, after the LIMIT, each fetching
        # its vector by id: carrying the vectors through the sort of every
        # match that holds all the words cost more (3-6 ms at 4,000 matches).
        vector = f"(SELECT b.search_vector FROM {MATCH} b WHERE b.id = w0.id)"  # noqa: S608
        return Tier(
            matches=Matches(f"{MATCH} a", condition, params),
            recency="a.id",
            carry="",
            rank=Rank(
                f", ts_rank({vector}, to_tsquery('{CONFIG}', %s), {NORMALIZATION}) AS r",
                "r DESC, ",
                (tsquery(groups),),
            ),
        )

    def rank_sql(self, groups, moderator):
        params = [tsquery(groups)]
        if len(groups) == 1:
            return Rank(f", {RANK} AS r", "r DESC, ", tuple(params))
        matched = " + ".join(
            f"(CASE WHEN {_match(moderator)} THEN 1 ELSE 0 END){weighed(g)}"
            for g in groups
        )
        for g in groups:
            params += [tsquery([g])] * (2 if moderator else 1)
        if not expanded(groups):
            return Rank(
                f", {RANK} AS r, ({matched}) AS k", "k DESC, r DESC, ", tuple(params)
            )
        condition, every = _every(typed(groups), moderator)
        return Rank(
            f", {RANK} AS r, ({matched}) AS k, "
            f"(CASE WHEN {condition} THEN 1 ELSE 0 END) AS t",
            "t DESC, k DESC, r DESC, ",
            (*params, *every),
        )
