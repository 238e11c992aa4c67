"""The admin's input chooser (for quotations in summaries) offers and returns
only inputs the user may see: accepted ones, never a draft."""

import pytest
from django.contrib.auth.models import Group

from inputs.models.inputs import Visibility
from inputs.services.moderation import input_set_visibility
from portal.accounts.roles import Role
from tests.factories import UserFactory, log_in

pytestmark = pytest.mark.django_db


def chosen(client, item):
    return client.get(f"/admin/input_chooser/chosen/{item.pk}/")


@pytest.fixture
def site_admin(db):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.SITE_ADMIN))
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def test_a_moderator_can_choose_accepted_inputs_only(client, mod, make_input):
    accepted = make_input(status="accepted", title="Godkendt input")
    draft = make_input(status="draft", title="Hemmelig kladde")
    waiting = make_input(status="submitted", title="Venter")
    log_in(client, mod)
    response = chosen(client, accepted)
    assert response.status_code == 200
    assert "Godkendt input" in response.content.decode()
    for item in (draft, waiting):
        response = chosen(client, item)
        assert response.status_code == 404
        assert item.title.encode() not in response.content
    ids = "&".join(f"id={i.pk}" for i in (accepted, draft, waiting))
    response = client.get(f"/admin/input_chooser/chosen-multiple/?{ids}")
    html = response.content.decode()
    assert "Godkendt input" in html
    assert "Hemmelig kladde" not in html and "Venter" not in html


def test_another_admin_user_sees_only_what_is_shared_with_them(
    client, mod, make_input, site_admin
):
    public = make_input(status="accepted", title="Offentligt input")
    input_set_visibility(input=public, visibility=Visibility.PUBLIC, user=mod)
    bl_only = make_input(status="accepted", title="Kun BL")
    draft = make_input(status="draft", title="Hemmelig kladde")
    log_in(client, site_admin)
    assert chosen(client, public).status_code == 200
    assert chosen(client, bl_only).status_code == 404
    assert chosen(client, draft).status_code == 404
    listing = client.get("/admin/input_chooser/").content.decode()
    assert "Offentligt input" in listing
    assert "Kun BL" not in listing and "Hemmelig kladde" not in listing


def test_a_malformed_id_is_a_404(client, mod):
    log_in(client, mod)
    assert client.get("/admin/input_chooser/chosen/abc/").status_code == 404
    assert client.get(f"/admin/input_chooser/chosen/{'9' * 30}/").status_code == 404


def test_a_moderator_finds_an_input_by_reference_or_title(client, mod, make_input):
    wanted = make_input(status="accepted", title="Telefonkæde i Gellerup")
    other = make_input(status="accepted", title="Gåtur i Vollsmose")
    draft = make_input(status="draft", title="Telefonkæde, kladde")
    log_in(client, mod)
    modal = client.get("/admin/input_chooser/").json()["html"]
    assert 'name="q"' in modal  # the modal has a search field
    for query in (wanted.reference, "telefonkæde"):
        html = client.get("/admin/input_chooser/results/", {"q": query}).content
        html = html.decode()
        assert wanted.title in html
        assert other.title not in html
        assert draft.title not in html
