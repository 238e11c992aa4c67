"""A summary quotes only what anyone may see (cms.citations)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from cms.blocks import QuoteBlock
from cms.models import SummaryPage, SummarySource
from inputs.models.inputs import Consent, Visibility
from inputs.services.moderation import input_set_visibility
from tests.cms.test_summaries import _accepted, _summary
from tests.factories import log_in

pytestmark = pytest.mark.django_db

QUOTE = "Vi ringer til de ældre hver uge."


def _pdf_text(client, page) -> str:
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")


def _form(page, body, inputs):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield(body),
            "sources": inline_formset([{"input": i.pk} for i in inputs]),
            "comments": inline_formset([]),
        }
    )


@pytest.mark.parametrize("visibility", [Visibility.BL_ONLY, Visibility.PARTNERSHIP])
def test_quote_block_refuses_an_input_that_is_not_public(mod, visibility):
    item = _accepted(mod, visibility=visibility, title="Delt")
    block = QuoteBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"input": item.pk, "excerpt": "x"}))
    message = str(error.value.block_errors["input"])
    assert item.reference in message
    assert "offentlig" in message


def test_saving_a_summary_quoting_a_bl_only_input_is_refused(client, mod, elderly_page):
    public = _accepted(mod, title="Offentligt")
    bl_only = _accepted(mod, visibility=Visibility.BL_ONLY, title="Internt")
    page = _summary(elderly_page, [public], [("quote", {"input": public})])
    revisions = page.revisions.count()
    log_in(client, mod)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        url,
        _form(
            page,
            [("quote", {"input": bl_only.pk, "excerpt": "Hemmeligt citat"})],
            [public, bl_only],
        )
        | {"action-submit": "Send"},
    )
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "kan ikke citeres" in html and bl_only.reference in html
    assert "Hemmeligt citat" in html  # what the editor typed stays
    assert page.revisions.count() == revisions
    assert "Hemmeligt citat" not in client.get(page.url).content.decode()


def test_a_draft_quoted_by_hand_is_named_nowhere(client, mod, elderly_page):
    # A draft is its organisation's alone: a moderator posting its id in a
    # quote must not get its reference or title back (outside check).
    from tests.cms.summary_data import _draft

    public = _accepted(mod, title="Offentligt")
    draft = _draft("Hemmelig kladdetitel")
    page = _summary(elderly_page, [public], [("quote", {"input": public})])
    log_in(client, mod)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        url,
        _form(
            page, [("quote", {"input": draft.pk, "excerpt": "Mit uddrag"})], [public]
        ),
        follow=True,
    )
    # Not found, as any unknown id: a draft saves the quote without an input.
    html = response.content.decode()
    assert "Mit uddrag" in html  # what the editor typed stays
    assert "Hemmelig kladdetitel" not in html
    assert "Hemmelig kladdetitel" not in client.get(url).content.decode()


def test_an_input_narrowed_after_publishing_leaves_page_pdf_and_feed(
    client, mod, elderly_page
):
    item = _accepted(mod, title="Telefonkæde")
    other = _accepted(mod, title="Tablets")
    page = _summary(
        elderly_page,
        [item, other],
        [
            ("quote", {"input": item, "excerpt": QUOTE}),
            ("quote", {"input": other, "excerpt": "Tablets hjælper."}),
        ],
    )
    assert QUOTE in client.get(page.url).content.decode()
    assert QUOTE in _pdf_text(client, page)

    input_set_visibility(input=item, visibility=Visibility.BL_ONLY, user=mod)

    html = client.get(page.url).content.decode()
    assert QUOTE not in html
    assert item.reference not in html
    assert "Tablets hjælper." in html  # the other quote stays
    assert "Kun moderatorer" not in html
    pdf = _pdf_text(client, page)
    assert QUOTE not in pdf and "Tablets hjælper." in pdf
    feed = client.get("/feeds/svaekkede-aeldre/opsamlinger.atom").content.decode()
    assert page.title in feed and QUOTE not in feed
    assert QUOTE not in page.archive_text()
    assert "Tablets hjælper." in page.archive_text()

    # A moderator sees why the quote is missing, on the page but not in the PDF.
    log_in(client, mod)
    html = client.get(page.url).content.decode()
    assert QUOTE not in html
    assert f"Citatet fra {item.reference} vises ikke" in html
    assert "vises ikke" not in _pdf_text(client, page)


def test_partnership_shared_input_is_never_shown_to_anonymous(
    client, mod, elderly_page
):
    item = _accepted(mod, title="Telefonkæde")
    page = _summary(
        elderly_page, [item], [("quote", {"input": item, "excerpt": QUOTE})]
    )
    input_set_visibility(input=item, visibility=Visibility.PARTNERSHIP, user=mod)
    assert QUOTE not in client.get(page.url).content.decode()
    assert QUOTE not in _pdf_text(client, page)


def test_editor_tells_the_moderator_which_quotes_are_withheld(
    client, mod, elderly_page
):
    item = _accepted(mod, title="Telefonkæde")
    page = _summary(
        elderly_page, [item], [("quote", {"input": item, "excerpt": QUOTE})]
    )
    log_in(client, mod)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "som ikke er offentligt" not in client.get(edit_url).content.decode()
    input_set_visibility(input=item, visibility=Visibility.BL_ONLY, user=mod)
    html = client.get(edit_url).content.decode()
    assert f"Opsamlingen citerer {item.reference}, som ikke er offentligt" in html
    # Saving it as it stands is refused on the quote block.
    response = client.post(
        edit_url, _form(page, [("quote", {"input": item.pk, "excerpt": QUOTE})], [])
    )
    assert "kan ikke citeres" in response.content.decode()


def test_summary_page_queries_stay_constant_with_many_quotes(
    client, mod, elderly_page, django_assert_max_num_queries
):
    items = [
        _accepted(
            mod,
            consent=Consent.ANONYMISED if n % 2 else Consent.NAMED,
            title=f"Input {n:02}",
        )
        for n in range(12)
    ]
    few = _summary(
        elderly_page,
        items[:2],
        [("quote", {"input": i, "excerpt": ""}) for i in items[:2]],
    )
    many = SummaryPage(
        title="Mange citater",
        slug="mange",
        introduction="Intro.",
        body=[("quote", {"input": i, "excerpt": ""}) for i in items],
    )
    elderly_page.add_child(instance=many)
    many.sources = [SummarySource(input=item) for item in items]
    many.save()
    many.save_revision().publish()
    input_set_visibility(input=items[3], visibility=Visibility.BL_ONLY, user=mod)
    client.get(few.url)  # warm caches (site root, content types)
    with django_assert_max_num_queries(20) as few_queries:
        client.get(few.url)
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        html = client.get(many.url).content.decode()
    assert html.count('class="quote-block"') == 11


def test_an_input_narrowed_after_publishing_leaves_the_summary_in_search(
    mod, elderly_page, django_capture_on_commit_callbacks
):
    from tests.search.helpers import titles

    item = _accepted(mod, title="Telefonkæde")
    with django_capture_on_commit_callbacks(execute=True):
        page = _summary(
            elderly_page,
            [item],
            [("quote", {"input": item, "excerpt": "Vaskekoner ringer hver fredag."})],
        )
    assert page.title in titles("vaskekoner")

    with django_capture_on_commit_callbacks(execute=True):
        input_set_visibility(input=item, visibility=Visibility.BL_ONLY, user=mod)

    # The quote's words no longer find the public summary.
    assert titles("vaskekoner") == []
