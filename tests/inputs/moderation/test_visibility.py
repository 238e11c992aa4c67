import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from inputs.models.inputs import Consent, Visibility
from inputs.selectors import inputs_visible_to
from inputs.services.moderation import (
    input_accept,
    input_set_visibility,
    visibility_allowed,
)
from portal.organisations.models import Partnership
from portal.organisations.services import partnership_membership_add
from tests.factories import InputFactory, UserFactory, log_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("consent", "visibility", "allowed"),
    [
        (Consent.NAMED, Visibility.PUBLIC, True),
        (Consent.ANONYMISED, Visibility.PUBLIC, True),
        (Consent.NONE, Visibility.PUBLIC, False),
        (Consent.NONE, Visibility.PARTNERSHIP, True),
        (Consent.NONE, Visibility.BL_ONLY, True),
    ],
)
def test_public_only_with_consent(consent, visibility, allowed):
    item = InputFactory.build(consent=consent)
    assert visibility_allowed(input=item, visibility=visibility) is allowed


def test_accept_refuses_public_without_consent(make_input, mod):
    item = make_input(status="in_review", consent=Consent.NONE)
    with pytest.raises(ValidationError):
        input_accept(input=item, user=mod, visibility=Visibility.PUBLIC)
    item.refresh_from_db()
    assert item.status == "in_review"


def test_anonymised_name():
    named = InputFactory.build(consent=Consent.NAMED)
    assert named.public_organisation_name() == named.organisation.name
    anonymous = InputFactory.build(consent=Consent.ANONYMISED)
    assert anonymous.public_organisation_name() == "Anonymiseret"


def _partner(slug):
    user = UserFactory()
    partnership_membership_add(
        user=user, partnership=Partnership.objects.get(slug=slug)
    )
    return user


def test_inputs_visible_to_per_role(make_input, mod, author):
    public = make_input(status="accepted")
    input_set_visibility(input=public, visibility=Visibility.PUBLIC, user=mod)
    shared = make_input(status="accepted")
    input_set_visibility(input=shared, visibility=Visibility.PARTNERSHIP, user=mod)
    bl_only = make_input(status="accepted")
    in_review = make_input(status="in_review")
    draft = make_input(status="draft")

    def visible(user):
        return set(inputs_visible_to(user=user))

    assert visible(AnonymousUser()) == {public}
    assert visible(UserFactory()) == {public}
    # The factory's inputs belong to the partnership for weakened elderly.
    assert visible(_partner("svaekkede-aeldre")) == {public, shared}
    assert visible(_partner("udsatte-voksne")) == {public}
    assert visible(mod) == {public, shared, bl_only, in_review}
    assert visible(author) == {public, shared, bl_only, in_review, draft}


def _page(client, user, item):
    if user is not None:
        log_in(client, user)
    return client.get(f"/input/{item.pk}/")


def test_input_page_follows_the_same_rule(client, make_input, mod, author):
    public = make_input(status="accepted", estate="Blok 7")
    input_set_visibility(input=public, visibility=Visibility.PUBLIC, user=mod)
    shared = make_input(status="accepted")
    input_set_visibility(input=shared, visibility=Visibility.PARTNERSHIP, user=mod)
    bl_only = make_input(status="accepted")

    response = _page(client, None, public)
    assert response.status_code == 200
    html = response.content.decode()
    assert public.organisation.name in html and "Blok 7" in html
    assert "Historik" not in html  # the organisation's own view only
    for hidden in (shared, bl_only):
        assert _page(client, None, hidden).status_code == 404
    partner = _partner("svaekkede-aeldre")
    assert _page(client, partner, shared).status_code == 200
    assert _page(client, partner, bl_only).status_code == 404
    assert _page(client, _partner("udsatte-voksne"), shared).status_code == 404
    own = _page(client, author, bl_only)
    assert own.status_code == 200 and "Historik" in own.content.decode()


def test_input_page_hides_an_anonymised_organisation(client, make_input, mod):
    item = make_input(status="accepted", consent=Consent.ANONYMISED, estate="Blok 7")
    input_set_visibility(input=item, visibility=Visibility.PUBLIC, user=mod)
    html = _page(client, None, item).content.decode()
    assert "Anonymiseret" in html
    assert item.organisation.name not in html
    assert "Blok 7" not in html
