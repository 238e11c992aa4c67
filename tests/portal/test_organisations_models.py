import pytest
from django.core.exceptions import ValidationError

from portal.organisations.models import Municipality, Organisation, Partnership, Region
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_reference_data_is_loaded():
    assert Municipality.objects.count() == 98
    assert Region.objects.count() == 5
    assert Municipality.objects.get(name="Køge").region.name == "Region Sjælland"
    assert set(
        Partnership.objects.filter(bl_member=True).values_list("slug", flat=True)
    ) == {"udsatte-boern-og-unge", "udsatte-voksne", "svaekkede-aeldre"}


@pytest.mark.django_db
@pytest.mark.parametrize("cvr", ["93170601", "22303775", "21932647"])
def test_valid_cvr_numbers_are_accepted(cvr):
    organisation = OrganisationFactory.build(cvr=cvr)
    organisation.full_clean()
    assert len(organisation.cvr) == 8


@pytest.mark.django_db
@pytest.mark.parametrize("cvr", ["93170602", "1234567", "123456789", "abcdefgh", ""])
def test_invalid_cvr_numbers_are_refused_in_danish(cvr):
    organisation = OrganisationFactory.build(cvr=cvr)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "cvr" in error.value.message_dict


@pytest.mark.django_db
def test_cvr_is_unique():
    OrganisationFactory(cvr="93170601")
    duplicate = OrganisationFactory.build(cvr="93170601")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "cvr" in error.value.message_dict


@pytest.mark.django_db
def test_factory_builds_valid_organisations():
    organisation = OrganisationFactory()
    organisation.full_clean()
    assert organisation.status == Organisation.Status.APPROVED
