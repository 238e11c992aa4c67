import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models import InputRevision
from inputs.services.moderation import StaleInput, input_redact
from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db


def _form(item, **changes):
    data = {
        "title": item.title,
        "challenge": item.challenge,
        "solution": item.solution,
        "version": item.version,
    }
    return data | changes


def test_redaction_keeps_original_and_compares(mod_client, mod, make_input):
    item = make_input(
        status="in_review", challenge="Fru Jensen på 4. sal, tlf. 12345678, er ensom."
    )
    url = reverse("inputs_moderation:redact", args=[item.pk])
    response = mod_client.post(url, _form(item, challenge="En ældre beboer er ensom."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.challenge == "En ældre beboer er ensom."
    original, redaction = item.revisions.all()
    assert original.reason == InputRevision.Reason.SUBMISSION
    assert "12345678" in original.content["challenge"]
    assert (redaction.reason, redaction.created_by) == (
        InputRevision.Reason.REDACTION,
        mod,
    )
    assert (
        ModelLogEntry.objects.for_instance(item).filter(action="inputs.redact").exists()
    )
    compare = mod_client.get(
        reverse("inputs_moderation:compare", args=[item.pk, redaction.pk])
    )
    html = compare.content.decode()
    assert "<del>Fru Jensen på 4. sal, tlf. 12345678, </del>" in html
    assert "<ins>En ældre beboer </ins>" in html


def test_second_concurrent_save_is_refused(mod_client, make_input):
    item = make_input(status="in_review")
    loaded_version = item.version
    # Another moderator saves first.
    input_redact(
        input=item,
        user=moderator(),
        version=loaded_version,
        title="Første moderators titel",
        challenge=item.challenge,
        solution=item.solution,
        answers={},
    )
    url = reverse("inputs_moderation:redact", args=[item.pk])
    response = mod_client.post(
        url, _form(item, title="Anden moderators titel", version=loaded_version)
    )
    assert response.status_code == 400
    assert (
        "En anden har gemt dette input, mens du redigerede" in response.content.decode()
    )
    # The form keeps what the second moderator typed.
    assert "Anden moderators titel" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Første moderators titel"
    assert item.revisions.filter(reason="redaction").count() == 1


def test_stale_version_in_service_writes_nothing(mod, make_input):
    item = make_input(status="in_review")
    with pytest.raises(StaleInput):
        input_redact(
            input=item,
            user=mod,
            version=item.version - 1,
            title="x",
            challenge="y",
            solution="z",
            answers={},
        )
    item.refresh_from_db()
    assert item.title != "x"
    assert not item.revisions.filter(reason="redaction").exists()


def test_empty_title_is_refused_next_to_field(mod_client, make_input):
    item = make_input()
    url = reverse("inputs_moderation:redact", args=[item.pk])
    response = mod_client.post(url, _form(item, title=""))
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in response.content.decode()


def test_organisation_never_sees_original_or_revisions(client, make_input, author, mod):
    item = make_input(status="in_review")
    input_redact(
        input=item,
        user=mod,
        version=item.version,
        title="Ny",
        challenge="c",
        solution="s",
        answers={},
    )
    log_in(client, author)
    revision = item.revisions.last()
    response = client.get(
        reverse("inputs_moderation:compare", args=[item.pk, revision.pk])
    )
    assert response.status_code in (302, 403)
    assert b"Sammenlign" not in response.content


def test_compare_names_fields_and_questions_in_danish(mod_client, mod, make_input):
    answers = {
        "deltagere": {"label": "Hvor mange deltog?", "value": "Tolv", "order": 0}
    }
    item = make_input(status="in_review", answers=answers)
    input_redact(
        input=item,
        user=mod,
        version=item.version,
        title=item.title,
        challenge="En ældre beboer er ensom.",
        solution=item.solution,
        answers={"deltagere": {**answers["deltagere"], "value": "Tolv beboere"}},
    )
    redaction = item.revisions.last()
    html = mod_client.get(
        reverse("inputs_moderation:compare", args=[item.pk, redaction.pk])
    ).content.decode()
    assert "<h2>Udfordringen</h2>" in html
    assert "<h2>Hvor mange deltog?</h2>" in html
    assert "<ins>Tolv beboere</ins>" in html
    for raw in ("challenge</h2>", "deltagere</h2>", "{&#x27;label", "'label'"):
        assert raw not in html
