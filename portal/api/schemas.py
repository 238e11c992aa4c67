"""What the API returns, as the OpenAPI schema documents it."""

from datetime import datetime

from ninja import Schema


class Message(Schema):
    da: str
    en: str


class ErrorOut(Schema):
    code: str
    message: Message


class PartnershipOut(Schema):
    slug: str
    name: str
    name_en: str
    anchored_in: str
    anchored_in_en: str


class VocabularyOut(Schema):
    slug: str
    name: str
    name_en: str


class QuestionOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    choices: list[str]


class CallOut(Schema):
    id: int
    title: str
    url: str
    introduction: str
    opens_at: datetime
    closes_at: datetime
    is_open: bool
    partnerships: list[str]
    questions: list[QuestionOut]


class AnswerOut(Schema):
    question: str
    answer: str


class InputOut(Schema):
    id: int
    url: str
    title: str
    kind: str
    challenge: str
    solution: str
    answers: list[AnswerOut]
    organisation: str | None
    municipality: str
    region: str
    partnerships: list[str]
    themes: list[str]
    target_groups: list[str]
    published_at: datetime | None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    values: list[FacetValueOut]


class HitOut(Schema):
    id: int
    source: str
    url: str
    title: str
    excerpt: str
    organisation: str | None
    published_at: datetime | None


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    num_pages: int
    items: list[HitOut]
    facets: list[FacetOut]


class SummaryOut(Schema):
    id: int
    title: str
    url: str
    introduction: str
    partnership: str | None
    published_at: datetime | None


class CountOut(Schema):
    label: str
    # None where fewer than three inputs would single out an organisation.
    count: int | None


class DimensionOut(Schema):
    name: str
    label: str
    counts: list[CountOut]


class StatisticsOut(Schema):
    partnership: str | None
    total: int | None
    dimensions: list[DimensionOut]
