"""The database backend: the denormalised index tables, written here and
searched with the statements of sql.py. Each database adds its own SQL in
sqlite.py or postgres.py: the full-text table or vectors, the full-text
condition and the rank."""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import Q

from inputs.states import PUBLISHED_STATUSES

from ..documents import FACETS, MODERATOR_FACETS, IndexDocument
from ..feedback import (
    ENOUGH,
    FEEDBACK_DOCUMENTS,
    expansion,
    related,
    typed,
    witnesses,
)
from ..highlight import Marks
from ..models import (
    ArchiveDocument,
    ArchiveFacetSet,
    ArchiveFacetValue,
    ArchiveMatch,
)
from ..query import SearchRequest, SearchResult, TermGroup
from ..vocabulary import VocabularyChange
from . import sql
from .common import (
    by_word,
    empty_result,
    index_analyzer,
    make_hit,
    no_answer,
    parse_query,
    split_word,
    term_counts,
    viewer_facets,
)
from .sql import MATCH, Audience
from .types import (
    FacetCount,
    IndexedState,
    Matches,
    Rank,
    RankedPage,
    Sql,
    Tier,
    TierWindow,
)

PUBLIC = Audience.PUBLIC
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


class DatabaseBackend:
    name = "database"
    # Count facets grouped by one integer per pair of sets (sql.facet_counts):
    # SQLite sorts to group, and one integer sorts faster than two.
    # PostgreSQL hashes, and computing the integer cost it more than it
    # saved (5 ms in 25,000).
    pack_pairs = True

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
                terms = analyzer.analyse(d.search_text())
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
            self.insert_matches(matches, rows, fresh=fresh)
            if vocabulary is None:
                change.save()

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
            self.delete_matches(ids)
            ArchiveDocument.objects.filter(pk__in=ids).delete()

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in sql.CLEAR:
                cursor.execute(statement)

    def index_state(self) -> dict[str, IndexedState]:
        """Every indexed key with what the index check compares."""
        rows = ArchiveDocument.objects.values_list(
            "key", "status", "visibility", "title"
        )
        return {
            key: IndexedState(*rest) for key, *rest in rows.iterator(chunk_size=5000)
        }

    def stored_terms(self, keys: list[str]) -> dict[str, str]:
        """The terms the index holds for these keys, as indexing stored them."""
        return dict(
            ArchiveDocument.objects.filter(key__in=keys).values_list("key", "terms")
        )

    # --- vendor hooks: each database's own SQL -----------------------------
    def insert_matches(self, matches: list[ArchiveMatch], rows, fresh: bool) -> None:
        """Insert the narrow rows of these ArchiveDocument rows (`fresh`: into
        an index clear() just emptied), and whatever full-text rows go with
        them."""
        ArchiveMatch.objects.bulk_create(matches, batch_size=1000)

    def delete_matches(self, ids) -> None:
        """Delete the narrow rows of these documents, and their full-text rows."""
        ArchiveMatch.objects.filter(pk__in=ids).delete()

    @contextmanager
    def bulk_load(self):
        """Around a rebuild's inserts (inside its transaction)."""
        yield

    def match_sql(self, groups: list[TermGroup], moderator: bool) -> Matches:
        """The documents holding any of the word groups."""
        raise NotImplementedError

    def in_sets_sql(self, column: str, ids: list[int]) -> Sql:
        """`column` holds one of these facet set ids (maybe none), as one
        parameter however many there are."""
        raise NotImplementedError

    def count_sql(self, groups: list[TermGroup], moderator: bool) -> Sql | None:
        """The matching documents as `a` with the columns facet counting
        reads (all but published_at), when the engine has a cheaper way to
        them than match_sql(); else None."""
        return None

    def rank_sql(self, groups: list[TermGroup], moderator: bool) -> Rank:
        """Documents with more of the query's word groups first, then by the
        engine's own rank `r`. With several groups, the number a document
        holds is `k`, the fourth column of sql.page()'s rows; with the
        themes' or the feedback's, those holding every typed word come
        first (common.expanded())."""
        raise NotImplementedError

    def tier_sql(self, groups: list[TermGroup], moderator: bool) -> Tier:
        """The documents that hold every word group, and their rank."""
        raise NotImplementedError

    def facet_sets(self) -> FacetSets:
        return FacetSets()

    def after_rebuild(self) -> None:
        """After the rebuild's commit: tidy up what needs no transaction."""

    def analyse_tables(self) -> None:
        """Fresh planner statistics after a rebuild: without them SQLite
        and PostgreSQL guess, and may read the wide rows where the narrow
        index would do."""
        with connection.cursor() as cursor:
            for statement in sql.ANALYSE:
                cursor.execute(statement)

    # --- reads ------------------------------------------------------------
    def where_sql(self, request: SearchRequest) -> Sql:
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
        clauses = [sql.visibility(viewer)]
        clauses += [
            self.in_sets_sql(f"a.{set_column(name)}", sets.get(name, []))
            for name in sorted(filters)
        ]
        if request.since:
            clauses.append(Sql("a.published_at > %s", (request.since,)))
        return sql.all_of(clauses)

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
        groups = parse_query(request)
        if request.query.strip() and not groups:
            return empty_result(request)
        # Visibility and filters, the same for both rankings.
        visible = self.where_sql(request)
        return self._search(request, groups, visible)

    def _with_feedback(self, cursor, request, groups, visible, window):
        """The query's groups and, when its first ranking's best documents
        agree on other words, the group of those words (search/feedback.py).
        The first ranking is ids only: no hits, no counts; the window's
        first rows, which the page's ranking reuses (the feedback's group
        is not in the tier's rank). None when ENOUGH documents hold every
        word."""
        if window.size >= ENOUGH:
            return groups
        first = replace(request, page=1, page_size=FEEDBACK_DOCUMENTS)
        matches, _counting = self._matches(first, groups, visible)
        head = replace(window, ids=window.head)
        ranked = self._ranked_ids(cursor, first, groups, matches, head, 0)
        if len(ranked.ids) < 2 or no_answer(typed(groups), ranked.best):
            return groups
        rows = {
            pk: (source, terms)
            for pk, source, terms in ArchiveDocument.objects.filter(
                pk__in=ranked.ids
            ).values_list("pk", "source", "terms")
        }
        read = witnesses([rows[i] for i in ranked.ids if i in rows])
        extra = expansion(groups, read, term_counts)
        return [*groups, extra] if extra else groups

    def _matches(self, request: SearchRequest, groups, visible):
        """(matches, counting): the matching documents the viewer may find
        (`visible`: where_sql()), for ranking and for counting."""
        moderator = request.viewer.is_moderator
        matches = counting = Matches(f"{MATCH} a", visible.text, visible.params)
        if groups:
            matches = self.match_sql(groups, moderator).where(visible)
            keys = self.count_sql(groups, moderator)
            # `since` needs published_at, which only the join has.
            counting = matches
            if keys and request.since is None:
                counting = Matches(
                    keys.text, visible.text, keys.params + visible.params
                )
        return matches, counting

    def _search(self, request: SearchRequest, groups, visible) -> SearchResult:
        page = max(1, request.page)
        offset = (page - 1) * request.page_size
        relevance = bool(groups) and request.sort == "relevance"
        with connection.cursor() as cursor:
            if relevance:
                window = self._window(cursor, request, groups, visible, offset)
                groups = self._with_feedback(cursor, request, groups, visible, window)
            matches, counting = self._matches(request, groups, visible)
            if relevance:
                ranked = self._ranked_ids(
                    cursor, request, groups, matches, window, offset
                )
            else:
                ranked = RankedPage(
                    _ids(cursor, sql.page(matches, None, request.page_size, offset)),
                    self._best_words(cursor, request, groups, matches),
                )
            best = ranked.best
            if no_answer(typed(groups), best):
                return empty_result(request)
            if request.facets:
                # Without words the pairs come in the order of the
                # archive_match_counts index: grouping needs no sort.
                pack = bool(groups) and self.pack_pairs
                cursor.execute(*_execute(sql.facet_counts(counting, pack)))
                facets = viewer_facets(
                    request, [FacetCount(*row) for row in cursor.fetchall()]
                )
                # Every document has exactly one "source" value, so its
                # counts add up to the total: no separate COUNT query.
                total = sum(v.count for v in facets["source"])
            else:
                facets = {}
                cursor.execute(*_execute(sql.count(counting)))
                total = cursor.fetchone()[0]
        marks = Marks.of(typed(groups))
        docs = ArchiveDocument.objects.in_bulk(ranked.ids)
        moderator = request.viewer.is_moderator
        hits = [
            make_hit(
                docs[i].__dict__,
                marks,
                related=related(groups, _terms(docs[i], moderator)),
            )
            for i in ranked.ids
            if i in docs
        ]
        return SearchResult(hits, total, facets, page, request.page_size)

    def _best_words(self, cursor, request, groups, matches) -> float | None:
        """How many typed words the best match holds (by_word()), when
        no_answer() needs it (two words or more): the first row of the
        ranking by those words."""
        if len({g.word for g in typed(groups)}) < 2:
            return None
        rank = self.rank_sql(by_word(groups), request.viewer.is_moderator)
        cursor.execute(*_execute(sql.page(matches, rank, 1, 0)))
        row = cursor.fetchone()
        return row[3] if row else 0

    def _window(self, cursor, request, groups, visible, offset) -> TierWindow:
        """The tier, the documents holding every typed word (not the
        expansion), and its ranked window: its first rows, for the
        feedback, and the page's (see _ranked_ids), in one statement."""
        tier = self.tier_sql(typed(groups), request.viewer.is_moderator)
        tier = replace(tier, matches=tier.matches.where(visible))
        end = offset + request.page_size
        statement = sql.window(tier, RANK_WINDOW, offset, end, FEEDBACK_DOCUMENTS)
        cursor.execute(*_execute(statement))
        rows = cursor.fetchall()
        found = [(i, n) for i, _size, n in rows if i is not None]
        return TierWindow(
            tier=tier,
            head=[i for i, n in found if n <= FEEDBACK_DOCUMENTS],
            ids=[i for i, n in found if offset < n <= end],
            size=rows[0][1],
        )

    def _ranked_ids(
        self, cursor, request, groups, matches, window: TierWindow, offset
    ) -> RankedPage:
        """The page of the ranking: documents with more of the query's word
        groups first, then by the engine's rank, then newest first. Ranking
        a match costs more than finding it, and a broad query matches tens
        of thousands, so only a window is ranked (as Elasticsearch's rescore
        does): the RANK_WINDOW most recently indexed documents holding every
        group, then those documents' rest, most recent first, then the
        documents missing a group, each ranked (few: a rare word)."""
        end = offset + request.page_size
        moderator = request.viewer.is_moderator
        tier, ids, size = window.tier, list(window.ids), window.size
        # Some document holds every group: the best holds every word.
        best = len({g.word for g in typed(groups)}) if size else None
        tier_size = size if size < RANK_WINDOW else None
        position = max(offset, size)
        if len(ids) < request.page_size and tier_size is None:
            # Past the window: the rest of the tier, most recent first.
            more = _ids(cursor, sql.tier_rest(tier, end - position, position))
            ids += more
            tier_size = position + len(more)
            position = max(position, tier_size)
        if len(ids) < request.page_size and len(groups) > 1:
            # Past the tier: in the full ranking those documents come first,
            # so its rows from this position on are the ones missing a group.
            rank = self.rank_sql(groups, moderator)
            if best is None and position == 0:
                # The first row of the full ranking is the best match (by
                # words, when no word is several groups).
                cursor.execute(*_execute(sql.page(matches, rank, end, 0)))
                rows = cursor.fetchall()
                if not split_word(groups):
                    best = rows[0][3] if rows else 0
                ids += [row[0] for row in rows]
            else:
                ids += _ids(cursor, sql.page(matches, rank, end - position, position))
        if best is None:
            best = self._best_words(cursor, request, groups, matches)
        return RankedPage(ids, best)


def _terms(document: ArchiveDocument, moderator: bool) -> set[str]:
    """The terms the viewer searched in (as _restrict() and match_sql())."""
    terms = document.terms.split()
    if moderator:
        terms += document.restricted_terms.split()
    return set(terms)


def _execute(statement: Sql) -> tuple[str, list]:
    """cursor.execute()'s arguments."""
    return statement.text, list(statement.params)


def _ids(cursor, statement: Sql) -> list[int]:
    cursor.execute(*_execute(statement))
    return [row[0] for row in cursor.fetchall()]
