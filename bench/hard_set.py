"""The harder relevance set (bench/data/hard/): inputs and graded queries
written and judged by reading, kept as plain text so a reviewer can read
them. See docs/search.md, "The harder relevance set"."""

from dataclasses import dataclass, field
from pathlib import Path

HARD = Path(__file__).parent / "data" / "hard"
# Written later by another author, who read neither the engine nor this
# set: measured, never tuned on (docs/search.md, "The fresh set").
FRESH = Path(__file__).parent / "data" / "fresh"

# Each target group's partnership: what an organisation would tick.
PARTNERSHIP_OF_GROUP = {
    "aeldre": "svaekkede-aeldre",
    "mennesker-med-handicap": "mennesker-med-handicap",
    "boern-og-unge": "udsatte-boern-og-unge",
    "familier": "udsatte-boern-og-unge",
}
DEFAULT_PARTNERSHIP = "udsatte-voksne"


@dataclass
class HardInput:
    id: str
    organisation: str
    municipality: str
    estate: str
    themes: list[str]
    groups: list[str]
    title: str = ""
    challenge: str = ""
    solution: str = ""

    @property
    def partnerships(self) -> list[str]:
        return sorted(
            {PARTNERSHIP_OF_GROUP.get(g, DEFAULT_PARTNERSHIP) for g in self.groups}
        )


@dataclass
class HardQuery:
    id: str
    type: str
    query: str = ""
    relevant: dict[str, int] = field(default_factory=dict)
    note: str = ""


def _records(path: Path):
    """(header fields, {letter: text}) per "## " record of a file."""
    header, lines = None, {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            if header:
                yield header, lines
            header, lines = [p.strip() for p in raw[3:].split("|")], {}
        elif header and len(raw) > 2 and raw[1:3] == ": ":
            lines[raw[0]] = raw[3:].strip()
    if header:
        yield header, lines


def load_inputs(folder: Path = HARD) -> list[HardInput]:
    out = []
    for path in sorted(folder.glob("inputs_*.txt")):
        for (id_, org, place, estate, themes, groups), lines in _records(path):
            out.append(
                HardInput(
                    id=id_,
                    organisation=org,
                    municipality=place,
                    estate=estate,
                    themes=themes.split(","),
                    groups=groups.split(","),
                    title=lines["T"],
                    challenge=lines["C"],
                    solution=lines["S"],
                )
            )
    return out


def load_queries(folder: Path = HARD) -> list[HardQuery]:
    out = []
    for (id_, type_), lines in _records(folder / "queries.txt"):
        relevant = {}
        for pair in lines.get("R", "").split():
            doc, grade = pair.split("=")
            relevant[doc] = int(grade)
        out.append(
            HardQuery(
                id=id_,
                type=type_,
                query=lines["Q"],
                relevant=relevant,
                note=lines.get("N", ""),
            )
        )
    return out


def create_inputs(inputs: list[HardInput]) -> dict[int, str]:
    """The inputs in the test database, accepted and public, each with its
    organisation (named), municipality, estate, themes, target groups and
    partnerships. Returns {input pk: set id}."""
    from datetime import UTC, datetime, timedelta

    from common import _cvr

    from inputs.models import Input, TargetGroup, Theme
    from portal.organisations.models import Municipality, Organisation, Partnership

    municipalities = {m.name: m for m in Municipality.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    partnerships = {p.slug: p for p in Partnership.objects.all()}
    organisations = {}
    for n, name in enumerate(dict.fromkeys(i.organisation for i in inputs)):
        first = next(i for i in inputs if i.organisation == name)
        organisations[name] = Organisation.objects.create(
            name=name,
            cvr=_cvr(n),
            kind=Organisation.Kind.HOUSING_ORGANISATION,
            municipality=municipalities[first.municipality],
            status=Organisation.Status.APPROVED,
        )
    start = datetime(2020, 6, 23, tzinfo=UTC)
    doc_of = {}
    for n, spec in enumerate(inputs):
        obj = Input.objects.create(
            reference=f"HARD-{n + 1:04d}",
            organisation=organisations[spec.organisation],
            kind="both",
            title=spec.title,
            challenge=spec.challenge,
            solution=spec.solution,
            municipality=municipalities[spec.municipality],
            estate=spec.estate,
            consent="named",
            status="accepted",
            visibility="public",
            # One input a day: "newest" breaks ties the same way every run.
            submitted_at=start + timedelta(hours=n * 7),
        )
        obj.themes.set([themes[t] for t in spec.themes])
        obj.target_groups.set([groups[g] for g in spec.groups])
        obj.partnerships.set([partnerships[p] for p in spec.partnerships])
        doc_of[obj.pk] = spec.id
    return doc_of
