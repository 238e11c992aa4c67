"""Every e-mail address a person types holds no CPR number: one rule
(inputs.personal_data.no_cpr_number_in_email) and one message beside the
field, at sign-up, under the account, in an invitation, in an input's
contact e-mail and in the admin's user forms."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.users.forms import UserEditForm

from portal.organisations.models import Invitation, Partnership
from tests.factories import UserFactory, error_beside, sign_up_data

from .conftest import login

pytestmark = pytest.mark.django_db

# What an outside check signed up and invited with, and other spellings.
ADDRESSES = [
    ("0101901234@example.org", "0101901234"),
    ("jens.010190-1234@example.org", "010190-1234"),
    ("jens+010190+1234@example.org", "010190+1234"),
    ("010190_1234@example.org", "010190_1234"),
    ("beboer@0101901234.dk", "0101901234"),
]


def _message(found: str) -> str:
    return (
        f"E-mailadressen indeholder et CPR-nummer ({found}). Portalen må ikke "
        "kunne identificere nogen: brug en anden e-mailadresse."
    )


@pytest.mark.parametrize(("email", "found"), ADDRESSES)
def test_the_rule_finds_a_cpr_number_in_an_address(email, found):
    from inputs.personal_data import no_cpr_number_in_email

    with pytest.raises(ValidationError) as error:
        no_cpr_number_in_email(email)
    assert error.value.messages == [_message(found)]


@pytest.mark.parametrize(
    "email",
    ["sofie@boligen.dk", "kontakt2020@aab.dk", "afd-12-14@fsb.dk", "22334455@sms.dk"],
)
def test_ordinary_addresses_pass(email):
    from inputs.personal_data import no_cpr_number_in_email

    no_cpr_number_in_email(email)


@pytest.mark.parametrize(("email", "found"), ADDRESSES[:3])
def test_sign_up_refuses_it_beside_the_field_and_keeps_the_rest(client, email, found):
    response = client.post(reverse("account_signup"), sign_up_data(email))
    html = response.content.decode()
    assert _message(found) in error_beside(html, "email")
    assert 'value="Sofie"' in html
    assert f'value="{email}"' in html
    assert not get_user_model().objects.filter(email=email).exists()


def test_an_address_added_under_the_account_is_refused(client):
    user = UserFactory()
    login(client, user)
    response = client.post(
        reverse("account_email"),
        {"email": "0101901234@example.org", "action_add": ""},
    )
    html = response.content.decode()
    assert _message("0101901234") in error_beside(html, "email")
    assert 'value="0101901234@example.org"' in html
    assert not EmailAddress.objects.filter(email="0101901234@example.org").exists()


def test_an_organisation_s_invitation_is_refused_beside_the_field(
    client, organisation, org_admin
):
    login(client, org_admin)
    response = client.post(
        reverse("organisations:members", args=[organisation.pk]),
        {"email": "0101901234@example.org", "role": "member"},
    )
    html = response.content.decode()
    assert _message("0101901234") in error_beside(html, "email")
    assert 'value="0101901234@example.org"' in html
    assert not Invitation.objects.exists()


def test_a_partnership_invitation_is_refused_beside_the_field(client, moderator):
    login(client, moderator)
    response = client.post(
        reverse("organisations:partnership_invite"),
        {
            "email": "jens.010190-1234@example.org",
            "partnership": Partnership.objects.filter(bl_member=True).first().pk,
        },
    )
    html = response.content.decode()
    assert _message("010190-1234") in error_beside(html, "email")
    assert not Invitation.objects.exists()


def test_the_stored_addresses_hold_to_it_too(organisation):
    """The services' full_clean() and the admin's model forms."""
    user = UserFactory()
    form = UserEditForm(
        {"email": "0101901234@example.org", "first_name": "A", "last_name": "B"},
        instance=user,
    )
    assert not form.is_valid()
    assert form.errors["email"] == [_message("0101901234")]
    invitation = Invitation(email="0101901234@example.org", organisation=organisation)
    with pytest.raises(ValidationError) as error:
        invitation.full_clean()
    assert error.value.message_dict["email"] == [_message("0101901234")]


def test_the_message_is_english_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("account_signup"), sign_up_data("0101901234@example.org")
    )
    assert (
        "The e-mail address contains a CPR number (0101901234). Nothing in the "
        "portal may identify anyone: use another e-mail address."
    ) in error_beside(response.content.decode(), "email")
