"""Misspelt versions of the judged queries, made by rule with a fixed seed,
not by hand: search under typing errors measured against the judgments
the queries already have (a misspelt query should find what its correct
spelling is judged to find). One variant of each kind per query, in one
word of five letters or more, never its first letter:

- drop: a letter left out ("sundhed" → "sunhed");
- double: a letter typed twice ("kriminalitet" → "krimminalitet");
- swap: two neighbours swapped ("angst" → "angts");
- near: a letter replaced by its neighbour on a Danish keyboard;
- flat: æ, ø and å typed as e, o and a, as on a foreign keyboard
  ("ældre" → "eldre"; only words that have them).
"""

import random

KINDS = ("drop", "double", "swap", "near", "flat")
_ROWS = ("qwertyuiopå", "asdfghjklæø", "zxcvbnm")
_FLAT = str.maketrans("æøå", "eoa")


def _neighbours(letter: str) -> str:
    for row in _ROWS:
        i = row.find(letter)
        if i >= 0:
            return row[max(0, i - 1) : i] + row[i + 1 : i + 2]
    return ""


def _misspell_word(word: str, kind: str, rng: random.Random) -> str | None:
    if kind == "flat":
        flat = word.translate(_FLAT)
        return flat if flat != word else None
    i = rng.randrange(1, len(word) - 1)
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        if word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    near = _neighbours(word[i])
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else None


def misspell(query: str, kind: str, rng: random.Random) -> str | None:
    """The query with one of its long words misspelt this `kind` of way, or
    None when no word can be."""
    words = query.split()
    long = [n for n, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if kind == "flat":
        long = [n for n in long if set(words[n].lower()) & set("æøå")]
    if not long:
        return None
    n = rng.choice(long)
    wrong = _misspell_word(words[n], kind, rng)
    if wrong is None or wrong == words[n]:
        return None
    return " ".join([*words[:n], wrong, *words[n + 1 :]])


def typo_queries(queries: list[dict], seed: int = 12) -> list[dict]:
    """One misspelt variant of each kind of every judged query (the
    misspelling and no-answer types excepted), typed by kind, keeping the
    original's id for the dev/test split."""
    rng = random.Random(seed)
    out = []
    for q in queries:
        if not q["relevant"] or q["type"] == "misspelling":
            continue
        for kind in KINDS:
            wrong = misspell(q["query"], kind, rng)
            if wrong:
                out.append({**q, "type": kind, "query": wrong, "written": q["query"]})
    return out
