"""The database backend: the denormalised index tables; a search is one
statement that ranks a window of the matches for the page of hits (see
_ranked_ids) and one that counts the facets, and so the total, in a single
pass over the matches, whatever the number of documents. The full-text
condition and the rank are the only vendor-specific parts (sqlite.py,
postgres.py)."""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import Q

from inputs.selectors import PUBLISHED_STATUSES

from ..analysis import Analyzer, lexicon
from ..documents import FACETS, MODERATOR_FACETS, IndexDocument
from ..feedback import FEEDBACK_DOCUMENTS, expansion, typed
from ..models import (
    ArchiveDocument,
    ArchiveFacetSet,
    ArchiveFacetValue,
    ArchiveMatch,
)
from ..query import Hit, SearchRequest, SearchResult, TermGroup
from ..synonyms import synonym_map
from ..vocabulary import (
    ALL_DOCUMENTS,
    VocabularyChange,
    document_frequencies,
    terms_near,
)
from .common import (
    empty_result,
    make_hit,
    no_answer,
    query_terms,
    viewer_facets,
)

DOC = ArchiveDocument._meta.db_table
MATCH = ArchiveMatch._meta.db_table
Audience = ArchiveMatch.Audience
PUBLIC = Audience.PUBLIC
VALUE = ArchiveFacetValue._meta.db_table
# Facets with many values go in a set of their own, so the other set's
# combinations stay few (see ArchiveFacetSet).
PLACE_FACETS = frozenset({"region", "municipality"})
# How many documents a query ranks by relevance at most (see _ranked_ids).
RANK_WINDOW = 1000


def set_column(name: str) -> str:
    return "place_set" if name in PLACE_FACETS else "facet_set"


