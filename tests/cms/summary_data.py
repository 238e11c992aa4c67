"""Summaries and the inputs they build on, in every state and visibility,
for the summary tests (their fixtures are in conftest.py)."""

from inputs.services import input_transition
from tests.factories import InputFactory, OrganisationFactory, member_of, theme

STATISTICS = (
    "statistics",
    {"heading": "Input fordelt på temaer", "dimension": "theme"},
)


def _draft(title="Kladde, ikke indsendt"):
    return InputFactory(title=title, themes=[theme("ensomhed")])


def _withdrawn(title="Trukket tilbage-titel"):
    organisation = OrganisationFactory()
    author = member_of(organisation)
    item = InputFactory(organisation=organisation, author=author, title=title)
    input_transition(input=item, action="submit", user=author)
    return input_transition(input=item, action="withdraw", user=author)


def _rejected(mod, title="Afvist-titel"):
    organisation = OrganisationFactory()
    author = member_of(organisation)
    item = InputFactory(organisation=organisation, author=author, title=title)
    input_transition(input=item, action="submit", user=author)
    input_transition(input=item, action="start_review", user=mod)
    return input_transition(input=item, action="reject", user=mod, note="Nej.")
