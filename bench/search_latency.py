"""Server-side latency of the search page at scale.

Generates N realistic inputs (default 100,000) in bulk on a throwaway test
database of the configured kind, rebuilds the index (timed), then times full
requests to /arkiv/ through Django's test Client, in-process, for a fixed
set of queries, without and with facet filters. Prints p50/p95 in ms, and
those of the login page, which searches nothing: what any request costs on
the machine, so runs on different machines can be compared.

    .venv/bin/python bench/search_latency.py              # SQLite, 100,000
    .venv/bin/python bench/search_latency.py -n 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/search_latency.py

With --reuse the database DATABASE_URL names is used and kept: the corpus is
generated only when it holds no inputs yet, so later runs time the rebuild
and the queries on the same data (--skip-rebuild: the queries only).

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/search_latency.py --reuse
"""

import argparse
import gc
import random
import statistics
import time

from common import (
    backend_name,
    bulk_inputs,
    kept_database,
    make_organisations,
    test_database,
)
from topics import ESTATES, PLACES, TOPICS

QUERIES = [
    "",
    "ensomme ældre",
    "lektiehjælp",
    "sårbare familier",
    "Koege",
    "famlier",
    "hjælp til lektier",
    "vold i hjemmet",
    "unge mistede fritidsjob i butikker",
    "håndsprit opgang",
]


def specs(n: int, orgs, rng: random.Random):
    names = list(TOPICS)
    for _ in range(n):
        topic = TOPICS[rng.choice(names)]
        place = rng.choice(PLACES)
        roll = rng.random()
        yield {
            "topic": next(k for k, v in TOPICS.items() if v is topic),
            "organisation": rng.choice(orgs),
            "place": place,
            "estate": rng.choice(ESTATES),
            "title": f"{rng.choice(topic['titles'])} i {place}",
            "challenge": " ".join(rng.sample(topic["challenges"], 2)),
            "solution": " ".join(rng.sample(topic["solutions"], 2)),
            "status": "accepted"
            if roll < 0.85
            else rng.choice(["submitted", "in_review", "withdrawn"]),
            "visibility": rng.choices(["public", "partnership", "bl"], [7, 2, 1])[0],
            "consent": "anonymised" if rng.random() < 0.1 else "named",
        }


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_requests(client, params_list, repeat, path="/arkiv/"):
    samples = []
    for params in params_list:
        client.get(path, params)  # warm the plan cache for this query
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(path, params)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code  # noqa: S101
    return samples


def _seconds(value) -> str:
    return "(reused)" if value is None else f"{value:6.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--repeat", type=int, default=5, help="requests per query")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the DATABASE_URL database; generate only when it is empty",
    )
    parser.add_argument(
        "--skip-rebuild",
        action="store_true",
        help="with --reuse: time the queries on the index as it stands",
    )
    args = parser.parse_args()
    rng = random.Random(2020)
    with kept_database() if args.reuse else test_database():
        # As portal/wsgi.py does once the project is loaded.
        gc.freeze()
        from django.test import Client

        from inputs.models import Input
        from portal.organisations.models import Municipality, Region
        from search.models import ArchiveDocument
        from search.services import archive_rebuild

        started = time.perf_counter()
        generated = rebuilt = None
        if not (args.reuse and Input.objects.exists()):
            orgs = make_organisations(max(20, args.n // 300), rng)
            bulk_inputs(specs(args.n, orgs, rng), rng)
            generated = time.perf_counter() - started
        indexed = ArchiveDocument.objects.count()
        if not (args.reuse and args.skip_rebuild and indexed):
            started = time.perf_counter()
            indexed = archive_rebuild()
            rebuilt = time.perf_counter() - started

        region = Region.objects.get(name="Region Sjælland")
        koege = Municipality.objects.get(name="Køge")
        facets = {"kind": "solution", "region": region.pk}
        client = Client()
        plain = time_requests(client, [{"q": q} for q in QUERIES], args.repeat)
        faceted = time_requests(
            client,
            [{"q": q, **facets} for q in QUERIES]
            + [
                {"q": q, "municipality": koege.pk, "sort": "newest"}
                for q in QUERIES[:3]
            ],
            args.repeat,
        )
        # A page that searches nothing: what any request costs on this
        # machine, to compare runs on different machines by.
        floor = time_requests(client, [{}], 10 * args.repeat, "/konto/login/")
        total = Input.objects.count()
        name = backend_name()
    print(f"backend {name}: {total} inputs ({indexed} indexed)")
    print(
        f"  generate {_seconds(generated)}   rebuild_search_index {_seconds(rebuilt)}"
    )
    rows = (
        ("no facet filters", plain),
        ("facet filters", faceted),
        ("login page", floor),
    )
    for label, samples in rows:
        print(
            f"  {label:17} p50 {statistics.median(samples):6.1f} ms   "
            f"p95 {percentile(samples, 95):6.1f} ms   ({len(samples)} requests)"
        )


if __name__ == "__main__":
    main()
