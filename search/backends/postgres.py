"""PostgreSQL: tsvector columns built with the `danish` configuration over the
analysed terms, GIN-indexed, ranked with ts_rank_cd."""

from django.db import connection

from ..query import TermGroup
from .database import DOC, DatabaseBackend

CONFIG = "danish"


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
        return f"(d.search_vector @@ {q} OR d.restricted_vector @@ {q})"
    return f"d.search_vector @@ {q}"


class PostgresBackend(DatabaseBackend):
    name = "postgresql"

    def fulltext_insert(self, rows) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {DOC} SET search_vector = to_tsvector('{CONFIG}', terms), "  # noqa: S608
                f"restricted_vector = to_tsvector('{CONFIG}', restricted_terms) "
                "WHERE id = ANY(%s)",
                [[r.pk for r in rows]],
            )

    def fulltext_delete(self, ids) -> None:
        """The vectors live in the document row; deleting it is enough."""

    def fulltext_clear(self, cursor) -> None:
        """As fulltext_delete()."""

    def match_sql(self, groups, moderator, ranked):
        expression = tsquery(groups)
        return _match(moderator), [expression] * (2 if moderator else 1)

    def top_ids(self, cursor, request, groups, offset):
        """With several word groups, documents matching all of them come
        first in the full order: rank only those (the GIN index finds them)
        when they fill the page. Same rank expression as rank_sql(), so the
        order is the full ranking's."""
        # A moderator's document may match one group in the restricted
        # vector only: that takes the full ranking.
        if len(groups) < 2 or request.viewer.is_moderator:
            return None
        moderator = False
        every = " & ".join(f"({group_tsquery(g)})" for g in groups)
        where, params = self.where_sql(request, [])
        cursor.execute(
            f"SELECT d.id FROM {DOC} d WHERE {where} AND {_match(moderator)} "  # noqa: S608
            f"ORDER BY ts_rank_cd(d.search_vector, to_tsquery('{CONFIG}', %s)) "
            "DESC, d.published_at DESC, d.id DESC LIMIT %s OFFSET %s",
            [
                *params,
                *[every] * (2 if moderator else 1),
                tsquery(groups),
                request.page_size,
                offset,
            ],
        )
        ids = [row[0] for row in cursor.fetchall()]
        return ids if len(ids) == request.page_size else None

    def rank_sql(self, groups, moderator):
        rank = f"ts_rank_cd(d.search_vector, to_tsquery('{CONFIG}', %s)) DESC, "
        params = [tsquery(groups)]
        if len(groups) == 1:
            return f"{DOC} d", rank, params
        matched = " + ".join(
            f"(CASE WHEN {_match(moderator)} THEN 1 ELSE 0 END)" for _ in groups
        )
        group_params = []
        for g in groups:
            group_params += [tsquery([g])] * (2 if moderator else 1)
        return f"{DOC} d", f"({matched}) DESC, {rank}", group_params + params
