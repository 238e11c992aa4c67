"""The summary editor offers and accepts only the inputs a moderator may
curate (inputs_curatable_by): never a draft, a withdrawn or a rejected one."""

import re

import pytest
from django.urls import reverse

from tests.cms.summary_data import STATISTICS, _draft, _rejected, _withdrawn
from tests.cms.test_summary_quotes import _form
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def _edit(page, inputs) -> dict:
    """The editor's form as posted, with these inputs chosen."""
    return _form(page, [STATISTICS], []) | {"inputs": [i.pk for i in inputs]}


def _input_options(html: str) -> str:
    """The markup of the editor's "inputs" field (its options)."""
    match = re.search(r'<select name="inputs".*?</select>', html, re.S)
    assert match, "the editor has an inputs field"
    return match.group(0)


def test_editor_offers_only_inputs_a_moderator_may_curate(client, mod, summary, linked):
    withdrawn, rejected = _withdrawn(), _rejected(mod)
    log_in(client, mod)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[summary.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    options = _input_options(html)
    for item in [*linked["public"], linked["bl_only"], linked["shared"]]:
        assert item.title in options
    for title in (linked["draft"].title, withdrawn.title, rejected.title):
        assert title not in options
        assert title not in html  # nowhere on the editor's page


def test_editor_refuses_a_draft_posted_by_hand(client, mod, summary, linked):
    draft = _draft("En anden kladde")
    revisions = summary.revisions.count()
    log_in(client, mod)
    url = reverse("wagtailadmin_pages:edit", args=[summary.pk])
    response = client.post(url, _edit(summary, [linked["public"][0], draft]))
    assert response.status_code == 200  # the form again
    html = response.content.decode()
    message = "Vælg kun blandt de accepterede input på listen."
    assert message in html
    # Beside the field: in the inputs field's wrapper, not only on top.
    wrapper = re.search(
        r"<div[^>]*data-field-wrapper[^>]*>(?:(?!data-field-wrapper).)*?"
        r'<select name="inputs"',
        html,
        re.S,
    )
    assert wrapper and message in wrapper.group(0)
    assert draft.title not in html
    assert summary.revisions.count() == revisions


def test_editor_saves_the_accepted_inputs_it_offers(client, mod, summary, linked):
    log_in(client, mod)
    url = reverse("wagtailadmin_pages:edit", args=[summary.pk])
    chosen = [linked["public"][0], linked["bl_only"]]
    response = client.post(url, _edit(summary, chosen))
    assert response.status_code == 302
    summary.refresh_from_db()
    assert set(summary.get_latest_revision_as_object().inputs.all()) == set(chosen)
