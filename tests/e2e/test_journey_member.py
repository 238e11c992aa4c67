import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_fills_in_and_submits_an_input_with_an_attachment(
    page, live_site, tmp_path
):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage, Input

    seed_inputs()
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    picture = tmp_path / "beboerhuset.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())

    log_in(page, live_site.url, "medlem@aab.demo")
    page.goto(live_site.url + call.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    page.get_by_role("link", name="Skriv et input").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt input")
    assert_accessible(page)

    page.get_by_label("Udfordring og løsning").check()
    page.get_by_label("Titel").fill("Kaffeklub for ensomme ældre")
    page.get_by_label("Udfordringen").fill(
        "Ældre beboere sidder alene efter nedlukningen."
    )
    page.get_by_label("Løsningen").fill(
        "En ugentlig kaffeklub i beboerhuset med frivillige."
    )
    page.get_by_label("Ensomhed", exact=True).check()
    page.get_by_label("Ældre", exact=True).check()
    page.get_by_label("Hvad har I brug for fra partnerskabet?").fill(
        "Midler til kaffe og kage."
    )
    page.get_by_role(
        "group", name="Samarbejder I med kommunen om indsatsen?"
    ).get_by_label("Ja").check()
    page.get_by_label("Ja, anonymiseret").check()
    page.get_by_label("Tilføj bilag").set_input_files(str(picture))
    page.get_by_role("button", name="Indsend").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for jeres input")
    input = Input.objects.get(title="Kaffeklub for ensomme ældre")
    assert re.fullmatch(r"BL-\d{4}-\d{4,}", input.reference)
    expect(page.locator(".receipt__reference")).to_have_text(input.reference)
    assert input.status == "submitted"
    assert input.attachments.get().content_type == "image/png"
    assert_accessible(page)

    page.get_by_role("link", name="Se inputtet").click()
    expect(page.get_by_role("link", name="beboerhuset.png")).to_be_visible()

    page.get_by_role("link", name="Vores input").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vores input")
    expect(page.get_by_role("link", name="Kaffeklub for ensomme ældre")).to_be_visible()
    assert_accessible(page)