class FacetSets:
    """Set ids by their values, creating the sets not seen before. A rebuild
    keeps one for all its batches."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def ids_for(self, value_lists) -> list[int]:
        values = {}
        signatures = []
        for vs in value_lists:
            text = json.dumps(sorted(set(vs)), ensure_ascii=False)
            # A digest: the values of a set can be longer than an index key.
            signature = hashlib.sha256(text.encode()).hexdigest()
            values[signature] = vs
            signatures.append(signature)
        missing = {s: values[s] for s in signatures if s not in self.ids}
        if missing:
            self._load(missing)
        return [self.ids[s] for s in signatures]

    def _load(self, missing: dict) -> None:
        ArchiveFacetSet.objects.bulk_create(
            [ArchiveFacetSet(signature=s) for s in missing],
            batch_size=1000,
            ignore_conflicts=True,
        )
        found = dict(
            ArchiveFacetSet.objects.filter(signature__in=list(missing)).values_list(
                "signature", "pk"
            )
        )
        # Only sets without values yet get them: another process may have
        # created (and filled) some of these sets meanwhile.
        filled = set(
            ArchiveFacetValue.objects.filter(facet_set_id__in=found.values())
            .values_list("facet_set_id", flat=True)
            .distinct()
        )
        ArchiveFacetValue.objects.bulk_create(
            [
                ArchiveFacetValue(facet_set_id=pk, name=n, value=v, label=lb)
                for signature, pk in found.items()
                if pk not in filled
                for n, v, lb in set(missing[signature])
            ],
            batch_size=2000,
        )
        self.ids.update(found)


def audience(status: str, visibility: str) -> int:
    """Who besides moderators may find a document: the rules of
    inputs_visible_to (PUBLISHED_STATUSES), as one small integer."""
    if status not in {str(s) for s in PUBLISHED_STATUSES}:
        return Audience.NOBODY
    if visibility == "public":
        return Audience.PUBLIC
    if visibility == "partnership":
        return Audience.PARTNERSHIP
    return Audience.BL


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def known_terms(candidates) -> dict[str, int]:
    """Which candidate terms are in the lexicon or in some indexed document,
    with how many documents hold them (a lexicon word no document holds: 1)."""
    candidates = set(candidates)
    found = document_frequencies(candidates, public=False)
    return dict.fromkeys(candidates & lexicon(), 1) | found


def near_terms(term: str, spread: int) -> dict[str, int]:
    """Candidates for a correction two edits away (query.parse)."""
    return terms_near(term, spread=spread, public=False)


def weighed(group: TermGroup) -> str:
    """SQL that weighs a group's 0 or 1 in rank_sql(): nothing for a typed
    word, so its query is unchanged."""
    return "" if group.weight == 1 else f" * {float(group.weight)!r}"


def term_counts(candidates) -> tuple[dict[str, int], int]:
    """How many documents hold each candidate term, and how many there are."""
    found = document_frequencies({*candidates, ALL_DOCUMENTS}, public=False)
    return found, found.pop(ALL_DOCUMENTS, 0)


def index_analyzer() -> Analyzer:
    """The analyzer documents are indexed with, alone or in a rebuild: it
    splits compounds with the lexicon only, so a document's terms do not
    depend on what else the index holds."""
    return Analyzer(lexicon())


class DatabaseBackend:
    name = "database"

    # --- writes -----------------------------------------------------------
    def index(self, document: IndexDocument) -> None:
        self.index_many([document])

    def index_many(
        self,
        documents: list[IndexDocument],
        analyzer=None,
        sets=None,
        fresh=False,
        vocabulary=None,
    ) -> None:
        """Replace these documents in the index, in one transaction. `analyzer`,
        `sets` (FacetSets) and `vocabulary` (a VocabularyChange, saved by
        the caller) are what a rebuild shares between batches; `fresh`: the
        index was just cleared, so there is nothing to replace."""
        if not documents:
            return
        if fresh:
            # A rebuild's batch goes in by audience, public first, otherwise
            # in the order given: on PostgreSQL a visitor's matches then
            # share fewer heap pages, which counting visits, and ids still
            # follow the pages. Within a batch only: ordered throughout
            # (CLUSTER), the table made PostgreSQL scan the audience index
            # and test every public row's vector.
            documents = sorted(
                documents, key=lambda d: -audience(d.status, d.visibility)
            )
        analyzer = analyzer or index_analyzer()
        sets = sets or FacetSets()
        change = vocabulary or VocabularyChange()
        with transaction.atomic():
            if not fresh:
                self._delete_keys([d.key for d in documents], change)
            values = [
                [(n, v[:64], lb[:200]) for n, v, lb in d.facets] for d in documents
            ]
            place_sets = sets.ids_for(
                [[f for f in vs if f[0] in PLACE_FACETS] for vs in values]
            )
            facet_sets = sets.ids_for(
                [[f for f in vs if f[0] not in PLACE_FACETS] for vs in values]
            )
            rows, matches = [], []
            for d, place_set, facet_set in zip(
                documents, place_sets, facet_sets, strict=True
            ):
                terms = analyzer.analyse(f"{d.title}\n{d.body}\n{d.extra_text}")
                restricted = analyzer.analyse(d.restricted_text)
                change.add(terms, public=audience(d.status, d.visibility) == PUBLIC)
                rows.append(
                    ArchiveDocument(
                        key=d.key,
                        source=d.source,
                        object_id=d.object_id,
                        title=d.title[:255],
                        body=d.body,
                        url=d.url,
                        organisation_name=d.organisation_name,
                        status=d.status,
                        visibility=d.visibility,
                        published_at=d.published_at,
                        meta=d.meta,
                        terms=" ".join(terms),
                        restricted_terms=" ".join(restricted),
                    )
                )
                matches.append(
                    ArchiveMatch(
                        audience=audience(d.status, d.visibility),
                        published_at=d.published_at,
                        place_set=place_set,
                        facet_set=facet_set,
                    )
                )
            rows = ArchiveDocument.objects.bulk_create(rows, batch_size=500)
            for row, match in zip(rows, matches, strict=True):
                match.id = row.pk
            self.insert_matches(matches, rows)
            if vocabulary is None:
                change.save()
            self.fulltext_insert(rows, matches, fresh=fresh)

    def remove(self, key: str) -> None:
        with transaction.atomic():
            change = VocabularyChange()
            self._delete_keys([key], change)
            change.save()

    def _delete_keys(self, keys: list[str], change: VocabularyChange) -> None:
        """Delete these documents, counting their terms out of `change`."""
        rows = ArchiveDocument.objects.filter(key__in=keys).values_list(
            "pk", "terms", "status", "visibility"
        )
        ids = []
        for pk, terms, status, visibility in rows:
            ids.append(pk)
            public = audience(status, visibility) == PUBLIC
            change.add(terms.split(), public=public, sign=-1)
        if ids:
            self.fulltext_delete(ids)
            ArchiveMatch.objects.filter(pk__in=ids).delete()
            ArchiveDocument.objects.filter(pk__in=ids).delete()

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext_clear(cursor)
            cursor.execute(f"DELETE FROM {MATCH}")  # noqa: S608 - table names are ours
            cursor.execute(f"DELETE FROM {DOC}")  # noqa: S608
            cursor.execute(f"DELETE FROM {VALUE}")  # noqa: S608
            cursor.execute(f"DELETE FROM {ArchiveFacetSet._meta.db_table}")  # noqa: S608

    def index_state(self) -> dict[str, tuple[str, str, str]]:
        """Every indexed key with what the index check compares."""
        rows = ArchiveDocument.objects.values_list(
            "key", "status", "visibility", "title"
        )
        return {key: tuple(rest) for key, *rest in rows.iterator(chunk_size=5000)}

    # --- vendor hooks -----------------------------------------------------
    def insert_matches(self, matches: list[ArchiveMatch], rows) -> None:
        """Insert the narrow rows of these ArchiveDocument rows."""
        ArchiveMatch.objects.bulk_create(matches, batch_size=1000)

    @contextmanager
    def bulk_load(self):
        """Around a rebuild's inserts (inside its transaction)."""
        yield

    def fulltext_insert(self, rows, matches, fresh: bool = False) -> None:
        raise NotImplementedError

    def fulltext_delete(self, ids) -> None:
        raise NotImplementedError

    def fulltext_clear(self, cursor) -> None:
        raise NotImplementedError

    def match_sql(self, groups: list[TermGroup], moderator: bool):
        """(from_sql, condition, params): the matching documents' ArchiveMatch
        rows as `a`, any group matching."""
        raise NotImplementedError

    def in_sets_sql(self, column: str, ids: list[int]):
        """(sql, params): `column` holds one of these facet set ids (maybe
        none), as one parameter however many there are."""
        raise NotImplementedError

    def count_sql(self, groups: list[TermGroup], moderator: bool):
        """(from_sql, params): the matching documents as `a` with the columns
        facet counting reads (all but published_at), when the engine has a
        cheaper way to them than match_sql(); else None."""
        return None

    def rank_sql(self, groups: list[TermGroup], moderator: bool):
        """(select_sql, order_sql, params): columns to add to each match, and
        the ORDER BY over them that ranks documents with more of the
        query's words first, then by the engine's own rank."""
        raise NotImplementedError

    def tier_sql(self, groups: list[TermGroup], moderator: bool):
        """(from_sql, condition, params, recency, rank) for the documents
        that hold every word group, as `a`: `recency` the column that puts
        the most recently indexed first (descending); `rank` is (carry,
        select, order, params): what the window's rows carry from `a`, the
        rank column computed from them (or looked up by w0.id) as `r`, and
        the ORDER BY over `r`.
        Those documents get the same rank in the full ranking (rank_sql)."""
        raise NotImplementedError

    def rebuild_analyzer(self) -> Analyzer:
        return index_analyzer()

    def facet_sets(self) -> FacetSets:
        return FacetSets()

    def after_rebuild(self) -> None:
        """After the rebuild's commit: tidy up what needs no transaction."""

    def analyse_tables(self) -> None:
        """Fresh planner statistics after a rebuild: without them SQLite
        and PostgreSQL guess, and may read the wide rows where the narrow
        index would do."""
        with connection.cursor() as cursor:
            for table in (DOC, MATCH, VALUE):
                cursor.execute(f"ANALYZE {table}")

    # --- reads ------------------------------------------------------------
    def known_terms(self, candidates) -> dict[str, int]:
        return known_terms(candidates)

    def parse(self, query: str, corrections=None) -> list[TermGroup]:
        from ..query import parse

        return parse(
            query,
            known_terms=self.known_terms,
            synonyms=synonym_map(),
            corrections=corrections,
            near_terms=near_terms,
        )

    def visibility_sql(self, viewer):
        """Who may find what, as a condition on `a`: only moderators find
        inputs that are not accepted (or archived) or that BL keeps to
        itself; see audience(). A member's partnerships stay a subquery:
        inside the OR, PostgreSQL hashes it once and reads the two partial
        GIN indexes; given the sets as constants, it read the full one."""
        if viewer.is_moderator:
            return "1 = 1", []
        sql = f"(a.audience = {Audience.PUBLIC:d}"
        params = []
        if viewer.partnership_ids:
            ids = list(viewer.partnership_ids)
            sql += (
                f" OR (a.audience = {Audience.PARTNERSHIP:d} AND a.facet_set IN "  # noqa: S608 - our table names, values as params
                f"(SELECT p.facet_set_id FROM {VALUE} p WHERE p.name = 'partnership'"
                f" AND p.value IN ({_placeholders(ids)})))"
            )
            params += ids
        return sql + ")", params

    def where_sql(self, request: SearchRequest):
        """Visibility, facet filters and `since`, as a condition on `a`.
        The facet sets each filter lets through are looked up first, in one
        query, and go in as constants: as subqueries, PostgreSQL guessed
        from too little how many matches they keep, and joined them match
        by match (26 ms instead of 7 for a four-word query filtered by kind
        and region, at 100,000 inputs)."""
        viewer = request.viewer
        filters = {
            name: frozenset(values)
            for name, values in request.filters.items()
            if values
            and name in FACETS
            and (viewer.is_moderator or name not in MODERATOR_FACETS)
        }
        sets = self._sets_holding(filters)
        sql, params = self.visibility_sql(viewer)
        clauses = [sql]
        for name in sorted(filters):
            sql, p = self.in_sets_sql(f"a.{set_column(name)}", sets.get(name, []))
            clauses.append(sql)
            params += p
        if request.since:
            clauses.append("a.published_at > %s")
            params.append(request.since)
        return " AND ".join(clauses), params

    @staticmethod
    def _sets_holding(filters) -> dict[str, list[int]]:
        """Each filter's facet sets: those holding any of its values."""
        if not filters:
            return {}
        condition = Q()
        for name, values in filters.items():
            condition |= Q(name=name, value__in=values)
        found: dict[str, set[int]] = {}
        rows = ArchiveFacetValue.objects.filter(condition).values_list(
            "name", "facet_set_id"
        )
        for name, set_id in rows:
            found.setdefault(name, set()).add(set_id)
        return {name: sorted(ids) for name, ids in found.items()}

    def search(self, request: SearchRequest) -> SearchResult:
        groups = self.parse(request.query, request.corrections)
        if request.query.strip() and not groups:
            return empty_result(request)
        # Visibility and filters, the same for both rankings.
        visible = self.where_sql(request)
        if groups and request.sort == "relevance":
            groups = self._with_feedback(request, groups, visible)
        return self._search(request, groups, visible)

    def _with_feedback(self, request, groups, visible) -> list[TermGroup]:
        """The query's groups and, when its first ranking's best documents
        agree on other words, the group of those words (search/feedback.py).
        The first ranking is ids only: no hits, no counts."""
        first = replace(request, page=1, page_size=FEEDBACK_DOCUMENTS)
        matches, _counting = self._matches(first, groups, visible)
        with connection.cursor() as cursor:
            ids, best = self._ranked_ids(cursor, first, groups, matches, visible, 0)
        if len(ids) < 2 or no_answer(groups, best):
            return groups
        rows = dict(
            ArchiveDocument.objects.filter(pk__in=ids).values_list("pk", "terms")
        )
        extra = expansion(groups, [rows.get(i, "") for i in ids], term_counts)
        return [*groups, extra] if extra else groups

    def _matches(self, request: SearchRequest, groups, visible):
        """(matches, counting): the matching documents the viewer may find
        (`visible`: where_sql()), as (from, where, params) for ranking and
        for counting."""
        moderator = request.viewer.is_moderator
        matches = counting = (f"{MATCH} a", *visible)
        if groups:
            from_sql, match, match_params = self.match_sql(groups, moderator)
            matches = (
                from_sql,
                f"{match} AND {visible[0]}",
                [*match_params, *visible[1]],
            )
            keys = self.count_sql(groups, moderator)
            # `since` needs published_at, which only the join has.
            counting = matches
            if keys and request.since is None:
                counting = (keys[0], visible[0], [*keys[1], *visible[1]])
        return matches, counting

    def _search(self, request: SearchRequest, groups, visible) -> SearchResult:
        matches, counting = self._matches(request, groups, visible)
        page = max(1, request.page)
        offset = (page - 1) * request.page_size
        ranked = bool(groups) and request.sort == "relevance"
        with connection.cursor() as cursor:
            if ranked:
                ids, best = self._ranked_ids(
                    cursor, request, groups, matches, visible, offset
                )
            else:
                ids = self._page(cursor, request, matches, None, offset)
                best = self._best_groups(cursor, request, groups, matches)
            if no_answer(typed(groups), None if best is None else int(best)):
                return empty_result(request)
            counts = (
                self._counts(cursor, counting, bool(groups)) if request.facets else None
            )
            if counts is not None:
                facets = viewer_facets(request, counts)
                # Every document has exactly one "source" value, so its
                # counts add up to the total: no separate COUNT query.
                total = sum(v.count for v in facets["source"])
            else:
                facets = {}
                cursor.execute(
                    f"SELECT COUNT(*) FROM {counting[0]} WHERE {counting[1]}",  # noqa: S608
                    counting[2],
                )
                total = cursor.fetchone()[0]
        terms = query_terms(typed(groups))
        docs = ArchiveDocument.objects.in_bulk(ids)
        hits = [self._hit(docs[i], terms) for i in ids if i in docs]
        return SearchResult(hits, total, facets, page, request.page_size, terms)

    def _page(
        self, cursor, request, matches, order, offset, limit=None, with_rank=False
    ) -> list:
        """The page's ids: ranked by `order` (rank_sql()), else newest first;
        `with_rank`: whole rows (id, date, rank, groups held)."""
        from_sql, where, params = matches
        if order is None:
            sql = (
                f"SELECT a.id FROM {from_sql} WHERE {where} "  # noqa: S608
                "ORDER BY a.published_at DESC, a.id DESC"
            )
        else:
            select, order_by, order_params = order
            params = [*order_params, *params]
            sql = (
                f"SELECT a.id AS id, a.published_at AS pa{select} FROM {from_sql} "  # noqa: S608
                f"WHERE {where} ORDER BY {order_by}pa DESC, id DESC"
            )
        limit = request.page_size if limit is None else limit
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        if with_rank:
            return cursor.fetchall()
        return [row[0] for row in cursor.fetchall()]

    def _best_groups(self, cursor, request, groups, matches) -> int | None:
        """How many word groups the best match holds, when no_answer() needs
        it (two words or more): the first row of the full ranking."""
        if len({g.word for g in groups}) < 2:
            return None
        select, order_by, params = self.rank_sql(groups, request.viewer.is_moderator)
        from_sql, where, match_params = matches
        cursor.execute(
            f"SELECT a.id AS id, a.published_at AS pa{select} FROM {from_sql} "  # noqa: S608
            f"WHERE {where} ORDER BY {order_by}pa DESC, id DESC LIMIT 1",
            [*params, *match_params],
        )
        row = cursor.fetchone()
        return row[3] if row else 0

    def _ranked_ids(
        self, cursor, request, groups, matches, visible, offset
    ) -> tuple[list[int], int | None]:
        """The page of the ranking: documents with more of the query's word
        groups first, then by the engine's rank, then newest first. Ranking
        a match costs more than finding it, and a broad query matches tens
        of thousands, so only a window is ranked (as Elasticsearch's rescore
        does): the RANK_WINDOW most recently indexed documents holding every
        group, then those documents' rest, most recent first, then the
        documents missing a group, each ranked (few: a rare word)."""
        end = offset + request.page_size
        moderator = request.viewer.is_moderator
        where, params = visible
        # The tier: documents holding every typed word (not the expansion).
        from_sql, condition, tier_params, recency, rank = self.tier_sql(
            typed(groups), moderator
        )
        tier = (from_sql, f"{condition} AND {where}", [*tier_params, *params])
        carry, select, order_by, rank_params = rank
        cursor.execute(
            "WITH w0 AS MATERIALIZED (SELECT a.id AS id, a.published_at AS pa"  # noqa: S608
            f"{carry} FROM {tier[0]} WHERE {tier[1]} ORDER BY {recency} DESC "
            f"LIMIT %s), w AS (SELECT id, pa{select} FROM w0), "
            f"h AS (SELECT id, ROW_NUMBER() OVER (ORDER BY {order_by}pa DESC, id DESC) "
            "AS n FROM w) SELECT h.id, k.size FROM (SELECT COUNT(*) AS size FROM w0) k "
            "LEFT JOIN h ON h.n > %s AND h.n <= %s ORDER BY h.n",
            [*tier[2], RANK_WINDOW, *rank_params, offset, end],
        )
        rows = cursor.fetchall()
        ids = [row[0] for row in rows if row[0] is not None]
        # Some document holds every group: the best holds them all.
        best = len(typed(groups)) if rows[0][1] else None
        tier_size = rows[0][1] if rows[0][1] < RANK_WINDOW else None
        position = max(offset, rows[0][1])
        if len(ids) < request.page_size and tier_size is None:
            # Past the window: the rest of the tier, most recent first.
            cursor.execute(
                f"SELECT a.id FROM {tier[0]} WHERE {tier[1]} "  # noqa: S608
                f"ORDER BY {recency} DESC LIMIT %s OFFSET %s",
                [*tier[2], end - position, position],
            )
            more = [row[0] for row in cursor.fetchall()]
            ids += more
            tier_size = position + len(more)
            position = max(position, tier_size)
        if len(ids) < request.page_size and len(groups) > 1:
            # Past the tier: in the full ranking those documents come first,
            # so its rows from this position on are the ones missing a group.
            order = self.rank_sql(groups, moderator)
            if best is None and position == 0:
                # The first row of the full ranking is the best match.
                rows = self._page(
                    cursor, request, matches, order, 0, end, with_rank=True
                )
                best = rows[0][3] if rows else 0
                ids += [row[0] for row in rows]
            else:
                ids += self._page(
                    cursor, request, matches, order, position, end - position
                )
        if best is None:
            best = self._best_groups(cursor, request, groups, matches)
        return ids, best

    # Facet counts from `p`, the matches counted per pair of sets in one
    # GROUP BY: each set's count then goes to each of its values. Exact
    # counts, and the per-match work is a single GROUP BY.
    COUNTS = (
        "c AS (SELECT fs AS s, SUM(n) AS n FROM p GROUP BY fs "  # noqa: S608 - our table names
        "UNION ALL SELECT ps, SUM(n) FROM p GROUP BY ps) "
        f"SELECT v.name, v.value, v.label, SUM(c.n) FROM c JOIN {VALUE} v "
        "ON v.facet_set_id = c.s GROUP BY v.name, v.value, v.label"
    )
    PAIR = 2**32
    # Group a query's matches by one integer per pair of sets: SQLite sorts
    # to group, and one integer sorts faster than two. PostgreSQL hashes,
    # and computing the integer cost it more than it saved (5 ms in 25,000).
    pack_pairs = True

    def _counts(self, cursor, matches, words: bool):
        """(name, value, label, count) of every facet value the matches have.
        Without words the pairs come in the order of the archive_match_counts
        index, so grouping needs no sort."""
        from_sql, where, params = matches
        if words and self.pack_pairs:
            pairs = (
                f"SELECT k / {self.PAIR} AS fs, k %% {self.PAIR} AS ps, n FROM "  # noqa: S608
                f"(SELECT a.facet_set * {self.PAIR} + a.place_set AS k, COUNT(*) AS n "
                f"FROM {from_sql} WHERE {where} GROUP BY k) pk"
            )
        else:
            pairs = (
                "SELECT a.facet_set AS fs, a.place_set AS ps, COUNT(*) AS n "  # noqa: S608
                f"FROM {from_sql} WHERE {where} GROUP BY a.facet_set, a.place_set"
            )
        cursor.execute(f"WITH p AS ({pairs}), {self.COUNTS}", params)
        return cursor.fetchall()

    @staticmethod
    def _hit(doc: ArchiveDocument, terms) -> Hit:
        return make_hit(doc.__dict__, terms)
