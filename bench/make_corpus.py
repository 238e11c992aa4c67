"""Write bench/data/corpus.json and bench/data/queries.json: the relevance
test set. Deterministic (fixed seed); run again only to change the set.

Judgements: a document whose main topic is what the query asks for is
relevant (grade 2); one that touches the topic in a side remark is partly
relevant (grade 1). A query naming a place asks for that place's inputs."""

import json
import random
from pathlib import Path

from topics import ESTATES, PLACES, TOPICS

DATA = Path(__file__).parent / "data"
PER_TOPIC = 8

# (query, topics it asks for, place it asks for)
QUERIES = [
    ("ensomme ældre", ["ensomhed"], None),
    ("ensomhed blandt pensionister", ["ensomhed"], None),
    ("seniorer alene", ["ensomhed"], None),
    ("telefonkæde", ["ensomhed"], None),
    ("lektiehjælp", ["lektiehjaelp"], None),
    ("hjælp til lektier", ["lektiehjaelp"], None),
    ("lektiehjaelp", ["lektiehjaelp"], None),
    ("fjernundervisning skolebørn", ["lektiehjaelp"], None),
    ("madpakker", ["mad"], None),
    ("mad til familier i karantæne", ["mad"], None),
    ("fællesspisning", ["mad", "ensomhed"], None),
    ("videoopkald ældre", ["digital"], None),
    ("it hjælp tablets", ["digital"], None),
    ("nemid", ["digital"], None),
    ("unge mistede fritidsjob", ["job"], None),
    ("praktikplads", ["job"], None),
    ("psykisk sårbare", ["psykisk"], None),
    ("angst og depression", ["psykisk"], None),
    ("vold i hjemmet", ["vold"], None),
    ("krisecenter", ["vold"], None),
    ("huslejerestancer", ["gaeld"], None),
    ("gæld rådgivning", ["gaeld"], None),
    ("udsættelse", ["gaeld", "hjemloes"], None),
    ("information på flere sprog", ["sprog"], None),
    ("tolk", ["sprog"], None),
    ("fodbold", ["idraet"], None),
    ("aktiviteter for unge", ["idraet"], None),
    ("håndsprit", ["smitte"], None),
    ("smitte i vaskeriet", ["smitte"], None),
    ("hjemløse", ["hjemloes"], None),
    ("misbrug", ["hjemloes"], None),
    ("sårbare familier", ["familier"], None),
    ("enlige mødre", ["familier"], None),
    ("frivillige naboer", ["frivillige"], None),
    ("famlier", ["familier"], None),
    ("Koege", [], "Køge"),
    ("ensomhed Soenderborg", ["ensomhed"], "Sønderborg"),
    ("Holbaek lektiehjælp", ["lektiehjaelp"], "Holbæk"),
    ("Naestved", [], "Næstved"),
    ("Ålborg lektiehjælp", ["lektiehjaelp"], "Aalborg"),
]


def make_documents(rng: random.Random) -> list[dict]:
    docs = []
    names = list(TOPICS)
    for topic in names:
        blocks = TOPICS[topic]
        for n in range(PER_TOPIC):
            place = rng.choice(PLACES)
            side = rng.choice([t for t in names if t != topic]) if n % 3 == 0 else None
            challenge = " ".join(rng.sample(blocks["challenges"], 2))
            solution = rng.choice(blocks["solutions"])
            if side:
                solution += " " + rng.choice(TOPICS[side]["solutions"])
            title = blocks["titles"][n % len(blocks["titles"])]
            if n % 2:
                title = f"{title} i {place}"
            docs.append(
                {
                    "id": f"d{len(docs) + 1:03d}",
                    "topic": topic,
                    "side_topic": side,
                    "place": place,
                    "estate": rng.choice(ESTATES),
                    "title": title,
                    "challenge": f"{challenge} Det gælder særligt i {place}.",
                    "solution": solution,
                }
            )
    return docs


def judge(doc: dict, topics: list[str], place: str | None) -> int:
    if place and doc["place"] != place:
        return 0
    if not topics:
        return 2
    if doc["topic"] in topics:
        return 2
    return 1 if doc["side_topic"] in topics else 0


def main():
    rng = random.Random(2020)
    docs = make_documents(rng)
    queries = []
    for text, topics, place in QUERIES:
        relevant = {d["id"]: g for d in docs if (g := judge(d, topics, place))}
        queries.append({"query": text, "relevant": relevant})
    DATA.mkdir(exist_ok=True)
    (DATA / "corpus.json").write_text(
        json.dumps(docs, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (DATA / "queries.json").write_text(
        json.dumps(queries, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"{len(docs)} documents, {len(queries)} queries in {DATA}")


if __name__ == "__main__":
    main()
