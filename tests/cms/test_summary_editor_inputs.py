"""The summary editor's sources: a list of chosen inputs (Wagtail's
MultipleChooserPanel), one row each. Adding or removing one never touches
the others. It offers and accepts only the inputs a moderator may curate
(inputs_curatable_by): never a draft, a withdrawn or a rejected one."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.cms.summary_data import STATISTICS, _draft, _rejected, _withdrawn
from tests.cms.test_summaries import _accepted
from tests.cms.test_summary_quotes import _form
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _rows(html: str) -> dict[str, dict[str, str]]:
    """The editor's source rows as the browser posts them back, by index."""
    rows: dict[str, dict[str, str]] = {}
    for tag in re.findall(r"<input[^>]*name=\"sources-\d+-[^\"]+\"[^>]*>", html):
        index, field = re.search(r'name="sources-(\d+)-([^"]+)"', tag).groups()
        value = re.search(r'value="([^"]*)"', tag)
        rows.setdefault(index, {})[field] = value.group(1) if value else ""
    return rows


def _sources_panel(html: str) -> str:
    """The markup of the editor's source rows (its chosen inputs)."""
    match = re.search(r'id="id_sources-FORMS".*?id="id_sources-EMPTY_FORM', html, re.S)
    assert match, "the editor has a list of sources"
    return match.group(0)


def _post(page, rows: list[dict]) -> dict:
    """The editor's form as posted, with these source rows."""
    form = _form(page, [STATISTICS], [])
    initial = sum(1 for row in rows if row.get("id"))
    return form | nested_form_data({"sources": inline_formset(rows, initial=initial)})


def test_editor_lists_the_chosen_inputs_by_reference_and_title(
    client, mod, summary, linked
):
    log_in(client, mod)
    html = client.get(_edit_url(summary)).content.decode()
    panel = _sources_panel(html)
    for item in [*linked["public"], linked["bl_only"], linked["shared"]]:
        assert f"{item.reference}: {item.title}" in panel
    assert len(_rows(html)) == 6


def test_adding_one_source_keeps_all_the_others(client, mod, summary, linked):
    another = _accepted(mod, title="Endnu et input")
    log_in(client, mod)
    rows = list(_rows(client.get(_edit_url(summary)).content.decode()).values())
    assert len(rows) == 6
    response = client.post(
        _edit_url(summary), _post(summary, [*rows, {"input": another.pk}])
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    saved = summary.get_latest_revision_as_object()
    chosen = {source.input for source in saved.sources.all()}
    # The draft linked by old data stays linked (its visitors never see it).
    assert chosen == {
        *linked["public"],
        linked["bl_only"],
        linked["shared"],
        linked["draft"],
        another,
    }
    html = client.get(_edit_url(summary)).content.decode()
    assert f"{another.reference}: {another.title}" in _sources_panel(html)
    assert f"{linked['public'][0].reference}" in _sources_panel(html)


def test_removing_one_source_keeps_all_the_others(client, mod, summary, linked):
    log_in(client, mod)
    rows = list(_rows(client.get(_edit_url(summary)).content.decode()).values())
    removed = next(r for r in rows if r["input"] == str(linked["shared"].pk))
    removed["DELETE"] = "1"
    response = client.post(_edit_url(summary), _post(summary, rows))
    assert response.status_code == 302
    summary.refresh_from_db()
    saved = summary.get_latest_revision_as_object()
    assert {source.input for source in saved.sources.all()} == {
        *linked["public"],
        linked["bl_only"],
        linked["draft"],
    }


def test_editor_offers_only_inputs_a_moderator_may_curate(client, mod, summary, linked):
    withdrawn, rejected = _withdrawn(), _rejected(mod)
    log_in(client, mod)
    response = client.get(_edit_url(summary))
    assert response.status_code == 200
    html = response.content.decode()
    for title in (linked["draft"].title, withdrawn.title, rejected.title):
        assert title not in html  # nowhere on the editor's page
    chooser = client.get(reverse("input_chooser:choose"))
    listing = chooser.content.decode()
    for item in [*linked["public"], linked["bl_only"], linked["shared"]]:
        assert item.title in listing
    for title in (linked["draft"].title, withdrawn.title, rejected.title):
        assert title not in listing


def test_editor_refuses_a_draft_posted_by_hand(client, mod, summary, linked):
    draft = _draft("En anden kladde")
    revisions = summary.revisions.count()
    log_in(client, mod)
    rows = list(_rows(client.get(_edit_url(summary)).content.decode()).values())
    response = client.post(
        _edit_url(summary), _post(summary, [*rows, {"input": draft.pk}])
    )
    assert response.status_code == 200  # the form again
    html = response.content.decode()
    message = "Vælg kun blandt de accepterede input på listen."
    # Beside the row: in the sources panel, not only on top.
    assert message in _sources_panel(html)
    assert draft.title not in html
    assert summary.revisions.count() == revisions


def test_the_same_input_twice_is_refused_beside_the_second_row(
    client, mod, summary, linked
):
    revisions = summary.revisions.count()
    log_in(client, mod)
    rows = list(_rows(client.get(_edit_url(summary)).content.decode()).values())
    again = {"input": linked["shared"].pk}
    response = client.post(_edit_url(summary), _post(summary, [*rows, again]))
    assert response.status_code == 200
    panel = _sources_panel(response.content.decode())
    assert "Inputtet er allerede valgt." in panel
    assert summary.revisions.count() == revisions
