"""Search quality: nDCG@10 and recall@10 over the judged test set in
bench/data (40 Danish queries, 112 inputs), on the configured backend.

    .venv/bin/python bench/relevance.py                      # SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/relevance.py
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python bench/relevance.py
"""

import argparse
import json
import math
import random

from common import ROOT, backend_name, bulk_inputs, make_organisations, test_database

DATA = ROOT / "bench" / "data"
K = 10


def dcg(grades):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_k(ranked, relevant, k=K):
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(d, 0) for d in ranked[:k]]) / ideal if ideal else 0.0


def recall_at_k(ranked, relevant, k=K):
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="per query")
    parser.add_argument(
        "--correct",
        action="store_true",
        help="as the archive page searches: a query that finds nothing shows "
        "the results of its spelling correction",
    )
    args = parser.parse_args()
    corpus = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))
    queries = json.loads((DATA / "queries.json").read_text(encoding="utf-8"))
    with test_database():
        from search.query import SearchRequest
        from search.services import archive_rebuild, archive_search

        rng = random.Random(5)
        orgs = make_organisations(20, rng)
        for doc in corpus:
            doc["organisation"] = rng.choice(orgs)
        ids = bulk_inputs(corpus, rng)
        doc_of = {pk: doc["id"] for pk, doc in zip(ids, corpus, strict=True)}
        archive_rebuild()
        ndcgs, recalls = [], []
        for q in queries:
            result = archive_search(
                request=SearchRequest(
                    query=q["query"], page_size=K, correct=args.correct
                )
            )
            ranked = [doc_of.get(h.object_id) for h in result.hits]
            ndcgs.append(ndcg_at_k(ranked, q["relevant"]))
            recalls.append(recall_at_k(ranked, q["relevant"]))
            if args.verbose:
                print(
                    f"{ndcgs[-1]:.3f} {recalls[-1]:.3f} {result.total:4d}  {q['query']}"
                )
        name = backend_name()
    n = len(queries)
    print(
        f"{name}: nDCG@{K} {sum(ndcgs) / n:.3f}  recall@{K} {sum(recalls) / n:.3f}"
        f"  ({n} queries, {len(corpus)} documents)"
    )


if __name__ == "__main__":
    main()
