"""A moderator accepts an input in the admin and submits a summary that
quotes it; a second moderator approves it through the workflow; the public summary page shows the
quote and is accessible."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

INPUT_TITLE = "Frivillige ringer til ensomme ældre"
QUOTE = "Vi ringer til alle ældre i afdelingen hver tirsdag."


def _input_in_review():
    from django.contrib.auth import get_user_model

    from inputs.models import Input
    from inputs.models.inputs import Consent, Kind
    from inputs.services import input_transition
    from portal.organisations.models import Organisation, Partnership

    User = get_user_model()
    organisation = Organisation.objects.get(name="AAB")
    item = Input.objects.create(
        organisation=organisation,
        author=User.objects.get(email="medlem@aab.demo"),
        kind=Kind.BOTH,
        title=INPUT_TITLE,
        challenge="Mange ældre har siddet alene under nedlukningen.",
        solution=QUOTE,
        consent=Consent.NAMED,
        municipality=organisation.municipality,
        reference="BL-2020-0042",
    )
    item.partnerships.set([Partnership.objects.get(slug="svaekkede-aeldre")])
    input_transition(input=item, action="submit", user=item.author)
    input_transition(
        input=item,
        action="start_review",
        user=User.objects.get(email="moderator@bl.demo"),
    )
    return item


def _draft_summary(item):
    """An editor's draft quoting the accepted input (the StreamField editor
    itself is Wagtail's, tested by Wagtail)."""
    from cms.models import PartnershipPage, SummaryPage
    from cms.workflows import summary_workflow_ensure

    summary_workflow_ensure()
    parent = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    summary = SummaryPage(
        title="Opsamling om ensomme ældre",
        slug="ensomme-aeldre",
        introduction="Hvad afdelingerne gør for de ældre.",
        body=[("quote", {"input": item, "excerpt": QUOTE})],
        live=False,
    )
    parent.add_child(instance=summary)
    summary.inputs.set([item])
    summary.save_revision()
    return summary


def test_moderator_accepts_input_and_publishes_summary(page, live_site):
    from inputs.models import Input

    item = _input_in_review()
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)

    page.goto(f"{live_site.url}/admin/input/")
    page.get_by_role("link", name=INPUT_TITLE).click()
    page.get_by_label("Handling").select_option("accept")
    page.get_by_label("Hvem må se input, når det er accepteret?").select_option(
        "public"
    )
    page.get_by_label("Besked til organisationen").fill("Tak, det er et godt input.")
    page.get_by_role("button", name="Gem status").click()
    expect(page.get_by_text("Status er ændret")).to_be_visible()
    item.refresh_from_db()
    assert (item.status, item.visibility) == ("accepted", "public")

    summary = _draft_summary(item)
    page.goto(f"{live_site.url}/admin/pages/{summary.pk}/edit/")
    page.get_by_role("button", name=re.compile("Flere handlinger|More actions")).click()
    page.get_by_role(
        "button", name=re.compile("Send til Godkendelse af opsamlinger")
    ).click()
    expect(
        page.get_by_text(re.compile("in moderation|til moderation")).first
    ).to_be_visible()
    assert summary.workflow_in_progress

    # A second moderator approves: the submitter may not.
    page.context.clear_cookies()
    log_in(page, live_site.url, "moderator2@bl.demo", two_factor=True)
    page.goto(f"{live_site.url}/admin/pages/{summary.pk}/edit/")
    page.get_by_role("button", name=re.compile("Flere handlinger|More actions")).click()
    page.get_by_role(
        "button", name=re.compile(r"^(Godkend og Publicér|Approve and publish)$", re.I)
    ).click()
    summary.refresh_from_db()
    for _attempt in range(20):
        summary.refresh_from_db()
        if summary.live:
            break
        page.wait_for_timeout(250)
    assert summary.live

    page.goto(f"{live_site.url}/svaekkede-aeldre/ensomme-aeldre/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Opsamling om ensomme ældre"
    )
    expect(page.get_by_text(QUOTE).first).to_be_visible()
    expect(page.get_by_text("— AAB, BL-2020-0042")).to_be_visible()
    assert_accessible(page)
    assert Input.objects.get(pk=item.pk).status == "accepted"
