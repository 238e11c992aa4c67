"""What the archive knows about an input or a summary: built once here, so
every backend indexes the same fields and the same visibility."""

import html
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from inputs.models import Input
from inputs.models.inputs import Consent
from inputs.states import Status

SUMMARY_STATUS = "published"
INPUT_VISIBILITY_PUBLIC = "public"

# Facet names, in the order the page shows them.
FACETS = (
    "source",
    "partnership",
    "kind",
    "theme",
    "target_group",
    "region",
    "municipality",
    "organisation_kind",
    "year",
    "status",
)
MODERATOR_FACETS = frozenset({"status"})
# The topics an input is filed under, which search weighs (search_text()).
LABEL_FACETS = frozenset({"theme"})


@dataclass
class IndexDocument:
    key: str
    source: str
    object_id: int
    title: str
    body: str
    url: str
    organisation_name: str | None
    # Text only moderators may search (an anonymised organisation's name).
    restricted_text: str
    status: str
    visibility: str
    published_at: datetime | None
    facets: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    # Searchable but never shown in an excerpt: place names and vocabulary
    # labels, so "Køge" or "ensomhed" find what is filed under them.
    extra_text: str = ""

    def search_text(self) -> str:
        """The text every backend indexes: title, body and extra text, and
        the theme labels once more. Being filed under a theme says more
        about a text than one word of it does (measured on the harder
        relevance set: counted twice helped, three times did not; the
        target groups' labels, broad words like "sårbare" and "voksne",
        twice too did no better; see docs/search.md)."""
        labels = [lb for n, _v, lb in self.facets if n in LABEL_FACETS]
        return "\n".join([self.title, self.body, self.extra_text, *labels])

    @property
    def partnership_ids(self) -> list[str]:
        return [value for name, value, _label in self.facets if name == "partnership"]


def input_key(pk: int) -> str:
    return f"input:{pk}"


def summary_key(pk: int) -> str:
    return f"summary:{pk}"


def should_index_input(input: Input) -> bool:
    """Drafts are the organisation's own business; everything submitted is
    in the index (moderators search it), and visibility decides the rest."""
    return input.status != Status.DRAFT


RELATED = ("partnerships", "themes", "target_groups", "keywords")


def inputs_for_index():
    """The inputs to index, with everything input_document() reads."""
    return (
        Input.objects.exclude(status=Status.DRAFT)
        .select_related("organisation", "municipality__region")
        # Plain lists (to_attr): a rebuild skips a related manager per input
        # and relation.
        .prefetch_related(
            *(Prefetch(name, to_attr=f"indexed_{name}") for name in RELATED)
        )
    )


def _labels(choices) -> dict[str, str]:
    # get_FOO_display() hashes lazy labels on every call; a rebuild makes
    # hundreds of thousands of them.
    return {value: str(label) for value, label in choices}


def input_document(input: Input, labels=None) -> IndexDocument:
    """The index document of an input loaded by inputs_for_index()."""
    org = input.organisation
    anonymised = input.consent == Consent.ANONYMISED
    # "Question: answer" lines, as the input's page shows them.
    answers = "\n".join(Input.answer_line(q, a) for q, a in input.answer_items() if a)
    body = "\n".join(p for p in (input.challenge, input.solution, answers) if p)
    municipality = input.municipality
    date = input.submitted_at or input.created_at
    partnerships = input.indexed_partnerships
    labels = labels or choice_labels()
    kind = labels["kind"].get(input.kind, input.kind)
    status = labels["status"].get(input.status, input.status)
    facets = [
        ("source", "input", labels["input"]),
        ("kind", input.kind, kind),
        ("region", str(municipality.region_id), municipality.region.name),
        ("municipality", str(municipality.pk), municipality.name),
        ("organisation_kind", org.kind, labels["org_kind"].get(org.kind, org.kind)),
        ("status", input.status, status),
    ]
    if date:
        facets.append(("year", str(date.year), str(date.year)))
    facets += [("partnership", str(p.pk), p.name) for p in partnerships]
    facets += [("theme", str(t.pk), t.name) for t in input.indexed_themes]
    facets += [("target_group", str(t.pk), t.name) for t in input.indexed_target_groups]
    return IndexDocument(
        key=input_key(input.pk),
        source="input",
        object_id=input.pk,
        title=input.title,
        # A named organisation is part of what anyone may search.
        body=body if anonymised else f"{body}\n{org.name}",
        url=reverse("inputs:detail", args=[input.pk]),
        organisation_name=None if anonymised else org.name,
        restricted_text=org.name if anonymised else "",
        status=input.status,
        visibility=input.visibility,
        # Newest = newest in the archive: when it was accepted (published);
        # the date each hit shows, so the list reads in order.
        published_at=input.accepted_at or date,
        facets=facets,
        extra_text=" ".join(
            [
                # People paste the reference every hit shows (BL-2020-0023).
                input.reference or "",
                municipality.name,
                municipality.region.name,
                "" if anonymised else input.estate,
            ]
            + [label for name, _v, label in facets if name in ("theme", "target_group")]
            # What the organisation or a moderator tagged it with.
            + [keyword.name for keyword in input.indexed_keywords]
        ),
        meta={
            "reference": input.reference or "",
            # A code: the page names it in the reader's language.
            "kind": input.kind,
            "municipality": municipality.name,
            "partnerships": [p.name for p in partnerships],
            "estate": "" if anonymised else input.estate,
        },
    )


def choice_labels() -> dict:
    """The display labels input_document() needs, in the active language."""
    from inputs.models.inputs import Kind
    from portal.organisations.models import Organisation

    return {
        "input": _("Input"),
        "kind": _labels(Kind.choices),
        "status": _labels(Status.choices),
        "org_kind": _labels(Organisation.Kind.choices),
    }


def summary_document(page) -> IndexDocument:
    partnership = page.partnership
    date = page.first_published_at or page.latest_revision_created_at
    facets = [
        ("source", "summary", _("Opsamling")),
        ("status", SUMMARY_STATUS, _("Offentliggjort")),
        ("partnership", str(partnership.pk), partnership.name),
    ]
    if date:
        facets.append(("year", str(date.year), str(date.year)))
    return IndexDocument(
        key=summary_key(page.pk),
        source="summary",
        object_id=page.pk,
        title=page.title,
        # archive_text() strips the rendered blocks' tags but leaves their
        # entities (&#x27;); the index holds plain text.
        body=html.unescape(page.archive_text()),
        url=page.url or "",
        organisation_name=None,
        restricted_text="",
        # A published summary is a public page; for non-moderators the
        # index treats it like an accepted public input.
        status=Status.ACCEPTED,
        visibility=INPUT_VISIBILITY_PUBLIC,
        published_at=date,
        facets=facets,
        meta={
            "partnerships": [partnership.name],
        },
    )
