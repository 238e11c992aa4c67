"""What a person reads in the archive, its exports and the saved-search
e-mail: answers as "Question? answer" or "Label: answer", plain text without entities in the
plain-text outputs, the submission date, and paging links that page."""

import csv
import html
import io
import re
from datetime import datetime, timedelta
from urllib.parse import urljoin

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from search.models import SavedSearch
from search.services import archive_index_input

pytestmark = pytest.mark.django_db
URL = reverse("archive:search")

ANSWERS = {
    "deltagere": {"label": "Hvor mange deltog?", "value": "Tolv beboere", "order": 0},
    "samarbejde": {
        "label": "Hvem samarbejdede I med?",
        "value": ["Kommunen", "Ældresagen"],
        "order": 1,
    },
    "frivillige": {"label": "Antal frivillige", "value": "4", "order": 2},
}
TITLE = "Beboernes 'madklub' & kaffe"


@pytest.fixture
def answered(archived):
    return archived(title=TITLE, answers=ANSWERS)


def test_answers_read_as_question_and_answer_in_the_excerpt(client, answered):
    page = client.get(URL, {"q": "tolv"}).content.decode()
    assert "Hvor mange deltog? <mark>Tolv</mark> beboere" in page
    assert "Hvem samarbejdede I med? Kommunen, Ældresagen" in page
    assert "Antal frivillige: 4" in page
    assert "?:" not in page
    hits = page.split('class="hit-list"')[1].split("</ol>")[0]
    assert "label" not in hits and "{" not in hits


def test_a_title_with_quotes_is_escaped_once(client, answered):
    page = client.get(URL, {"q": "madklub"}).content.decode()
    # Escaped once for HTML (the browser shows ' and &), never twice.
    assert "&amp;#x27;" not in page and "&amp;amp;" not in page
    hits = page.split('class="hit-list"')[1]
    assert html.unescape(re.sub(r"<[^>]+>", "", hits)).count(TITLE) == 1


def _csv_rows(client, query):
    response = client.get(reverse("archive:export_csv"), {"q": query})
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )


def test_csv_and_xlsx_hold_plain_readable_text(client, answered):
    header, row = _csv_rows(client, "tolv")
    assert row[header.index("Titel")] == TITLE
    excerpt = row[header.index("Uddrag")]
    assert "Hvor mange deltog? Tolv beboere" in excerpt
    assert "?:" not in excerpt
    for raw in ("&#x27;", "&amp;", "{'label'", "<mark>"):
        assert raw not in ";".join(row)

    xlsx = client.get(reverse("archive:export_xlsx"), {"q": "tolv"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1][values[0].index("Titel")] == TITLE
    assert "Hvor mange deltog? Tolv beboere" in values[1][values[0].index("Uddrag")]


def test_digest_e_mail_is_plain_text(answered, django_user_model):
    from tests.factories import moderator

    owner = moderator()
    saved = SavedSearch.objects.create(
        user=owner, name="Madklubber", query_string="q=madklub", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    from search.digests import saved_searches_send_digests

    assert saved_searches_send_digests() == 1
    body = mail.outbox[0].body
    assert f"- {TITLE}" in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_hits_show_the_day_they_entered_the_archive_in_newest_order(client, archived):
    # "Nyeste først" sorts by when an input was accepted; showing when it was
    # sent in made the list look out of order (an outside check's finding).
    def dated(title, sent, accepted):
        item = archived(title=title)
        type(item).objects.filter(pk=item.pk).update(
            submitted_at=timezone.make_aware(datetime(2021, 3, sent, 10)),
            accepted_at=timezone.make_aware(datetime(2021, 3, accepted, 10)),
        )
        archive_index_input(input_id=item.pk)

    dated("Madklub sendt først", sent=4, accepted=20)
    dated("Madklub sendt sidst", sent=10, accepted=12)
    response = client.get(URL, {"q": "madklub", "sort": "newest"})
    hits = response.content.decode().split('class="hit-list"')[1]
    assert hits.index("sendt først") < hits.index(">20. marts 2021</time>")
    assert hits.index(">20. marts 2021</time>") < hits.index("sendt sidst")
    assert hits.index("sendt sidst") < hits.index(">12. marts 2021</time>")
    assert "4. marts" not in hits and "10. marts" not in hits
    header, *rows = _csv_rows(client, "madklub")
    assert sorted(r[header.index("Dato")] for r in rows) == ["2021-03-12", "2021-03-20"]


def test_a_summary_is_dated_by_its_publication_and_reads_plainly(demo_site):
    from cms.models import PartnershipPage, SummaryPage
    from search.documents import summary_document

    parent = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    page = SummaryPage(
        title="Opsamling",
        slug="opsamling",
        introduction="Intro.",
        body=[("paragraph", "<p>Beboernes 'madklub' & kaffe</p>")],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    document = summary_document(page)
    assert "Beboernes 'madklub' & kaffe" in document.body
    assert "&#x27;" not in document.body and "&amp;" not in document.body
    assert document.published_at == page.first_published_at


def _next_href(page: str) -> str:
    match = re.search(r'<a [^>]*href="([^"]*)" rel="next">', page)
    assert match, "no link to the next page"
    return html.unescape(match.group(1))


@pytest.mark.parametrize("params", [{}, {"q": "madklub"}])
def test_the_next_page_link_shows_the_next_hits(client, archived, params):
    for n in range(23):
        archived(title=f"Madklub nummer {n}")
    first = client.get(URL, params)
    href = _next_href(first.content.decode())
    assert not href.startswith("??")
    second = client.get(urljoin("http://testserver" + first.request["PATH_INFO"], href))
    assert second.context["result"].page == 2
    assert second.context["search"].query == params.get("q", "")
    ids = {h.object_id for h in first.context["result"].hits}
    assert ids.isdisjoint(h.object_id for h in second.context["result"].hits)
