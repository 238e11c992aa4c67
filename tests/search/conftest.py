import os
import uuid

import pytest

from inputs.models.inputs import Consent, Visibility
from inputs.states import Status
from portal.organisations.models import Partnership
from search.services import archive_index_input
from tests.factories import OrganisationFactory
from tests.search.helpers import move_to

LIVE_URL = os.environ.get("ELASTICSEARCH_URL")
NO_SERVER = (
    "ELASTICSEARCH_URL is not set: the Elasticsearch half of the behaviour "
    "suite needs a live server (see README, 'Archive search')"
)


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    """The behaviour suite runs once per backend: the database's own (SQLite
    or PostgreSQL, as DATABASE_URL says) and, when ELASTICSEARCH_URL points
    at a server, Elasticsearch, each test on an index of its own."""
    from search.backends import _backend, get_backend

    if request.param == "database":
        yield request.param
        return
    if not LIVE_URL:
        pytest.skip(NO_SERVER)
    settings.ELASTICSEARCH_URL = LIVE_URL
    settings.ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY")
    settings.ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS")
    settings.ELASTICSEARCH_INDEX = f"partnerportalen-test-{uuid.uuid4().hex[:10]}"
    _backend.cache_clear()
    backend = get_backend()
    try:
        yield request.param
    finally:
        for index in backend._aliased():
            backend.client.options(ignore_status=404).indices.delete(index=index)
        backend.client.close()
        _backend.cache_clear()


@pytest.fixture
def archived(db):
    """Make an input, take it through the state machine to `status` and put
    it straight in the index."""
    from tests.factories import InputFactory

    def make(status=Status.ACCEPTED, visibility=Visibility.PUBLIC, **kwargs):
        # Public needs the organisation's consent (input_accept checks it).
        kwargs.setdefault("consent", Consent.NAMED)
        input = InputFactory(visibility=visibility, **kwargs)
        move_to(input, status)
        archive_index_input(input_id=input.pk)
        return input

    return make


# Inputs of every visibility, for the visibility tests of the archive page
# and of the API: what each role may find.
@pytest.fixture
def partnerships():
    return list(Partnership.objects.exclude(slug="svaekkede-aeldre").order_by("pk")[:2])


@pytest.fixture
def world(archived, partnerships):
    ours, theirs = partnerships
    secret_org = OrganisationFactory(name="Hemmelige Boliger")
    return {
        "public": archived(title="Offentlig vaskekælder"),
        "shared": archived(
            title="Delt vaskekælder",
            visibility=Visibility.PARTNERSHIP,
            partnerships=[ours],
        ),
        "other_shared": archived(
            title="Andet partnerskabs vaskekælder",
            visibility=Visibility.PARTNERSHIP,
            partnerships=[theirs],
        ),
        "bl_only": archived(title="BL's vaskekælder", visibility=Visibility.BL_ONLY),
        "in_review": archived(title="Ny vaskekælder", status=Status.IN_REVIEW),
        "anonymous": archived(
            title="Anonym vaskekælder",
            organisation=secret_org,
            consent=Consent.ANONYMISED,
            challenge="Vaskekælderen er for lille.",
        ),
    }
