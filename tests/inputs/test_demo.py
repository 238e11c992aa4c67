from io import StringIO

import pytest
from wagtail.models import ModelLogEntry

from inputs.demo import ESTATES, STORY_COUNT, seed_inputs
from inputs.models import CallPage, Input, TargetGroup, Theme
from inputs.models.inputs import Visibility
from inputs.states import Status
from portal.organisations.demo import seed_organisations, seed_people

pytestmark = pytest.mark.django_db


def test_seed_inputs_covers_every_status_and_is_idempotent(demo_site):
    seed_organisations()
    seed_people()
    seed_inputs()
    calls = CallPage.objects.all()
    assert calls.count() == 3
    assert all(call.is_open() and call.questions.count() == 3 for call in calls)
    assert Input.objects.count() >= 40
    assert set(Input.objects.values_list("status", flat=True)) == set(Status.values)
    # Accepted inputs of every visibility, so each rule can be tried.
    published = Input.objects.filter(status__in=["accepted", "archived"])
    assert set(published.values_list("visibility", flat=True)) == set(Visibility)
    assert Input.objects.values("organisation").distinct().count() >= 10
    assert not Input.objects.filter(author=None).exists()
    accepted = Input.objects.filter(status="accepted").first()
    assert accepted.answer_items()[0][0] == "Hvad har I brug for fra partnerskabet?"
    # Each estate lies in the input's municipality (an outside check found
    # Gellerup in Aalborg).
    for input in Input.objects.select_related("municipality", "organisation"):
        assert input.estate in ESTATES[input.municipality.code], input.reference
        assert input.title.endswith(f" i {input.estate}")
    seed_inputs()
    # The story's 42 and the 41 public ones (inputs/demo_public.py).
    assert Input.objects.count() == 83
    assert CallPage.objects.count() == 3
    # The site history names each input by its back-dated reference.
    for input in Input.objects.exclude(status="draft"):
        labels = ModelLogEntry.objects.for_instance(input).values_list(
            "label", flat=True
        )
        assert set(labels) == {str(input)}, input.reference


def test_seed_demo_command_runs(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", address="127.0.0.1:8765", stdout=out)
    assert Input.objects.count() == 83
    assert "http://127.0.0.1:8765/konto/login/" in out.getvalue()


@pytest.mark.django_db(transaction=True)  # the e-mails leave on commit
def test_seed_demo_sends_no_e_mail(settings, reference_data):
    """The demo's own notifications are not sent: in `make run` they were
    2,400 lines in the terminal before the logins."""
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    from portal.mail.models import OutgoingEmail

    settings.DEBUG = True
    mail.outbox.clear()
    call_command("seed_demo", stdout=StringIO())
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def _timestamps():
    """Every date the demo writes, by row."""
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

    from inputs.models import InputRevision

    return {
        "inputs": list(
            Input.objects.order_by("pk").values_list(
                "pk", "created_at", "updated_at", "submitted_at", "accepted_at"
            )
        ),
        "log": list(
            ModelLogEntry.objects.order_by("pk").values_list("pk", "timestamp")
        ),
        "revisions": list(
            InputRevision.objects.order_by("pk").values_list("pk", "created_at")
        ),
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "first_published_at", "last_published_at"
            )
        ),
        "page_log": list(
            PageLogEntry.objects.order_by("pk").values_list("pk", "timestamp")
        ),
        "page_revisions": list(
            Revision.objects.order_by("pk").values_list("pk", "created_at")
        ),
    }


