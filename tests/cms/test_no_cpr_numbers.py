"""What BL publishes itself (pages, their blocks, calls for input) holds
no CPR number, by the inputs' rule (inputs.personal_data.no_cpr_number):
the error shows beside the field or block, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from cms.blocks import SummaryStreamBlock
from cms.models import PartnershipPage, StandardPage
from tests.cms.test_summaries import _accepted, _summary
from tests.cms.test_summary_quotes import _form
from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
# A page not yet added to the tree has no place in it.
UNSAVED = ["path", "depth"]


@pytest.fixture
def elderly_page(demo_site):
    return PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("title", {"title": f"Beboer {CPR}"}),
        ("introduction", {"introduction": f"Beboeren har CPR-nr. {CPR}."}),
        ("search_description", {"search_description": f"Om {CPR}"}),
    ],
)
def test_a_page_with_a_cpr_number_is_refused_beside_the_field(demo_site, field, values):
    page = StandardPage(**{"title": "Om os", "slug": "om-os", **values})
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=UNSAVED)
    assert field in error.value.message_dict
    assert "CPR-nummer" in " ".join(error.value.message_dict[field])


@pytest.mark.parametrize(
    "block",
    [
        ("paragraph", f"<p>CPR <b>{CPR.replace('-', '')}</b></p>"),
        ("heading", {"text": f"Sag {CPR}", "level": "h2"}),
        ("quote", {"input": None, "excerpt": f"Beboer {CPR}"}),
        ("statistics", {"heading": f"Tal {CPR}", "dimension": "theme"}),
    ],
)
def test_a_block_with_a_cpr_number_is_refused(block):
    stream = SummaryStreamBlock()
    name, value = block
    child = stream.child_blocks[name]
    raw = value if isinstance(value, str) else {**child.get_default(), **value}
    with pytest.raises(ValidationError) as error:
        child.clean(child.to_python(raw))
    # A text block's own error, or a structure's error at its text field.
    errors = getattr(error.value, "block_errors", None) or {name: error.value}
    assert "CPR-nummer" in " ".join(str(e) for e in errors.values())


def test_a_phone_number_or_a_date_is_no_cpr_number(demo_site):
    page = StandardPage(
        title="Kontakt",
        slug="kontakt",
        introduction="Ring 33 76 20 00 mellem 9 og 15. Mødet er 01.01.2021.",
    )
    page.full_clean(exclude=UNSAVED)
    paragraph = SummaryStreamBlock().child_blocks["paragraph"]
    paragraph.clean(paragraph.to_python("<p>Opgangene 10 12 14 16 18, nr. 2-4.</p>"))


def test_the_editor_sees_the_error_at_the_block_and_keeps_the_text(
    client, elderly_page
):
    mod = moderator()
    public = _accepted(mod, title="Offentligt")
    page = _summary(elderly_page, [public], [("paragraph", "<p>Intro.</p>")])
    revisions = page.revisions.count()
    log_in(client, mod)
    body = [
        ("paragraph", rich_text("<p>Et godt forløb.</p>")),
        ("quote", {"input": public.pk, "excerpt": f"Beboer med CPR {CPR}"}),
    ]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _form(page, body, [public]) | {"action-submit": "Send"},
    )

    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "indeholder et CPR-nummer" in html and CPR in html
    assert "Et godt forl" in html  # what the editor typed stays (as JSON)
    assert page.revisions.count() == revisions
    assert CPR not in client.get(page.url).content.decode()
