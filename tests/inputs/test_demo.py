import pytest

from inputs.demo import seed_inputs
from inputs.models import CallPage, Input
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
    assert Input.objects.values("organisation").distinct().count() >= 10
    assert not Input.objects.filter(author=None).exists()
    accepted = Input.objects.filter(status="accepted").first()
    assert accepted.answer_items()[0][0] == "Hvad har I brug for fra partnerskabet?"
    seed_inputs()
    assert Input.objects.count() == 42
    assert CallPage.objects.count() == 3


def test_seed_demo_command_runs(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", address="127.0.0.1:8765", stdout=out)
    assert Input.objects.count() == 42
    assert "http://127.0.0.1:8765/konto/login/" in out.getvalue()
