"""The statements both database backends run, built from the pieces each
database supplies (sqlite.py, postgres.py): its full-text condition, its
rank, its way of testing facet sets. A search is one statement that ranks
a window of the matches for the page of hits (window()) and one that counts
the facets, and so the total, in a single pass over the matches
(facet_counts())."""

from ..models import ArchiveDocument, ArchiveFacetSet, ArchiveFacetValue, ArchiveMatch
from ..query import Viewer
from .types import Matches, Rank, Sql, Tier

DOC = ArchiveDocument._meta.db_table
MATCH = ArchiveMatch._meta.db_table
VALUE = ArchiveFacetValue._meta.db_table
SET = ArchiveFacetSet._meta.db_table
Audience = ArchiveMatch.Audience
# Newest first, and the order that breaks every tie.
NEWEST = "a.published_at DESC, a.id DESC"
# Facet counts from `p`, the matches counted per pair of sets in one GROUP
# BY: each set's count then goes to each of its values. Exact counts, and
# the per-match work is a single GROUP BY.
COUNTS = (
    "c AS (SELECT fs AS s, SUM(n) AS n FROM p GROUP BY fs "  # noqa: S608 - our table names
    "UNION ALL SELECT ps, SUM(n) FROM p GROUP BY ps) "
    f"SELECT v.name, v.value, v.label, SUM(c.n) FROM c JOIN {VALUE} v "
    "ON v.facet_set_id = c.s GROUP BY v.name, v.value, v.label"
)
PAIR = 2**32


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def visibility(viewer: Viewer) -> Sql:
    """Who may find what, as a condition on `a`: only moderators find
    inputs that are not accepted (or archived) or that BL keeps to itself;
    see database.audience(). A member's partnerships stay a subquery: inside
    the OR, PostgreSQL hashes it once and reads the two partial GIN indexes;
    given the sets as constants, it read the full one."""
    if viewer.is_moderator:
        return Sql("1 = 1")
    sql = f"(a.audience = {Audience.PUBLIC:d}"
    ids = tuple(viewer.partnership_ids)
    if ids:
        sql += (
            f" OR (a.audience = {Audience.PARTNERSHIP:d} AND a.facet_set IN "  # noqa: S608 - our table names, values as params
            f"(SELECT p.facet_set_id FROM {VALUE} p WHERE p.name = 'partnership'"
            f" AND p.value IN ({_placeholders(ids)})))"
        )
    return Sql(sql + ")", ids)


def all_of(conditions: list[Sql]) -> Sql:
    return Sql(
        " AND ".join(c.text for c in conditions),
        tuple(p for c in conditions for p in c.params),
    )


def page(matches: Matches, rank: Rank | None, limit: int, offset: int) -> Sql:
    """Ids of a page of the matches: ranked by `rank`, else newest first.
    Ranked rows are (id, date, the rank's columns)."""
    if rank is None:
        return Sql(
            f"SELECT a.id FROM {matches.source} WHERE {matches.condition} "  # noqa: S608
            f"ORDER BY {NEWEST} LIMIT %s OFFSET %s",
            (*matches.params, limit, offset),
        )
    return Sql(
        f"SELECT a.id AS id, a.published_at AS pa{rank.select} "  # noqa: S608
        f"FROM {matches.source} WHERE {matches.condition} "
        f"ORDER BY {rank.order}pa DESC, id DESC LIMIT %s OFFSET %s",
        (*rank.params, *matches.params, limit, offset),
    )


def window(tier: Tier, size: int, offset: int, end: int, head: int = 0) -> Sql:
    """The tier's `size` most recent documents ranked, and its first `head`
    rows and rows `offset` to `end` of that ranking, as (id, the window's
    size, position) rows: one row with id NULL when none lies in the window."""
    m = tier.matches
    return Sql(
        "WITH w0 AS MATERIALIZED (SELECT a.id AS id, a.published_at AS pa"  # noqa: S608
        f"{tier.carry} FROM {m.source} WHERE {m.condition} "
        f"ORDER BY {tier.recency} DESC LIMIT %s), "
        f"w AS (SELECT id, pa{tier.rank.select} FROM w0), "
        "h AS (SELECT id, ROW_NUMBER() OVER "
        f"(ORDER BY {tier.rank.order}pa DESC, id DESC) AS n FROM w) "
        "SELECT h.id, k.size, h.n FROM (SELECT COUNT(*) AS size FROM w0) k "
        "LEFT JOIN h ON h.n <= %s OR (h.n > %s AND h.n <= %s) ORDER BY h.n",
        (*m.params, size, *tier.rank.params, head, offset, end),
    )


def tier_rest(tier: Tier, limit: int, offset: int) -> Sql:
    """The tier past the window, most recent first."""
    m = tier.matches
    return Sql(
        f"SELECT a.id FROM {m.source} WHERE {m.condition} "  # noqa: S608
        f"ORDER BY {tier.recency} DESC LIMIT %s OFFSET %s",
        (*m.params, limit, offset),
    )


def facet_counts(matches: Matches, pack_pairs: bool) -> Sql:
    """(name, value, label, count) of every facet value the matches have.
    `pack_pairs`: group by one integer per pair of sets rather than by the
    pair (SQLite sorts to group, and one integer sorts faster than two)."""
    source, where = matches.source, matches.condition
    if pack_pairs:
        pairs = (
            f"SELECT k / {PAIR} AS fs, k %% {PAIR} AS ps, n FROM "  # noqa: S608
            f"(SELECT a.facet_set * {PAIR} + a.place_set AS k, COUNT(*) AS n "
            f"FROM {source} WHERE {where} GROUP BY k) pk"
        )
    else:
        pairs = (
            "SELECT a.facet_set AS fs, a.place_set AS ps, COUNT(*) AS n "  # noqa: S608
            f"FROM {source} WHERE {where} GROUP BY a.facet_set, a.place_set"
        )
    return Sql(f"WITH p AS ({pairs}), {COUNTS}", matches.params)


def count(matches: Matches) -> Sql:
    return Sql(
        f"SELECT COUNT(*) FROM {matches.source} WHERE {matches.condition}",  # noqa: S608
        matches.params,
    )


CLEAR = [f"DELETE FROM {table}" for table in (MATCH, DOC, VALUE, SET)]  # noqa: S608
ANALYSE = [f"ANALYZE {table}" for table in (DOC, MATCH, VALUE)]
