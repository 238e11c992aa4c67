"""Which inputs read most alike, in Danish.

Texts go through the archive search's Danish analyser (search/analysis.py),
so "ældre", "ældres" and "ældrene" count as one term, and so do "Køge" and
"Koege". Inputs are compared by TF-IDF cosine similarity. Term vectors are
cached per input version, and candidates are bounded: inputs sharing a
partnership, most recent first, at most MAX_CANDIDATES."""

import math
from collections import Counter

from django.core.cache import cache

from search.analysis import analyse

from .models import Input
from .states import Status

MAX_CANDIDATES = 400
# Below this cosine two inputs share a common word or two, not a topic, so
# they are not listed (the page said "lighed 2 %"). Measured over every
# pair of the bench corpora: on the topics set (112 inputs, one topic each)
# no pair on one topic scores below 0.10 and 90 % of pairs on different
# topics do; on the harder and fresh sets 97 % and 96 % of pairs sharing no
# theme do. In the demo, 6 of the 184 five-best scores fall below (0.04 to
# 0.09: "Lektiehjælp over video" beside "Sommeraktiviteter for unge").
MIN_SIMILARITY = 0.10
CACHE_SECONDS = 60 * 60 * 24


def terms(text: str) -> Counter:
    """Term counts of a Danish text, analysed exactly as the archive search
    analyses it (stems, stop words, æ/ø/å folded), so "Køge" and "Koege"
    are one term here as there. No compound splitting: the parts would
    count a compound's topic twice."""
    return Counter(analyse(text))


def _text(input: Input) -> str:
    answers = " ".join(value for _label, value in input.answer_items())
    # The title says most about the topic; count it twice.
    return " ".join(
        [input.title, input.title, input.challenge, input.solution, answers]
    )


def _cache_key(input: Input) -> str:
    # Every write bumps version and updated_at, so an edited text never
    # meets its old vector.
    stamp = input.updated_at.timestamp() if input.updated_at else 0
    return f"inputs:terms:v2:{input.pk}:{input.version}:{stamp}"


def term_vectors(inputs: list[Input]) -> dict[int, Counter]:
    """Term counts per input id, from the cache where the version matches."""
    keys = {_cache_key(i): i for i in inputs}
    found = cache.get_many(list(keys))
    missing = {}
    for key, item in keys.items():
        if key not in found:
            missing[key] = terms(_text(item))
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    vectors = {**found, **missing}
    return {item.pk: vectors[key] for key, item in keys.items()}


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(
        sum(w * w for w in b.values())
    )
    return dot / norm if norm else 0.0


def candidates_for(input: Input):
    """Non-draft inputs sharing a partnership with `input` (or any, if it
    has none), newest first and bounded."""
    queryset = Input.objects.exclude(pk=input.pk).exclude(status=Status.DRAFT)
    partnership_ids = list(input.partnerships.values_list("pk", flat=True))
    if partnership_ids:
        queryset = queryset.filter(
            pk__in=Input.objects.filter(partnerships__in=partnership_ids).values("pk")
        )
    return queryset.select_related("organisation").order_by("-submitted_at", "-pk")[
        :MAX_CANDIDATES
    ]


def similar_inputs(
    input: Input, *, limit: int = 5, candidates=None
) -> list[tuple[Input, float]]:
    """The `limit` inputs most like `input`, with their cosine scores (0-1),
    best first; inputs less alike than MIN_SIMILARITY are left out."""
    pool = list(candidates if candidates is not None else candidates_for(input))
    if not pool:
        return []
    vectors = term_vectors([input, *pool])
    documents = len(vectors)
    frequency = Counter(t for counts in vectors.values() for t in counts)
    idf = {t: math.log((1 + documents) / (1 + df)) + 1 for t, df in frequency.items()}
    own = _weights(vectors[input.pk], idf)
    scored = [(other, _cosine(own, _weights(vectors[other.pk], idf))) for other in pool]
    scored = [(other, score) for other, score in scored if score >= MIN_SIMILARITY]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
