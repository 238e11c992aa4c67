import pytest

from inputs.models.inputs import Visibility
from inputs.states import Status
from search.services import archive_index_input


@pytest.fixture
def archived(db):
    """Make an input and put it straight in the index, in a given state."""
    from tests.factories import InputFactory

    def make(status=Status.ACCEPTED, visibility=Visibility.PUBLIC, **kwargs):
        input = InputFactory(submitted=True, visibility=visibility, **kwargs)
        # Tests stand in for the state machine here: the archive's concern is
        # what it finds in each state, not how the state was reached.
        type(input).objects.filter(pk=input.pk).update(status=status)
        input.refresh_from_db()
        archive_index_input(input_id=input.pk)
        return input

    return make
