"""Search quality: nDCG@10 and recall@10 on the configured backend, over
one of three judged sets:

- `--set topics` (default): bench/data/corpus.json and queries.json, 40
  queries over 112 generated inputs, judged by their topic labels;
- `--set hard`: bench/data/hard/, 66 queries of nine types over 200
  inputs, written and judged by reading (docs/search.md, "The harder
  relevance set"). Reported overall, per query type and per query;
- `--set fresh`: bench/data/fresh/, 40 queries over 120 inputs in the same
  form, written later by an author who had read neither the engine nor
  the hard set: measured, not tuned on (docs/search.md, "The fresh set").

    .venv/bin/python bench/relevance.py --set hard -v          # SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/relevance.py --set hard
    .venv/bin/python bench/relevance.py --set hard --split dev   # tune on this
    .venv/bin/python bench/relevance.py --set hard --typos       # misspelt (bench/typos.py)

`--split dev|test` keeps half of the queries of each type (see split());
tune on dev and check on test: a change that helps only dev is fitted to it.
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python bench/relevance.py
"""

import argparse
import hashlib
import json
import math
import random
from collections import defaultdict

from common import ROOT, backend_name, bulk_inputs, make_organisations, test_database

DATA = ROOT / "bench" / "data"
K = 10
NO_ANSWER = "no-answer"


def dcg(grades):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_k(ranked, relevant, k=K):
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(d, 0) for d in ranked[:k]]) / ideal if ideal else 0.0


