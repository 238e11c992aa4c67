import re
from datetime import date, datetime, time, timedelta

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
    assert "Indsendte input pr. tema" in html  # mid-sentence: lower case
    assert '<tr><th scope="row">Ensomhed</th><td>2</td></tr>' in html
    assert '<tr><th scope="row">Under behandling</th><td>1</td></tr>' in html
    assert "Indsendte input pr. uge" in html
    # The weekly chart is drawn although its first weeks are empty (the
    # admin's own icons are SVG too, so look for the chart's).
    assert 'class="bar-chart__bars"' in html
    assert "2 – Uge" in html
    # Its labels are text that wraps, not text in an SVG scaled to the
    # screen (a viewBox made 13 px into 8 px on a phone) or cut at its edge;
    # the browser test measures them at 390 px.
    chart = html.split('class="bar-chart__bars"')[1].split("</figure>")[0]
    assert "viewBox" not in chart and "<text" not in chart
    # Every count is a chart, not only the weeks: status, partnership, theme
    # and region (a moderator would rather look than read 15 rows).
    for key in ("status", "partnership", "theme", "region"):
        chart = html.split(f'id="dashboard-{key}-caption"')[1].split("</figure>")[0]
        assert 'class="bar-chart__bars"' in chart, key
    assert "2 – Ensomhed" in html


def test_the_english_admin_names_partnerships_and_themes_in_english(
    mod_client, make_input
):
    make_input(themes=[theme("ensomhed")])
    mod_client.cookies["django_language"] = "en"
    html = mod_client.get("/admin/").content.decode()
    assert "Submitted inputs by theme" in html
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
    assert len(weeks) == 1
    assert weeks[-1][1] == 2


def _submitted_on(make_input, *days):
    """One input submitted on each day (backdated, as the import of e-mailed
    inputs does)."""
    from django.utils import timezone

    from inputs.models import Input

    for day in days:
        item = make_input()
        Input.objects.filter(pk=item.pk).update(
            submitted_at=timezone.make_aware(datetime.combine(day, time(10)))
        )


def _weekly(first: date, count: int) -> list[date]:
    return [first + timedelta(weeks=n) for n in range(count)]


def test_the_weekly_chart_shows_the_latest_weeks_with_inputs_across_years(
    mod_client, make_input
):
    # Weeks 23 to 35 of 2020, two inputs in week 35, six quiet years, then
    # one input in week 49 of 2026.
    _submitted_on(make_input, *_weekly(date(2020, 6, 1), 13), date(2020, 8, 28))
    _submitted_on(make_input, date(2026, 12, 1))
    html = mod_client.get("/admin/").content.decode()
    assert (
        "Indsendte input pr. uge: de 12 seneste uger, hvor der blev indsendt input"
        in html
    )
    table = html.split('id="dashboard-weeks-caption"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(Uge \d+, \d+)</th><td>(\d+)</td>', table)
    # Oldest first, each with its year; no empty week, weeks 23 and 24 drop out.
    assert rows == [
        *[(f"Uge {week}, 2020", "1") for week in range(25, 35)],
        ("Uge 35, 2020", "2"),
        ("Uge 49, 2026", "1"),
    ]


def test_the_weekly_chart_costs_the_same_queries_for_many_weeks(
    mod_client, make_input, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _submitted_on(make_input, date(2020, 6, 1))
    with CaptureQueriesContext(connection) as one_week:
        mod_client.get("/admin/")
    _submitted_on(make_input, *_weekly(date(2021, 1, 4), 20))
    with django_assert_max_num_queries(len(one_week)):
        mod_client.get("/admin/")
