"""A moderator files an input under themes and target groups and gives it
keywords from the input's own page; the change is logged, and the archive
finds the input by them. No one else may, and a CPR number in a keyword is
refused beside the field."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models.inputs import Visibility
from inputs.services.moderation import input_set_visibility, input_tags_set
from portal.organisations.models import Membership
from search.query import SearchRequest, Viewer
from search.services import archive_search
from tests.factories import (
    log_in,
    member_of,
    moderator,
    target_group,
    theme,
)

pytestmark = pytest.mark.django_db


def _url(name, item):
    return reverse(f"inputs_moderation:{name}", args=[item.pk])


def _public_titles(query="", **filters):
    request = SearchRequest(query=query, filters=filters, viewer=Viewer())
    return [str(h.title) for h in archive_search(request=request).hits]


def _published(make_input, mod, **fields):
    item = make_input(status="accepted", **fields)
    input_set_visibility(input=item, visibility=Visibility.PUBLIC, user=mod)
    return item


def test_the_input_page_offers_its_themes_target_groups_and_keywords(
    mod_client, make_input
):
    item = make_input(themes=[theme("ensomhed")])
    item.keywords.set(["madklub"])
    page = mod_client.get(_url("inspect", item)).content.decode()
    form = page.split(f'action="{_url("tags", item)}"')[1].split("</form>")[0]
    ensomhed = theme("ensomhed").pk
    assert f'type="checkbox" name="themes" value="{ensomhed}"' in form
    assert 'name="target_groups"' in form
    # Wagtail's tag widget, completing from the keywords the user may see.
    assert 'data-controller="w-tag"' in form
    assert "/admin/tag-autocomplete/inputs/keyword/" in form
    assert "madklub" in form
    # Each group of checkboxes is named for a screen reader (WCAG 1.3.1).
    soup = BeautifulSoup(form, "html.parser")
    legends = [f.legend.get_text(strip=True) for f in soup.find_all("fieldset")]
    assert legends == ["Temaer", "Målgrupper"]
    box = soup.find("input", attrs={"name": "themes", "value": str(ensomhed)})
    assert box.find_parent("fieldset").legend.get_text(strip=True) == "Temaer"


def test_a_moderator_tags_an_input_logged_and_found_by_the_archive(
    mod_client, mod, make_input, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = _published(
            make_input, mod, title="Madklub for ældre", themes=[theme("ensomhed")]
        )
    version = item.version
    assert _public_titles("gårdhave") == []
    digital = theme("digital-kontakt")

    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            _url("tags", item),
            {
                "themes": [digital.pk],
                "target_groups": [target_group("aeldre").pk],
                "keywords": "gårdhave, fællesspisning",
            },
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert list(item.themes.all()) == [digital]
    assert [t.slug for t in item.target_groups.all()] == ["aeldre"]
    assert sorted(k.name for k in item.keywords.all()) == ["fællesspisning", "gårdhave"]
    assert item.version > version

    entry = ModelLogEntry.objects.for_instance(item).filter(action="inputs.tags").get()
    assert entry.user == mod
    assert entry.data["themes"]["added"] == [digital.name]
    assert entry.data["themes"]["removed"] == ["Ensomhed"]
    assert entry.data["keywords"]["added"] == ["fællesspisning", "gårdhave"]

    # The index follows: the new keyword and theme find it, the old theme not.
    assert _public_titles("gårdhave") == ["Madklub for ældre"]
    assert _public_titles(theme=[str(digital.pk)]) == ["Madklub for ældre"]
    assert _public_titles(theme=[str(theme("ensomhed").pk)]) == []

    # The history says what changed, on the input's page and the full log.
    for name in ("inspect", "history"):
        history = mod_client.get(_url(name, item)).content.decode()
        assert "Temaer og nøgleord ændret" in history
        assert f"Temaer tilføjet: {digital.name}." in history
        assert "Temaer fjernet: Ensomhed." in history
        assert "Målgrupper tilføjet: Ældre." in history
        assert "Nøgleord tilføjet: fællesspisning, gårdhave." in history
    # In English, the names the themes have in English.
    mod_client.cookies["django_language"] = "en"
    english = mod_client.get(_url("history", item)).content.decode()
    assert f"Themes added: {digital.name_en}." in english
    assert f"Themes removed: {theme('ensomhed').name_en}." in english


def test_the_same_tags_again_write_nothing(mod, make_input):
    item = make_input(themes=[theme("ensomhed")])
    version = item.version
    input_tags_set(
        input=item,
        user=mod,
        themes=[theme("ensomhed")],
        target_groups=[],
        keywords=[],
    )
    item.refresh_from_db()
    assert item.version == version
    assert not ModelLogEntry.objects.filter(action="inputs.tags").exists()


def test_a_cpr_number_in_a_keyword_is_refused_beside_the_field(mod_client, make_input):
    item = make_input(themes=[theme("ensomhed")])
    response = mod_client.post(
        _url("tags", item),
        {"themes": [theme("digital-kontakt").pk], "keywords": "madklub, 0101901234"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    # Beside the field, and summarised at the top with a link to it.
    beside = page.split('data-contentpath="keywords"')[1].split("</p>")[0]
    assert "indeholder et CPR-nummer (0101901234)" in beside
    summary = page.split('id="form-errors"')[1].split("</section>")[0]
    assert 'href="#id_keywords"' in summary
    item.refresh_from_db()
    assert [t.slug for t in item.themes.all()] == ["ensomhed"]
    assert list(item.keywords.all()) == []
    assert not ModelLogEntry.objects.filter(action="inputs.tags").exists()


@pytest.mark.parametrize(
    "typed",
    ["010190 1234", "010190,1234", "150190, 1234", '"madklub" 150190 1234'],
)
def test_a_cpr_number_split_into_keywords_is_refused(mod_client, make_input, typed):
    # Taggit splits "010190 1234" into two harmless keywords (and sorts
    # them); the guard reads what the moderator typed, as the input form's.
    item = make_input()
    response = mod_client.post(_url("tags", item), {"keywords": typed})
    assert response.status_code == 400
    beside = response.content.decode().split('data-contentpath="keywords"')[1]
    assert "indeholder et CPR-nummer" in beside.split("</p>")[0]
    assert list(item.keywords.all()) == []


@pytest.mark.parametrize("role", ["member", "admin"])
def test_the_organisation_cannot_tag_its_input(client, make_input, organisation, role):
    item = make_input(themes=[theme("ensomhed")])
    log_in(client, member_of(organisation, getattr(Membership.Role, role.upper())))
    response = client.post(_url("tags", item), {"keywords": "nyt"})
    assert response.status_code == 403
    assert list(item.keywords.all()) == []


def test_anonymous_is_sent_to_log_in(client, make_input):
    item = make_input()
    assert client.get(_url("tags", item))["Location"].startswith("/konto/login/")
    # A form sent without a session gets its text back (test_lost_session).
    response = client.post(_url("tags", item), {"keywords": "nyt"})
    assert response.status_code == 403
    assert list(item.keywords.all()) == []


def test_the_service_refuses_anyone_but_a_moderator(make_input, author):
    item = make_input()
    with pytest.raises(PermissionDenied):
        input_tags_set(
            input=item, user=author, themes=[], target_groups=[], keywords=["x"]
        )


def test_the_service_refuses_a_cpr_number(make_input):
    item = make_input()
    with pytest.raises(ValidationError) as refused:
        input_tags_set(
            input=item,
            user=moderator(),
            themes=[],
            target_groups=[],
            keywords=["0101901234"],
        )
    assert "keywords" in refused.value.error_dict


def _checkbox_labels(html: str, name: str) -> list[str]:
    pattern = rf'name="{name}" value="\d+"[^>]*>\s*([^<]+?)\s*</label>'
    return re.findall(pattern, html)


def test_the_tagging_panel_lists_names_in_the_readers_alphabet(mod_client, make_input):
    item = make_input()
    form = mod_client.get(_url("inspect", item)).text.split(
        f'action="{_url("tags", item)}"'
    )[1]
    groups = _checkbox_labels(form, "target_groups")
    # Danish order: Æ, Ø and Å come after Z.
    assert groups[0] == "Børn og unge"
    assert groups[-1] == "Ældre"
    themes = _checkbox_labels(form, "themes")
    assert themes.index("Tryghedsopkald") < themes.index("Vold i nære relationer")

    mod_client.cookies["django_language"] = "en"
    form = mod_client.get(_url("inspect", item)).text.split(
        f'action="{_url("tags", item)}"'
    )[1]
    themes = _checkbox_labels(form, "themes")
    assert themes[:3] == [
        "Anxiety and mental illness",
        "Bridge-building to the municipality",
        "Communities and clubs",
    ]
    assert themes == sorted(themes)
    groups = _checkbox_labels(form, "target_groups")
    assert groups == sorted(groups)
    assert groups[0] == "Children and young people"
