"""The moderator's forms on an input, in the browser: a failed status change
opens at its error summary (in view, focused), and leaving the redaction
or an unsaved note asks first, as the input form does."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_journey_moderator import _submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _in_review():
    from django.contrib.auth import get_user_model

    from inputs.services import input_transition

    item = _submitted(
        "Gåture i kvarteret", "Vi går sammen hver onsdag.", "BL-2020-0901"
    )
    moderator = get_user_model().objects.get(email="moderator@bl.demo")
    input_transition(input=item, action="start_review", user=moderator)
    return item


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


def test_a_failed_status_change_opens_at_its_summary_and_leaving_asks_first(
    page, live_site
):
    item = _in_review()
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)
    url = f"{live_site.url}/admin/input/{item.pk}/"
    page.goto(url)

    # Rejecting without a message: the page opens at the summary.
    page.get_by_label("Handling").select_option("reject")
    page.get_by_role("button", name="Gem status").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert _focused_id(page) == "form-errors"
    assert _in_viewport(page, "#form-errors")
    link = summary.get_by_role("link", name="Besked til organisationen")
    expect(link).to_have_attribute("href", "#id_note")

    asked = []
    staying = []  # whether the next dialog is answered "stay"

    def answer(dialog):
        asked.append(dialog.type)
        if staying:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    # The failed form shown back holds unsaved text: leaving asks too.
    page.goto(url)
    assert asked == ["beforeunload"]

    # A note typed but not saved.
    staying.append(True)
    page.get_by_label("Ny intern note").fill("Ring til AAB.")
    page.get_by_role("link", name="Hele historikken").click()
    expect(page.get_by_label("Ny intern note")).to_have_value("Ring til AAB.")
    assert asked == ["beforeunload"] * 2
    staying.clear()

    # The redaction: typed, then a link away; saving is not leaving.
    page.goto(f"{url}rediger/")
    assert asked == ["beforeunload"] * 3
    staying.append(True)
    page.get_by_label("Titel").fill("Renset titel")
    page.get_by_role("link", name="Annullér").click()
    expect(page.get_by_label("Titel")).to_have_value("Renset titel")
    assert asked == ["beforeunload"] * 4
    page.get_by_role("button", name="Gem ny version").click()
    expect(page.get_by_text("Teksten er gemt som en ny version.")).to_be_visible()
    assert asked == ["beforeunload"] * 4
