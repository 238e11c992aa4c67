"""A moderator changes an accepted input's visibility later, within the
organisation's consent; the change is logged and the archive follows. When
accepting, the visibility offered first follows the consent."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models.inputs import Consent, Visibility
from inputs.services.moderation import input_set_visibility
from search.query import SearchRequest, Viewer
from search.services import archive_search
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def _url(name, item):
    return reverse(f"inputs_moderation:{name}", args=[item.pk])


def _public_titles():
    request = SearchRequest(query="", viewer=Viewer())
    return [str(h.title) for h in archive_search(request=request).hits]


def _selected(html: str, select_name: str, form_action: str) -> tuple[str, list]:
    """The selected option and all options of a <select> in one form."""
    form = html.split(f'action="{form_action}"')[1].split("</form>")[0]
    select = form.split(f'name="{select_name}"')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"', select)
    selected = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return (selected.group(1) if selected else None), options


def test_moderator_widens_and_narrows_later_logged_and_reindexed(
    mod_client, mod, make_input, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_input(status="accepted", title="Madklub for ældre")
    assert item.visibility == Visibility.BL_ONLY
    assert "Madklub for ældre" not in _public_titles()

    page = mod_client.get(_url("inspect", item)).content.decode()
    selected, options = _selected(page, "visibility", _url("visibility", item))
    assert selected == Visibility.BL_ONLY
    assert options == ["bl", "partnership", "public"]
    # Its label points at its own select, not the status form's.
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert re.search(
        r'<label[^>]*for="id_change_visibility"[^>]*>\s*Hvem må se input\?', page
    )
    # The status form (archive) no longer asks who may see it once accepted.
    assert "når det er accepteret" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(_url("visibility", item), {"visibility": "public"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.visibility == Visibility.PUBLIC
    assert "Madklub for ældre" in _public_titles()

    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(_url("visibility", item), {"visibility": "partnership"})
    item.refresh_from_db()
    assert item.visibility == Visibility.PARTNERSHIP
    assert "Madklub for ældre" not in _public_titles()

    entries = ModelLogEntry.objects.for_instance(item).filter(
        action="inputs.visibility"
    )
    assert [(e.data["from"], e.data["to"], e.user) for e in entries.order_by("pk")] == [
        ("bl", "public", mod),
        ("public", "partnership", mod),
    ]
    history = mod_client.get(_url("inspect", item)).content.decode()
    assert history.count("Synlighed ændret") == 2


def test_public_is_neither_offered_nor_taken_without_consent(mod_client, make_input):
    item = make_input(status="accepted", consent=Consent.NONE)
    page = mod_client.get(_url("inspect", item)).content.decode()
    _, options = _selected(page, "visibility", _url("visibility", item))
    assert options == ["bl", "partnership"]
    assert "ikke givet samtykke til offentliggørelse" in page

    response = mod_client.post(_url("visibility", item), {"visibility": "public"})
    assert response.status_code == 400
    assert "kun gøres offentligt, hvis organisationen har givet samtykke" in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.visibility == Visibility.BL_ONLY


@pytest.mark.parametrize(
    ("consent", "offered"),
    [
        (Consent.NAMED, "public"),
        (Consent.ANONYMISED, "public"),
        (Consent.NONE, "partnership"),
    ],
)
def test_accepting_offers_the_consented_visibility_first(
    mod_client, make_input, consent, offered
):
    item = make_input(status="in_review", consent=consent)
    page = mod_client.get(_url("inspect", item)).content.decode()
    selected, _ = _selected(page, "visibility", _url("transition", item))
    assert selected == offered
    # No visibility form before the input is published.
    assert f'action="{_url("visibility", item)}"' not in page


def test_the_service_refuses_what_the_view_does_not_offer(mod, make_input):
    in_review = make_input(status="in_review")
    with pytest.raises(ValidationError):
        input_set_visibility(input=in_review, visibility="partnership", user=mod)
    accepted = make_input(status="accepted", consent=Consent.NONE)
    with pytest.raises(ValidationError):
        input_set_visibility(input=accepted, visibility="public", user=mod)
    with pytest.raises(PermissionDenied):
        input_set_visibility(
            input=accepted, visibility="partnership", user=accepted.author
        )
    accepted.refresh_from_db()
    assert accepted.visibility == Visibility.BL_ONLY
    assert not ModelLogEntry.objects.filter(action="inputs.visibility").exists()


def test_same_visibility_again_is_no_change(mod, make_input):
    item = make_input(status="accepted")
    version = item.version
    input_set_visibility(input=item, visibility=Visibility.BL_ONLY, user=mod)
    assert item.version == version
    assert not ModelLogEntry.objects.filter(action="inputs.visibility").exists()


def test_only_moderators_change_visibility(client, make_input, author):
    item = make_input(status="accepted")
    log_in(client, author)
    response = client.post(_url("visibility", item), {"visibility": "partnership"})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.visibility == Visibility.BL_ONLY
