"""A moderator's journey (with their second factor): the start page's queue
counts, the Wagtail admin's dashboard, the moderation queue and its
filters, an input inspected, accepted with a visibility within its consent
and that visibility changed later, personal data redacted, another input
sent back for changes; a summary quoting the input submitted to the
workflow, which a second moderator approves (the first may not); and the
archive's "Mente du …?" as a moderator sees it. On the way, at both
widths: Wagtail's userbar floats clear of the public footer, the queue on
a phone leaves no gap for an empty cell, the dashboard's panel headings
line up, the chart's labels are 12 px or more, the input's panel headings
and selects and the themes' names fit a phone, and dates read in Danish."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, SETTLED, Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INPUT_TITLE = "Frivillige ringer til ensomme ældre"
QUOTE = "Vi ringer til alle ældre i afdelingen hver tirsdag."
PHONE_NUMBER = "22 33 44 55"
OTHER_TITLE = "Fællesspisning i beboerhuset"
PENSIONERS = "Pensionister spiller petanque"


def _submitted(title, solution, reference):
    from django.contrib.auth import get_user_model

    from inputs.models import Input
    from inputs.models.inputs import Consent, Kind
    from inputs.services import input_transition
    from portal.organisations.models import Organisation, Partnership

    organisation = Organisation.objects.get(name="AAB")
    item = Input.objects.create(
        organisation=organisation,
        author=get_user_model().objects.get(email="medlem@aab.demo"),
        kind=Kind.BOTH,
        title=title,
        challenge="Mange ældre har siddet alene under nedlukningen.",
        solution=solution,
        consent=Consent.NAMED,
        municipality=organisation.municipality,
        reference=reference,
        personal_data_flagged=PHONE_NUMBER in solution,
    )
    item.partnerships.set([Partnership.objects.get(slug="svaekkede-aeldre")])
    input_transition(input=item, action="submit", user=item.author)
    return item


def _draft_summary(item):
    """An editor's draft quoting the accepted input (the StreamField editor
    itself is Wagtail's, tested by Wagtail)."""
    from cms.models import PartnershipPage, SummaryPage, SummarySource
    from cms.workflows import summary_workflow_ensure

    summary_workflow_ensure()
    parent = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    summary = SummaryPage(
        title="Opsamling om ensomme ældre",
        slug="ensomme-aeldre",
        introduction="Hvad afdelingerne gør for de ældre.",
        body=[("quote", {"input": item, "excerpt": QUOTE})],
        live=False,
        sources=[SummarySource(input=item)],
    )
    parent.add_child(instance=summary)
    summary.save_revision()
    return summary


# A date as the portal writes it in Danish (portal/formats/da), and one the
# way Django's "M" writes it ("3. Dec 2026"), which reads as English.
DANISH_DATETIME = re.compile(
    r"\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september"
    r"|oktober|november|december) \d{4} kl\. \d{2}:\d{2}"
)
SHORT_MONTH = re.compile(r"\d{1,2}\. [A-Z][a-z]{2} \d{4}")


def _dates_in_danish(page, _width):
    text = page.locator("main").inner_text()
    assert DANISH_DATETIME.search(text), text
    assert not SHORT_MONTH.search(text), SHORT_MONTH.search(text).group(0)


def _dashboard_lined_up(page, width):
    """Our panel is one of Wagtail's dashboard panels: its heading starts
    where theirs do, and its link to the queue stays on the screen."""
    expect(
        page.get_by_role("link", name=re.compile(r"input med status »Indsendt«"))
    ).to_be_visible()
    page.evaluate(SETTLED)  # the sidebar slides away when the window narrows
    headings = page.locator(".w-panel__heading")
    lefts = {round(heading.bounding_box()["x"]) for heading in headings.all()}
    assert headings.count() >= 2 and len(lefts) == 1, (
        headings.all_inner_texts(),
        lefts,
    )
    link = page.get_by_role("link", name="Gå til moderationskøen").bounding_box()
    assert link["x"] >= 0 and link["x"] + link["width"] <= width