def test_seed_demo_tells_one_timeline_and_keeps_it(settings, client):
    """Each demo input is created shortly before it is sent, its history
    follows its path after that, in order, and the summaries come after the
    inputs they quote; none of it happens on the day of seeding, and seeding
    again moves nothing."""
    from datetime import timedelta
    from uuid import NAMESPACE_URL, uuid5

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import date_format
    from wagtail.models import ModelLogEntry

    from cms.models import SummaryPage
    from inputs.demo import DEMO_COUNT, path_of

    settings.DEBUG = True
    seeded_at = timezone.now()
    call_command("seed_demo", stdout=StringIO())
    number = {
        uuid5(NAMESPACE_URL, f"partnerportalen-demo-input-{n}"): n
        for n in range(DEMO_COUNT)
    }
    for input in Input.objects.all():
        path = [action for action, _note in path_of(number[input.idempotency_token])]
        entries = list(ModelLogEntry.objects.for_instance(input).order_by("pk"))
        times = [entry.timestamp for entry in entries]
        assert times == sorted(set(times)), input.reference
        assert all(input.created_at < at < seeded_at for at in times), input.reference
        assert input.reference == f"BL-{input.created_at.year}-{input.pk:04d}"
        moves = [e.action.removeprefix("inputs.") for e in entries]
        assert [m for m in moves if m != "visibility"] == path, input.reference
        at = dict(zip(moves, times, strict=True))
        sent = [t for m, t in zip(moves, times, strict=True) if "submit" in m]
        assert input.submitted_at == (sent[-1] if sent else None), input.reference
        assert input.accepted_at == at.get("accept"), input.reference
        if sent:
            assert timedelta(0) < sent[0] - input.created_at < timedelta(days=1)
        last = times[-1] if times else input.created_at
        assert timedelta(0) <= last - input.updated_at < timedelta(minutes=1)
        revisions = [r.created_at for r in input.revisions.order_by("pk")]
        assert revisions == sent, input.reference
    for summary in SummaryPage.objects.all():
        quoted = [s.input.accepted_at for s in summary.sources.all()]
        assert quoted
        assert max(quoted) < summary.first_published_at < seeded_at

    before = _timestamps()
    call_command("seed_demo", stdout=StringIO())
    assert _timestamps() == before

    # What the organisation's member sees: the day it was sent, not today.
    member = get_user_model().objects.get(email="medlem@fsb.demo")
    accepted = Input.objects.filter(
        organisation__memberships__user=member, accepted_at__isnull=False
    ).first()
    client.force_login(member)
    page = client.get(reverse("inputs:detail", args=[accepted.pk])).content.decode()
    history = page[page.index('id="history-heading"') :]
    local = timezone.localtime
    assert date_format(local(accepted.accepted_at), "DATETIME_FORMAT") in history
    assert date_format(local(accepted.submitted_at), "DATETIME_FORMAT") in history
    assert date_format(timezone.localdate(), "DATE_FORMAT") not in page


def test_the_demo_numbers_its_inputs_in_the_order_they_were_written(demo_site):
    """Reference numbers follow the dates, the story's and the public
    inputs' interleaved, and the README names the one input for BL only by
    the number it gets on a fresh database."""
    from django.conf import settings

    seed_organisations()
    seed_people()
    seed_inputs()
    in_order = list(Input.objects.order_by("pk"))
    created = [i.created_at for i in in_order]
    assert created == sorted(created)
    assert all(i.reference == f"BL-2020-{i.pk:04d}" for i in in_order)
    bl_only = Input.objects.get(
        status__in=["accepted", "archived"], visibility=Visibility.BL_ONLY
    )
    # On a fresh database the n-th input is BL-2020-<n> (here the sequence
    # may have moved on: PostgreSQL keeps it past a rolled-back test).
    fresh = f"BL-2020-{in_order.index(bl_only) + 1:04d}"
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert f"one for BL only ({fresh})" in " ".join(readme.split())


def test_a_visitor_of_the_demo_sees_numbers_on_the_statistics_page(demo_site, client):
    """Counts below the public minimum are hidden; the demo has enough
    public inputs, from enough organisations, for every one to show."""
    from inputs.statistics import MIN_PUBLIC_COUNT, public_statistics
    from portal.organisations.models import Partnership

    seed_organisations()
    seed_people()
    seed_inputs()
    # Besides the story's 42: accepted, public, with named consent.
    story = [i.pk for i in seed_inputs(count=STORY_COUNT)]
    later = Input.objects.exclude(pk__in=story)
    assert later.count() == 41
    assert {(i.status, i.visibility, i.consent) for i in later} == {
        ("accepted", Visibility.PUBLIC, "named")
    }
    stats = public_statistics()
    assert stats.total == 46  # with two that were archived since
    every = {
        name: [c.count for c in stats.dimensions[name]] for name in stats.dimensions
    }
    for name, counts in every.items():
        assert None not in counts, name
        assert min(counts) >= MIN_PUBLIC_COUNT, name
    # Every theme and target group, each with a count (none "vises ikke").
    assert len(every["theme"]) == Theme.objects.count()
    assert len(every["target_group"]) == TargetGroup.objects.count()
    assert len(every["region"]) == 5
    assert len(every["month"]) == 5
    page = client.get("/statistik/").text
    assert "Beskæftigelse" in page and "Mennesker med handicap" in page
    assert "<td>vises ikke</td>" not in page
    for partnership in Partnership.objects.hosted():
        assert public_statistics(partnership=partnership).total is not None
