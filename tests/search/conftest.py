import pytest

from inputs.models.inputs import Consent, Visibility
from inputs.states import Status
from search.services import archive_index_input
from tests.search.helpers import move_to


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
