"""What a summary shows of the inputs it builds on, to whom, and what its
editor offers: the editor only the inputs a moderator may curate, the
statistics only public inputs (with /statistik/'s small-count rule), the
list of sources only what the viewer may see."""

import re
import shutil
import subprocess

import pytest
from django.contrib.auth.models import AnonymousUser

from inputs.models.inputs import Visibility
from inputs.services.moderation import input_set_visibility
from inputs.statistics import MIN_PUBLIC_COUNT
from portal.organisations.models import Partnership
from tests.factories import (
    log_in,
    member_of,
    partnership_member,
)

pytestmark = pytest.mark.django_db

STATISTICS = (
    "statistics",
    {"heading": "Input fordelt på temaer", "dimension": "theme"},
)


def _cell(label: str, count) -> str:
    return f'<tr><th scope="row">{label}</th><td>{count}</td></tr>'


def _pdf_text(client, page) -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    text = subprocess.run(  # noqa: S603 (poppler on our own PDF)
        [pdftotext, "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return " ".join(text.split())


# --- the published page and its PDF ------------------------------------------


def _viewers(elderly_page, mod):
    partner = partnership_member(Partnership.objects.get(slug="svaekkede-aeldre"))
    return {"anonymous": None, "partner": partner, "moderator": mod}


def test_statistics_count_only_public_inputs_and_hide_small_counts(
    client, mod, summary, linked, elderly_page
):
    assert MIN_PUBLIC_COUNT == 3
    for role, user in _viewers(elderly_page, mod).items():
        client.logout()
        if user:
            log_in(client, user)
        html = client.get(summary.url).content.decode()
        # The same public statistics for everyone: 4 public inputs on
        # loneliness, not 7; 3 on self-isolation and 1 on digital contact,
        # and the 1 would be told by the 3, so neither is shown.
        assert _cell("Ensomhed", 4) in html, role
        # The chart's heading, once, above its chart, which draws no bar
        # for a hidden count.
        assert html.count(">Input fordelt på temaer</h2>") == 1, role
        chart = html.index('<div class="bar-chart__bars"')
        assert html.index(">Input fordelt på temaer</h2>") < chart, role
        assert html.count("<rect ") == 1, role
        assert _cell("Selvisolation", "vises ikke") in html, role
        assert _cell("Digital kontakt", "vises ikke") in html, role
        assert "<td>1</td>" not in html and "<td>7</td>" not in html, role
        assert "ikke er offentlig" not in html, role
        assert linked["draft"].title not in html, role
        pdf = _pdf_text(client, summary)
        assert "Ensomhed 4" in pdf, role
        assert "Digital kontakt vises ikke" in pdf, role
        assert "Ensomhed 7" not in pdf and "ikke er offentlig" not in pdf, role
        assert linked["draft"].title not in pdf, role


def test_sources_list_what_the_viewer_may_see(
    client, mod, summary, linked, elderly_page
):
    public_titles = [i.title for i in linked["public"]]
    expected = {
        "anonymous": (public_titles, ["Kun for BL", "Delt med partnerskabet"]),
        "partner": ([*public_titles, "Delt med partnerskabet"], ["Kun for BL"]),
        "moderator": ([*public_titles, "Kun for BL", "Delt med partnerskabet"], []),
    }
    for role, user in _viewers(elderly_page, mod).items():
        client.logout()
        if user:
            log_in(client, user)
        shown, hidden = expected[role]
        html = client.get(summary.url).content.decode()
        pdf = _pdf_text(client, summary)
        for title in shown:
            assert title in html and title in pdf, (role, title)
        for title in [*hidden, linked["draft"].title]:
            assert title not in html and title not in pdf, (role, title)
        assert "ikke er offentlig" not in html + pdf, role


def test_own_organisation_does_not_see_its_draft_as_a_source(client, summary, linked):
    author = member_of(linked["draft"].organisation)
    log_in(client, author)
    html = client.get(summary.url).content.decode()
    assert linked["draft"].title not in html


WITHHELD = (
    "For få offentlige input til at vise tal uden risiko for, at nogen kan genkendes."
)


def test_an_input_narrowed_later_leaves_the_statistics(client, mod, summary, linked):
    first, second, third, fourth = linked["public"]
    assert _cell("Ensomhed", 4) in client.get(summary.url).content.decode()

    input_set_visibility(input=fourth, visibility=Visibility.BL_ONLY, user=mod)
    html = client.get(summary.url).content.decode()
    # 3, 3 and 1 left: the 1 is hidden, and so the first of the 3s, or the
    # other would tell it.
    assert _cell("Selvisolation", 3) in html
    assert _cell("Ensomhed", "vises ikke") in html
    assert "<td>4</td>" not in html and fourth.title not in html
    pdf = _pdf_text(client, summary)
    assert "Selvisolation 3" in pdf and fourth.title not in pdf

    input_set_visibility(input=third, visibility=Visibility.PARTNERSHIP, user=mod)
    html = client.get(summary.url).content.decode()
    # Every count hidden: one sentence says why, instead of the table.
    assert WITHHELD in html and "<td>vises ikke</td>" not in html
    assert "<td>2</td>" not in html and third.title not in html
    assert "For få offentlige input" in _pdf_text(client, summary)
    # The partnership's member still finds it among the sources.
    partner = partnership_member(Partnership.objects.get(slug="svaekkede-aeldre"))
    log_in(client, partner)
    html = client.get(summary.url).content.decode()
    assert third.title in html and WITHHELD in html


def test_feed_and_api_name_no_input_the_viewer_may_not_see(client, summary, linked):
    feed = client.get("/feeds/svaekkede-aeldre/opsamlinger.atom").content.decode()
    api = client.get(f"/api/v1/summaries/{summary.pk}").content.decode()
    for text in (feed, api, summary.archive_text()):
        for item in (linked["bl_only"], linked["shared"], linked["draft"]):
            assert item.title not in text


def test_source_inputs_never_count_what_the_viewer_may_not_see(summary, linked):
    listed = summary.source_inputs(AnonymousUser())
    assert [s["input"] for s in listed] == sorted(
        linked["public"], key=lambda i: (i.reference, i.pk)
    )


def test_seeded_summaries_show_no_count_below_the_public_minimum(client, demo_site):
    from cms.demo_summaries import seed_summaries
    from inputs.demo import seed_inputs
    from portal.organisations.demo import seed_organisations, seed_people

    seed_organisations()
    seed_people()
    seed_inputs()
    for page in seed_summaries():
        html = client.get(page.url).content.decode()
        counts = re.findall(r'<th scope="row">[^<]*</th><td>([^<]*)</td>', html)
        assert counts or WITHHELD in html, page.url
        for count in counts:
            assert count == "vises ikke" or int(count) >= MIN_PUBLIC_COUNT, page.url
