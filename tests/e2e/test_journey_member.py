"""An organisation member's journey: their start page, the input form (the
personal-data warning beside the field, a validation error that keeps the
attachment), a draft saved and submitted, BL's request for changes shown at
the top of the edit form, a draft deleted after a confirmation page, and
“Vores input”."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Kaffeklub for ensomme ældre"
BL_NOTE = "Skriv gerne, hvor mange ældre der kommer hver uge."


def _picture(tmp_path):
    picture = tmp_path / "beboerhuset.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    return picture


def _bl_asks_for_changes(input):
    from django.contrib.auth import get_user_model

    from inputs.services import input_transition

    moderator = get_user_model().objects.get(email="moderator@bl.demo")
    input_transition(input=input, action="start_review", user=moderator)
    input_transition(
        input=input, action="request_changes", user=moderator, note=BL_NOTE
    )


def test_member_writes_submits_changes_and_deletes_a_draft(page, live_site, tmp_path):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage, Input

    seed_inputs(count=9)
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    url = live_site.url
    journey = Journey(page, "member")

    log_in(page, url, "medlem@aab.demo")
    journey.see(
        "start",
        "Jeres input",
        "BL har bedt om ændringer",
        "Kladder",
        "Åbne indkaldelser",
        call.title,
        heading="Velkommen, Mette",
    )

    page.get_by_role("link", name=f"Skriv input – {call.title}").click()
    journey.see("new-input", call.title, heading="Nyt input")
    page.get_by_label("Udfordring og løsning").check()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Udfordringen").fill(
        "Ældre beboere sidder alene. Ring til Mette på 22 33 44 55 for at høre mere."
    )
    page.get_by_label("Løsningen").fill(
        "En ugentlig kaffeklub i beboerhuset med frivillige."
    )
    page.get_by_label("Ensomhed", exact=True).check()
    page.get_by_label("Ældre", exact=True).check()
    page.get_by_label("Hvad har I brug for fra partnerskabet?").fill(
        "Midler til kaffe og kage."
    )
    # The required yes/no question is left unanswered.
    page.get_by_label("Ja, anonymiseret").check()
    page.get_by_label("Tilføj bilag").set_input_files(str(_picture(tmp_path)))
    page.get_by_role("button", name="Indsend").click()

    def warning_beside_the_field(page, _width):
        challenge = page.get_by_label("Udfordringen")
        expect(challenge).to_have_value(re.compile("22 33 44 55"))
        # The warning is the field's own description, with the number marked.
        expect(challenge).to_have_accessible_description(
            re.compile(r"Muligvis en personoplysning \(telefonnummer\).*22 33 44 55")
        )
        expect(page.locator("mark").filter(has_text="22 33 44 55")).to_be_visible()
        expect(page.get_by_label("Titel")).to_have_value(TITLE)

    journey.see(
        "form-with-errors",
        "Inputtet er ikke gemt. Ret det, der er markeret nedenfor.",
        "Vedhæftet: beboerhuset.png",
        check=warning_beside_the_field,
    )

    page.get_by_role(
        "group", name="Samarbejder I med kommunen om indsatsen?"
    ).get_by_label("Ja").check()
    page.get_by_label(
        "Jeg bekræfter, at oplysningerne er organisationens egne kontaktoplysninger"
    ).check()
    page.get_by_role("button", name="Gem kladde").click()
    journey.see("draft-saved", "Dine ændringer er gemt.", heading=f"Ret input: {TITLE}")
    input = Input.objects.get(title=TITLE)
    assert input.status == "draft"
    assert input.attachments.get().content_type == "image/png"

    page.get_by_role("button", name="Indsend").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for jeres input")
    input.refresh_from_db()
    assert input.status == "submitted"
    assert re.fullmatch(r"BL-\d{4}-\d{4,}", input.reference)
    journey.see("receipt", input.reference, heading="Tak for jeres input")

    page.get_by_role("link", name="Se inputtet").click()
    journey.see(
        "input",
        "beboerhuset.png",
        heading=re.compile(TITLE),
    )

    _bl_asks_for_changes(input)
    page.get_by_role("link", name="Mit overblik").first.click()
    page.get_by_role("region", name="BL har bedt om ændringer").get_by_role(
        "link", name=TITLE
    ).click()
    journey.see(
        "changes-requested",
        BL_NOTE,
        "Ret inputtet, og tryk »Indsend igen«, når I er klar.",
        heading=f"Ret input: {TITLE}",
        check=lambda page, _width: expect(
            page.get_by_role("button", name="Indsend igen")
        ).to_be_visible(),
    )

    # A second input, kept as a draft, then deleted.
    page.goto(f"{url}/input/ny/{call.pk}/")
    page.get_by_label("Titel").fill("Gåture i kvarteret")
    page.get_by_role("button", name="Gem kladde").click()
    page.get_by_role("link", name="Slet kladden").click()
    journey.see(
        "delete-draft",
        "Vil I slette kladden »Gåture i kvarteret«",
        heading="Slet kladde",
    )
    page.get_by_role("button", name="Ja, slet kladden").click()
    journey.see(
        "our-inputs",
        "Kladden »Gåture i kvarteret« er slettet.",
        heading="Vores input",
        check=lambda page, _width: expect(
            page.get_by_role("link", name=TITLE)
        ).to_be_visible(),
    )
    assert not Input.objects.filter(title="Gåture i kvarteret").exists()


def test_leaving_the_form_with_unsaved_text_asks_first(page, live_site):
    # The footer's language switch is a form of its own: it took the writer
    # away and the typed text with them (outside check, session 19).
    from inputs.demo import seed_inputs
    from inputs.models import CallPage

    seed_inputs(count=1)
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    log_in(page, live_site.url, "medlem@aab.demo")
    page.goto(f"{live_site.url}/input/ny/{call.pk}/")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    assert asked == ["beforeunload"]
    # Saving is not leaving.
    page.get_by_role("button", name="Gem kladde").first.click()
    expect(page.get_by_text("Dine ændringer er gemt")).to_be_visible()
    assert asked == ["beforeunload"]


def test_text_sent_after_logging_out_in_another_tab_comes_back(page, live_site):
    # The session ended while the form was open: the redirect to the login
    # page dropped what had been typed.
    from inputs.demo import seed_inputs
    from inputs.models import CallPage, Input

    seed_inputs(count=1)
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    log_in(page, live_site.url, "medlem@aab.demo")
    page.goto(f"{live_site.url}/input/ny/{call.pk}/")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Udfordringen").fill("Mange ældre går ikke ud.\nDe er bange.")
    other = page.context.new_page()
    other.goto(f"{live_site.url}/")
    other.get_by_role("navigation", name="Konto").get_by_role(
        "button", name="Log ud"
    ).click()
    other.close()
    page.get_by_role("button", name="Gem kladde").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit input er ikke gemt")
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    expect(page.get_by_label("Udfordringen")).to_have_value(
        "Mange ældre går ikke ud.\nDe er bange."
    )
    login = page.get_by_role("link", name="Log ind igen i et nyt vindue")
    with page.context.expect_page() as opened:
        login.click()
    expect(opened.value.get_by_role("heading", name="Log ind")).to_be_visible()
    assert not Input.objects.filter(title=TITLE).exists()
