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
