import pytest

from tests.factories import theme

pytestmark = pytest.mark.django_db


def test_admin_home_shows_counts_and_weekly_chart(mod_client, make_input):
    make_input(themes=[theme("ensomhed")])
    make_input(status="in_review", themes=[theme("ensomhed")])
    response = mod_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Input til moderation" in html
    assert "Input pr. Tema" in html
    assert '<tr><th scope="row">Ensomhed</th><td>2</td></tr>' in html
    assert '<tr><th scope="row">Under behandling</th><td>1</td></tr>' in html
    assert "Indsendte input pr. uge" in html
    assert "<svg" in html


def test_panel_hidden_from_site_admin(client):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role
    from tests.factories import UserFactory

    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.SITE_ADMIN))
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Input til moderation" not in response.content.decode()


def test_submissions_per_week_counts_this_week(make_input):
    from inputs.models import Input
    from inputs.statistics import submissions_per_week

    make_input()
    make_input()
    weeks = submissions_per_week(inputs=Input.objects.all(), weeks=4)
    assert len(weeks) == 4
    assert weeks[-1][1] == 2
    assert sum(n for _label, n in weeks) == 2
