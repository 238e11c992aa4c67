import re

import pytest

from tests.factories import log_in, theme

pytestmark = pytest.mark.django_db


def test_admin_home_shows_counts_and_weekly_chart(mod_client, make_input):
    make_input(themes=[theme("ensomhed")])
    make_input(status="in_review", themes=[theme("ensomhed")])
    response = mod_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gå til moderationskøen" in html
    # The counts say what they count, and lead to those inputs.
    assert (
        '<a href="/admin/input/?status=submitted">1 input med status »Indsendt«</a>'
        in html
    )
    assert (
        '<a href="/admin/input/?status=in_review">1 input med status »Under behandling«</a>'
        in html
    )
    assert "tæller alle 2 indsendte input i alle statusser" in html
    assert "Indsendte input pr. Tema" in html
    assert '<tr><th scope="row">Ensomhed</th><td>2</td></tr>' in html
    assert '<tr><th scope="row">Under behandling</th><td>1</td></tr>' in html
    assert "Indsendte input pr. uge" in html
    # The weekly chart is drawn although its first weeks are empty (the
    # admin's own icons are SVG too, so look for the chart's).
    assert 'class="bar-chart__svg"' in html
    assert "2 – Uge" in html
    # Its text is not scaled to the screen (a viewBox made 13 px into 8 px on
    # a phone); the browser test measures it at 390 px.
    chart = html.split('class="bar-chart__svg"')[1].split("</svg>")[0]
    assert "viewBox" not in chart
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', chart)]
    assert sizes and min(sizes) >= 12


def test_the_english_admin_names_partnerships_and_themes_in_english(
    mod_client, make_input
):
    make_input(themes=[theme("ensomhed")])
    mod_client.cookies["django_language"] = "en"
    html = mod_client.get("/admin/").content.decode()
    assert "Submitted inputs by Theme" in html
    assert '<tr><th scope="row">Loneliness</th><td>1</td></tr>' in html
    assert '<th scope="row">Partnership for frail elderly people</th>' in html
    assert "Ensomhed" not in html and "svækkede ældre" not in html


def test_panel_hidden_from_site_admin(client):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role
    from tests.factories import UserFactory

    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.SITE_ADMIN))
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    log_in(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Gå til moderationskøen" not in response.content.decode()


def test_submissions_per_week_counts_this_week(make_input):
    from inputs.models import Input
    from inputs.statistics import submissions_per_week

    make_input()
    make_input()
    weeks = submissions_per_week(inputs=Input.objects.all(), weeks=4)
    assert len(weeks) == 4
    assert weeks[-1][1] == 2
    assert sum(n for _label, n in weeks) == 2


def test_submissions_per_week_ends_at_the_latest_submission(make_input):
    from datetime import datetime

    from django.utils import timezone

    from inputs.models import Input
    from inputs.statistics import submissions_per_week

    june, july = make_input(), make_input()
    for item, day in (
        (june, datetime(2020, 6, 24, 10)),
        (july, datetime(2020, 7, 8, 10)),
    ):
        # Backdate the submission, as the import of e-mailed inputs does.
        Input.objects.filter(pk=item.pk).update(submitted_at=timezone.make_aware(day))
    weeks = submissions_per_week(inputs=Input.objects.all(), weeks=4)
    assert [label for label, _n in weeks] == [
        "Uge 25, 2020",
        "Uge 26, 2020",
        "Uge 27, 2020",
        "Uge 28, 2020",
    ]
    assert [n for _label, n in weeks] == [0, 1, 0, 1]
