from datetime import timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from inputs.models import CallPage, CallQuestion
from portal.organisations.models import Municipality, Partnership
from tests.factories import OrganisationFactory, member_of


def make_call(parent, *, slug="indkaldelse", opens=-1, closes=30, questions=True):
    """A published call under `parent`, open from `opens` to `closes` days
    from now, with a required long-text and an optional yes/no question."""
    # Days from today at a fixed time: at midnight and noon English dates
    # say "midnight" and "noon", not a.m. or p.m., and a test of them failed
    # in the one minute a day that `now` fell there.
    now = timezone.localtime().replace(hour=14, minute=30, second=0, microsecond=0)
    call = CallPage(
        title="Input om genåbningen",
        slug=slug,
        introduction="Fortæl os om jeres udfordringer og løsninger.",
        guidance="<p>Skriv kort og konkret.</p>",
        opens_at=now + timedelta(days=opens),
        closes_at=now + timedelta(days=closes),
    )
    if questions:
        call.questions = [
            CallQuestion(
                label="Hvad har I brug for?", field_type="multiline", required=True
            ),
            CallQuestion(label="Samarbejder I med kommunen?", field_type="yesno"),
        ]
    parent.add_child(instance=call)
    call.partnerships.set(Partnership.objects.filter(slug="svaekkede-aeldre"))
    call.save_revision().publish()
    return CallPage.objects.get(pk=call.pk)


@pytest.fixture
def call(demo_site):
    return make_call(demo_site)


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def member(organisation):
    return member_of(organisation)


def form_data(call, organisation=None, **overrides) -> dict:
    """A complete, valid POST for the input form."""
    from inputs.models import TargetGroup, Theme

    data = {
        "token": str(uuid4()),
        "kind": "both",
        "title": "Tryghedsopkald til ældre beboere",
        "challenge": "Mange ældre har isoleret sig under nedlukningen.",
        "solution": "Frivillige ringer til dem hver uge.",
        "partnerships": [p.pk for p in call.partnerships.all()],
        "themes": [Theme.objects.get(slug="ensomhed").pk],
        "target_groups": [TargetGroup.objects.get(slug="aeldre").pk],
        "municipality": Municipality.objects.get(code=101).pk,
        "estate": "Afdeling 12",
        "residents_reached": "40",
        "consent": "anonymised",
        "question_hvad_har_i_brug_for": "Flere frivillige.",
        "question_samarbejder_i_med_kommunen": "Ja",
        "intent": "submit",
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# The statistics tests build archived inputs as the search tests do.
from tests.search.conftest import archived  # noqa: E402,F401
