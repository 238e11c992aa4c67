"""An AAB employee logs in with MitID Erhverv (the test broker on localhost,
tests/oidc/provider.mjs) and lands in AAB without a join request."""

import re

import pytest
from django.utils.csp import CSP
from playwright.sync_api import expect

from tests.oidc.server import CVR_CLAIM, running_provider

from .conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker(live_site, settings):
    callback = f"{live_site.url}/konto/oidc/mitid-erhverv/login/callback/"
    with running_provider(redirect_uris=[callback]) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [provider.app()]}
        }
        settings.OIDC_CVR_CLAIM = CVR_CLAIM
        # As portal.settings.base does for OIDC_ISSUER.
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "form-action": [CSP.SELF, provider.issuer],
        }
        yield provider


def test_employee_logs_in_with_mitid_and_lands_in_aab(page, live_site, broker):
    from portal.organisations.models import JoinRequest, Membership

    url = live_site.url
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{url}/konto/login/")
        expect(
            page.get_by_role("button", name="Log ind med MitID Erhverv")
        ).to_be_visible()
        page.screenshot(path=f"test-results/oidc-login-{width}.png", full_page=True)
    assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Log ind med MitID Erhverv").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Test-broker")
    page.get_by_role("button", name="Sofie Berg (AAB)").click()

    expect(page).to_have_url(re.compile(r"/organisation/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Min organisation")
    expect(page.get_by_text("Du er nu medlem af AAB.")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="test-results/oidc-landing-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="test-results/oidc-landing-390.png", full_page=True)

    membership = Membership.objects.get(user__email="sofie.berg@aab.dk")
    assert membership.organisation.name == "AAB"
    assert not JoinRequest.objects.exists()