def _chart_text_readable(page, width):
    """The dashboard's bar charts write their labels at 12 px or more, at
    1280 px and on a phone (in an SVG scaled to the screen they were 8 px at
    390, and a long one was cut at the chart's edge), and none runs past its
    chart."""
    texts = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart__label')].map(label => {
          const chart = label.closest('.bar-chart').getBoundingClientRect();
          const box = label.getBoundingClientRect();
          return [
            label.textContent,
            parseFloat(getComputedStyle(label).fontSize),
            box.right <= chart.right + 0.5 && label.scrollWidth <= label.clientWidth,
          ];
        })"""
    )
    assert texts
    for label, size, inside in texts:
        assert size >= 12 and inside, (label, size, inside, width)


def _dashboard(page, width):
    _dashboard_lined_up(page, width)
    _chart_text_readable(page, width)


def _no_gap_for_empty_cells(page, width):
    """On a phone each input is a block of cells on a line; a cell with
    nothing in it (no moderator assigned) takes no room there. On a wide
    screen the queue is a table, every cell in its column."""
    shown = page.evaluate(
        """() => [...document.querySelectorAll('table.moderation-queue tbody tr')]
          .map(row => [...row.cells].map(cell => [
            getComputedStyle(cell).display,
            cell.textContent.trim() !== '' || !!cell.querySelector('input, a, button'),
          ]))"""
    )
    columns = page.locator("table.moderation-queue thead th").count()
    assert shown
    for cells in shown:
        if width == PHONE["width"]:
            assert all(filled for display, filled in cells if display != "none")
        else:
            assert [display for display, _filled in cells] == ["table-cell"] * columns


def _within_the_screen(page, width):
    """No panel heading or select runs past the screen's edge: Wagtail's
    main area cuts them off rather than scroll ("Lignende input og
    forbindelser" did at 390 px)."""
    page.evaluate(SETTLED)  # the sidebar slides away when the window narrows
    cut_off = page.evaluate(
        """width => [...document.querySelectorAll('main .w-panel__heading, main select')]
          .filter(el => {
            const box = el.getBoundingClientRect();
            return box.width && (box.left < 0 || box.right > width);
          })
          .map(el => el.textContent.trim().slice(0, 40))""",
        width,
    )
    assert not cut_off, cut_off


def _titles_break_between_words(page, width):
    """A listing's titles wrap between words, never inside one ("Angst / og /
    psykis / ke" on a phone, the table squeezed by its other columns), and
    the listing fits the screen."""
    page.evaluate(SETTLED)  # the sidebar slides away when the window narrows
    broken = page.evaluate(
        """() => [...document.querySelectorAll('table.listing td.title a span')]
          .flatMap(span => [...span.textContent.matchAll(/\\S+/g)].filter(word => {
            const range = document.createRange();
            range.setStart(span.firstChild, word.index);
            range.setEnd(span.firstChild, word.index + word[0].length);
            return range.getClientRects().length > 1;
          }).map(word => word[0]))"""
    )
    assert not broken, broken
    table = page.locator("table.listing").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= width, table


def _userbar_clear_of_footer(page, _width):
    """Scrolled to the end, Wagtail's floating userbar covers nothing of the
    footer, whose last controls still take a click."""
    page.evaluate(
        "scrollTo({top: document.scrollingElement.scrollHeight, behavior: 'instant'})"
    )
    userbar = page.locator("wagtail-userbar .w-userbar-trigger").bounding_box()
    footer = page.locator("footer").bounding_box()
    assert footer["y"] + footer["height"] <= userbar["y"], (footer, userbar)
    page.get_by_role("button", name="English").click(trial=True)
    page.get_by_role("link", name="Mine API-nøgler").click(trial=True)


def _more_actions(page):
    page.get_by_role("button", name=re.compile("Flere handlinger|More actions")).click()


def test_moderator_moderates_and_a_second_approves_the_summary(page, live_site):
    from inputs.demo import seed_inputs
    from inputs.models import Input
    from inputs.models.inputs import Visibility
    from inputs.states import Status
    from search.services import archive_index_input
    from tests.factories import InputFactory

    seed_inputs(count=9)
    pensioners = InputFactory(
        title=PENSIONERS, visibility=Visibility.PUBLIC, submitted=True
    )
    Input.objects.filter(pk=pensioners.pk).update(status=Status.ACCEPTED)
    for pk in Input.objects.filter(status="accepted").values_list("pk", flat=True):
        archive_index_input(input_id=pk)
    # References from a year no one creates in: the demo's are BL-2020-<pk>,
    # and one of its pks may be 42 here.
    item = _submitted(
        INPUT_TITLE, f"{QUOTE} Ring til Hanne på {PHONE_NUMBER}.", "BL-2021-0042"
    )
    other = _submitted(OTHER_TITLE, "Vi spiser sammen hver fredag.", "BL-2021-0043")
    # The moderator edited a page before: Wagtail's own dashboard panel of
    # recent edits stands beside ours.
    from django.contrib.auth import get_user_model

    from cms.models import PartnershipPage

    PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre").save_revision(
        user=get_user_model().objects.get(email="moderator@bl.demo"), log_action=True
    )
    url = live_site.url
    journey = Journey(page, "moderator")

    log_in(page, url, "moderator@bl.demo", two_factor=True, journey=journey)
    journey.see(
        "start",
        "Moderering",
        "Gå til moderationskøen",
        check=lambda page, _width: expect(
            page.get_by_role("link", name=re.compile(r"^\d+ indsendt$"))
        ).to_be_visible(),
    )

    page.get_by_role(
        "link", name="Organisationer og anmodninger, der venter på godkendelse"
    ).first.click()
    journey.see("approvals", heading="Godkendelser")
    page.get_by_role("link", name="Administration").first.click()
    journey.see(
        "admin-dashboard",
        "Gå til moderationskøen",
        "Dine seneste redigeringer",
        check=_dashboard,
    )

    page.goto(f"{url}/admin/input/")
    journey.see(
        "queue",
        INPUT_TITLE,
        OTHER_TITLE,
        "Måske",
        heading=re.compile("Moderation af input"),
        check=_no_gap_for_empty_cells,
    )
    # Wagtail's filter panel: the date range's two inputs have names.
    page.locator("[data-w-dropdown-target='toggle'][aria-label*='filtr' i]").click()
    page.get_by_role("button", name="Indsendt (fra – til)").click()
    expect(page.get_by_label("Indsendt fra", exact=True)).to_be_visible()
    expect(page.get_by_label("Indsendt til", exact=True)).to_be_visible()
    journey.see("queue-filters", "Indsendt (fra – til)")
    page.goto(f"{url}/admin/input/?status=submitted")
    journey.see("queue-submitted", INPUT_TITLE, OTHER_TITLE)

    page.get_by_role("link", name=INPUT_TITLE).first.click()
    journey.see(
        "inspect",
        INPUT_TITLE,
        "BL-2021-0042",
        PHONE_NUMBER,
        "Lignende input og forbindelser",
        check=_within_the_screen,
    )
    page.get_by_label("Handling").select_option("accept")
    page.get_by_label("Hvem må se input, når det er accepteret?").select_option(
        "partnership"
    )
    page.get_by_label("Besked til organisationen").fill("Tak, det er et godt input.")
    page.get_by_role("button", name="Gem status").click()
    journey.see("accepted", "Status er ændret")
    item.refresh_from_db()
    assert (item.status, item.visibility) == ("accepted", "partnership")

    # Visibility changed later, within the organisation's consent.
    page.get_by_label("Hvem må se input?").select_option("public")
    page.get_by_role("button", name="Gem synlighed").click()
    expect(page.get_by_label("Hvem må se input?")).to_have_value("public")
    # Accepting logged one change (to partnership), this the second.
    expect(page.get_by_text("Synlighed ændret")).to_have_count(2)
    journey.see("visibility-changed", "Synligheden er gemt.")
    item.refresh_from_db()
    assert item.visibility == "public"

    page.get_by_role("link", name="Redigér tekst (fjern personoplysninger)").click()
    journey.see("redact", INPUT_TITLE)
    solution = page.get_by_label("Løsningen")
    solution.fill(
        solution.input_value().replace(f" Ring til Hanne på {PHONE_NUMBER}.", "")
    )
    page.get_by_role("button", name="Gem ny version").click()
    journey.see("redacted", "Sammenlign med originalen", check=_dates_in_danish)
    item.refresh_from_db()
    assert PHONE_NUMBER not in item.solution
    page.get_by_role("link", name="Sammenlign med originalen").click()
    journey.see("compare", "Ring til Hanne", check=_dates_in_danish)

    page.goto(f"{url}/admin/input/{other.pk}/")
    page.get_by_label("Handling").select_option("request_changes")
    page.get_by_label("Besked til organisationen").fill("Hvor mange kommer?")
    page.get_by_role("button", name="Gem status").click()
    journey.see("changes-requested", "Status er ændret", OTHER_TITLE)
    other.refresh_from_db()
    assert other.status == "changes_requested"

    page.goto(f"{url}/admin/snippets/inputs/theme/")
    journey.see(
        "themes",
        "Angst og psykiske lidelser",
        heading=re.compile("Temaer"),
        check=_titles_break_between_words,
    )

    summary = _draft_summary(item)
    page.goto(f"{url}/admin/pages/{summary.pk}/edit/")
    journey.see("summary-editor", "Opsamling om ensomme ældre")
    _more_actions(page)
    page.get_by_role(
        "button", name=re.compile("Send til Godkendelse af opsamlinger")
    ).click()
    expect(
        page.get_by_text(re.compile("in moderation|til moderation")).first
    ).to_be_visible()
    assert summary.workflow_in_progress
    # The submitter is offered no approval of their own summary, not even
    # folded away in the actions menu.
    expect(
        page.locator("button", has_text=re.compile(r"Godkend|Approve"))
    ).to_have_count(0)
    journey.see("summary-in-moderation", "Opsamling om ensomme ældre")

    # A moderator searching the archive with a typo still finds the input:
    # the search reads the word as the archive spells it (search/spelling.py;
    # "Mente du" is left for what it cannot correct, tests/search).
    page.goto(f"{url}/arkiv/?q=pensjonster")
    journey.see("archive-typo", PENSIONERS, check=_userbar_clear_of_footer)

    # A second moderator approves, in a browser of their own.
    second = page.context.browser.new_page()
    second_journey = Journey(second, "moderator2")
    log_in(second, url, "moderator2@bl.demo", two_factor=True)
    second.goto(f"{url}/admin/pages/{summary.pk}/edit/")
    second_journey.see("summary-to-approve", "Opsamling om ensomme ældre")
    _more_actions(second)
    second.get_by_role(
        "button", name=re.compile(r"^(Godkend og Publicér|Approve and publish)$", re.I)
    ).click()
    # Wagtail answers the approval with the explorer and its message, once
    # the summary is published; on a loaded machine that takes longer than
    # expect's 5 s.
    expect(
        second.get_by_text(re.compile("er blevet opdateret|has been updated"))
    ).to_be_visible(timeout=30_000)
    summary.refresh_from_db()
    assert summary.live

    second.goto(f"{url}/svaekkede-aeldre/ensomme-aeldre/")
    second_journey.see(
        "summary-published",
        QUOTE,
        "— AAB, BL-2021-0042",
        heading="Opsamling om ensomme ældre",
    )
    second.close()
    assert Input.objects.get(pk=item.pk).status == "accepted"
