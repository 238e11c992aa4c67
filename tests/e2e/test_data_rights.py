"""A member downloads “Mine data” from “Min konto”, then deletes the account;
AAB's last administrator is asked to hand over first."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_downloads_their_data_and_deletes_the_account(page, live_site):
    from django.contrib.auth import get_user_model

    from portal.organisations.demo import DEMO_PASSWORD

    url = live_site.url
    log_in(page, url, "medlem@aab.demo")
    page.get_by_role("link", name="Min konto", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min konto")
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent mine data (ZIP)").click()
    archive = zipfile.ZipFile(info.value.path())
    account = json.loads(archive.read("konto.json"))
    assert account["email"] == "medlem@aab.demo"
    assert "README.txt" in archive.namelist()

    page.get_by_role("link", name="Slet min konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slet din konto")
    assert_accessible(page)
    page.get_by_label("Din adgangskode").fill(DEMO_PASSWORD)
    page.get_by_label("Jeg forstår").check()
    page.get_by_role("button", name="Slet min konto").click()

    expect(page).to_have_url(re.compile(r"/konto/slettet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Din konto er slettet")
    assert not get_user_model().objects.filter(email="medlem@aab.demo").exists()


def test_the_last_administrator_is_asked_to_hand_over(page, live_site):
    url = live_site.url
    log_in(page, url, "admin@aab.demo")
    page.goto(f"{url}/konto/slet/")
    expect(page.get_by_role("alert")).to_contain_text("eneste administrator af AAB")
    expect(page.get_by_label("Din adgangskode")).to_have_count(0)
    assert_accessible(page)
