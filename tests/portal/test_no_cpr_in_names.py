"""People's and organisations' names, join requests and API keys hold no
CPR number (inputs.personal_data.no_cpr_number): each is refused beside
its field, with the rest of what the person typed kept."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import APIToken
from wagtail.users.forms import UserEditForm

from portal.organisations.models import JoinRequest, Municipality, Organisation
from tests.factories import UserFactory, error_beside, log_in, sign_up_data

from .conftest import login

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
REFUSED = "indeholder et CPR-nummer"


def test_sign_up_refuses_a_cpr_number_in_the_name_and_keeps_the_rest(client):
    data = {**sign_up_data("sofie@boligen.dk"), "last_name": f"Bruger {CPR}"}
    response = client.post(reverse("account_signup"), data)
    html = response.content.decode()
    assert REFUSED in error_beside(html, "last_name")
    assert 'value="Sofie"' in html
    assert 'value="sofie@boligen.dk"' in html
    assert not get_user_model().objects.filter(email="sofie@boligen.dk").exists()


def test_a_name_edited_later_holds_no_cpr_number_either():
    """The Wagtail admin's user forms are model forms of the same fields."""
    user = UserFactory()
    user.first_name = f"Bruger {CPR}"
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert REFUSED in " ".join(error.value.message_dict["first_name"])
    form = UserEditForm(
        {"email": user.email, "first_name": "Bruger", "last_name": CPR},
        instance=user,
    )
    assert not form.is_valid()
    assert REFUSED in " ".join(form.errors["last_name"])


def test_registration_refuses_a_cpr_number_in_the_name_and_keeps_the_rest(
    client, outsider
):
    login(client, outsider)
    response = client.post(
        reverse("organisations:register"),
        {
            "name": f"Boligselskabet {CPR}",
            "cvr": "22 30 37 75",
            "kind": Organisation.Kind.HOUSING_ORGANISATION,
            "municipality": Municipality.objects.get(name="Køge").pk,
        },
    )
    html = response.content.decode()
    assert REFUSED in error_beside(html, "name")
    assert 'value="22 30 37 75"' in html
    assert not Organisation.objects.filter(cvr="22303775").exists()


def test_an_organisation_s_name_edited_by_bl_holds_no_cpr_number(organisation):
    organisation.name = "Solhjem (010190)1234"
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "name" in error.value.message_dict


def test_a_join_request_message_with_a_cpr_number_is_refused(
    client, outsider, organisation
):
    login(client, outsider)
    response = client.post(
        reverse("organisations:join_request", args=[organisation.pk]),
        {"message": f"Jeg hjælper beboeren med CPR {CPR}."},
    )
    html = response.content.decode()
    assert REFUSED in error_beside(html, "message")
    assert "Jeg hjælper beboeren med CPR" in html
    assert not JoinRequest.objects.exists()


def test_an_api_key_s_name_holds_no_cpr_number(client):
    log_in(client, UserFactory())
    response = client.post(
        reverse("api_tokens"), {"name": f"Nøgle {CPR}", "request_id": uuid.uuid4()}
    )
    assert REFUSED in error_beside(response.content.decode(), "name")
    assert not APIToken.objects.exists()