def recall_at_k(ranked, relevant, k=K):
    """Share of the judged inputs in the first k, out of at most k: a query
    with more than k relevant inputs scores 1 when all k are relevant."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / min(len(relevant), k)


def split(queries, part: str) -> list:
    """Half of the queries of each type, the same halves every run: within a
    type, ordered by a hash of the query's id (not by the order they were
    written in), every other one goes to dev, the rest to test."""
    if part == "all":
        return queries
    by_type = defaultdict(list)
    for q in queries:
        by_type[q["type"]].append(q)
    chosen = set()
    for qs in by_type.values():
        qs.sort(key=lambda q: hashlib.sha256(q["id"].encode()).hexdigest())
        chosen |= {q["id"] for q in qs[(0 if part == "dev" else 1) :: 2]}
    return [q for q in queries if q["id"] in chosen]


def topics_set(rng):
    """The generated set: its documents in the database, and its queries."""
    corpus = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))
    queries = json.loads((DATA / "queries.json").read_text(encoding="utf-8"))
    orgs = make_organisations(20, rng)
    for doc in corpus:
        doc["organisation"] = rng.choice(orgs)
    ids = bulk_inputs(corpus, rng)
    doc_of = {pk: doc["id"] for pk, doc in zip(ids, corpus, strict=True)}
    queries = [
        {"id": f"t{n:02d}", "type": "topics", **q} for n, q in enumerate(queries, 1)
    ]
    return doc_of, queries, len(corpus)


def judged_set(name: str):
    """A set written and judged by reading (bench/hard_set.py): its inputs
    in the database, and its queries."""
    from hard_set import FRESH, HARD, create_inputs, load_inputs, load_queries

    folder = FRESH if name == "fresh" else HARD
    inputs = load_inputs(folder)
    doc_of = create_inputs(inputs)
    queries = [
        {"id": q.id, "type": q.type, "query": q.query, "relevant": q.relevant}
        for q in load_queries(folder)
    ]
    return doc_of, queries, len(inputs)


def report(name, rows, documents):
    """Overall, per type and (with -v, printed before) per query."""
    judged = [r for r in rows if r["type"] != NO_ANSWER]
    empty = [r for r in rows if r["type"] == NO_ANSWER]
    by_type = defaultdict(list)
    for r in judged:
        by_type[r["type"]].append(r)
    n = len(judged)
    print(
        f"{name}: nDCG@{K} {sum(r['ndcg'] for r in judged) / n:.3f}  "
        f"recall@{K} {sum(r['recall'] for r in judged) / n:.3f}  "
        f"({n} judged queries, {documents} documents)"
    )
    if len(by_type) > 1:
        print(f"  {'type':<12} {'n':>3} {'nDCG@10':>8} {'recall@10':>9}")
        for type_, rs in by_type.items():
            print(
                f"  {type_:<12} {len(rs):>3} {sum(r['ndcg'] for r in rs) / len(rs):>8.3f}"
                f" {sum(r['recall'] for r in rs) / len(rs):>9.3f}"
            )
    if empty:
        shown = sum(r["shown"] for r in empty) / len(empty)
        total = sum(r["total"] for r in empty) / len(empty)
        none = sum(1 for r in empty if r["total"] == 0)
        print(
            f"  {NO_ANSWER}: {len(empty)} queries, {none} answered with nothing; "
            f"mean {shown:.1f} hits on the first page, {total:.1f} in all"
        )


def report_typos(name, rows, written):
    """Per kind of typo, the misspelt queries beside the same queries as
    written (`written`: id -> row)."""
    by_kind = defaultdict(list)
    for r in rows:
        by_kind[r["type"]].append(r)
    print(f"{name}, misspelt by rule (bench/typos.py): {len(rows)} queries")
    print(f"  {'kind':<8} {'n':>3} {'nDCG@10':>8} {'recall@10':>9}   as written")
    for kind, rs in by_kind.items():
        ndcg = sum(r["ndcg"] for r in rs) / len(rs)
        recall = sum(r["recall"] for r in rs) / len(rs)
        w_ndcg = sum(written[r["id"]]["ndcg"] for r in rs) / len(rs)
        w_recall = sum(written[r["id"]]["recall"] for r in rs) / len(rs)
        print(
            f"  {kind:<8} {len(rs):>3} {ndcg:>8.3f} {recall:>9.3f}"
            f"   {w_ndcg:.3f} / {w_recall:.3f}"
        )
    n = len(rows)
    print(
        f"  {'all':<8} {n:>3} {sum(r['ndcg'] for r in rows) / n:>8.3f}"
        f" {sum(r['recall'] for r in rows) / n:>9.3f}"
        f"   {sum(written[r['id']]['ndcg'] for r in rows) / n:.3f}"
        f" / {sum(written[r['id']]['recall'] for r in rows) / n:.3f}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=["topics", "hard", "fresh"], default="topics")
    parser.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default="all",
        help="half of the queries of each type (dev to tune on, test to check)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="per query")
    parser.add_argument(
        "--no-synonyms",
        action="store_true",
        help="without the starter synonym groups (search/data/synonyms.txt)",
    )
    parser.add_argument(
        "--correct",
        action="store_true",
        help="as the archive page searches: a query that finds nothing shows "
        "the results of its spelling correction",
    )
    parser.add_argument(
        "--typos",
        action="store_true",
        help="each judged query misspelt five ways by rule (bench/typos.py), "
        "beside the same queries as written",
    )
    args = parser.parse_args()
    with test_database():
        from search.query import SearchRequest
        from search.services import archive_rebuild, archive_search
        from search.synonyms import synonyms_load_starter

        if args.set in ("hard", "fresh"):
            doc_of, queries, documents = judged_set(args.set)
        else:
            doc_of, queries, documents = topics_set(random.Random(5))
        if not args.no_synonyms:
            synonyms_load_starter()
        archive_rebuild()
        rows = []
        chosen = split(queries, args.split)
        if args.typos:
            from typos import typo_queries

            chosen = [*chosen, *typo_queries(chosen)]
        for q in chosen:
            result = archive_search(
                request=SearchRequest(
                    query=q["query"], page_size=K, correct=args.correct
                )
            )
            ranked = [doc_of.get(h.object_id) for h in result.hits]
            relevant = q["relevant"]
            row = {
                **q,
                "ndcg": ndcg_at_k(ranked, relevant),
                "recall": recall_at_k(ranked, relevant),
                "shown": len(ranked),
                "total": result.total,
            }
            rows.append(row)
            if args.verbose:
                # Where each missed input ranks ("h015@14"), or "@-" when the
                # search does not find it at all: cut, or never matched.
                deeper = archive_search(
                    request=SearchRequest(
                        query=q["query"], page_size=200, correct=args.correct
                    )
                )
                rank = {
                    doc_of.get(h.object_id): n for n, h in enumerate(deeper.hits, 1)
                }
                missed = [
                    f"{d}@{rank.get(d, '-')}" for d in relevant if d not in ranked[:K]
                ]
                wrong = [d for d in ranked[:K] if d not in relevant]
                print(
                    f"{row['id']:<4} {row['type']:<11} {row['ndcg']:.3f} "
                    f"{row['recall']:.3f} {result.total:4d}  {q['query']}"
                    + (f"  missed {' '.join(missed)}" if missed and relevant else "")
                    + (f"  unjudged {' '.join(wrong)}" if wrong else "")
                )
        name = backend_name() + ("" if args.split == "all" else f" ({args.split})")
    if args.typos:
        written = {r["id"]: r for r in rows if "written" not in r}
        report_typos(name, [r for r in rows if "written" in r], written)
        return
    report(name, rows, documents)


if __name__ == "__main__":
    main()
