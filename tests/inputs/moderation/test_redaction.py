import pytest
from django.core.exceptions import ValidationError
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
        "estate": item.estate,
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


# The redaction passes the same personal-data rule as the input form.
ANSWERS = {"hvem": {"label": "Hvem deltager?", "value": "Ældre", "order": 0}}


def test_a_cpr_number_in_the_redacted_text_is_refused_beside_the_field(
    mod_client, make_input
):
    item = make_input(status="in_review", answers=ANSWERS)
    url = reverse("inputs_moderation:redact", args=[item.pk])
    response = mod_client.post(
        url,
        _form(
            item,
            challenge="Beboeren 010190‑1234 er ensom.",
            question_hvem="Fru Hansen, CPR-0101901234",
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Feltet »Udfordringen« indeholder et CPR-nummer" in errors["challenge"][0]
    assert (
        "Feltet »Hvem deltager?« indeholder et CPR-nummer"
        in (errors["question_hvem"][0])
    )
    assert "Beboeren 010190‑1234 er ensom." in response.content.decode()
    item.refresh_from_db()
    assert "010190" not in item.challenge
    assert not item.revisions.filter(reason=InputRevision.Reason.REDACTION).exists()


def test_contact_details_in_the_redacted_text_must_be_confirmed(mod_client, make_input):
    item = make_input(status="in_review")
    url = reverse("inputs_moderation:redact", args=[item.pk])
    text = "Kontakt afdelingen på 22 33 44 55."
    response = mod_client.post(url, _form(item, solution=text))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "telefonnummer" in errors["solution"][0]
    assert "confirm_personal_data" in errors
    assert 'name="confirm_personal_data"' in response.content.decode()
    response = mod_client.post(
        url, _form(item, solution=text, confirm_personal_data="on")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.solution == text and item.personal_data_flagged


def test_the_redaction_service_refuses_a_cpr_number(mod, make_input):
    item = make_input(status="in_review")
    with pytest.raises(ValidationError) as error:
        input_redact(
            input=item,
            user=mod,
            version=item.version,
            title="CPR 010190 1234",
            challenge=item.challenge,
            solution=item.solution,
            answers={},
        )
    assert "title" in error.value.message_dict
    item.refresh_from_db()
    assert item.title != "CPR 010190 1234"


def test_a_name_in_the_estate_can_be_redacted(mod_client, make_input):
    # The estate is free text: an outside check wrote a resident's name in
    # it, and the moderator's form had no field to remove it from.
    item = make_input(status="in_review", estate="Tingbjerg, Birthe Sørensen")
    url = reverse("inputs_moderation:redact", args=[item.pk])
    form = mod_client.get(url).content.decode()
    assert 'name="estate"' in form
    response = mod_client.post(url, _form(item, estate="Tingbjerg"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.estate == "Tingbjerg"
    original, redaction = item.revisions.all()
    assert original.content["estate"] == "Tingbjerg, Birthe Sørensen"
    html = mod_client.get(
        reverse("inputs_moderation:compare", args=[item.pk, redaction.pk])
    ).content.decode()
    assert "Afdeling" in html
    assert "Birthe Sørensen" in html  # what was removed, for moderators only


def test_answers_are_edited_with_the_call_s_own_fields(mod_client, make_input, call):
    """A yes/no answer is a Ja/Nej choice, not free text: only those save."""
    from inputs.models.inputs import Input

    item = make_input(
        status="in_review",
        call=call,
        answers={
            "hvad_har_i_brug_for": {
                "label": "Hvad har I brug for?",
                "value": "Frivillige",
                "order": 0,
            },
            "samarbejder_i_med_kommunen": {
                "label": "Samarbejder I med kommunen?",
                "value": "Ja",
                "order": 1,
            },
        },
    )
    url = reverse("inputs_moderation:redact", args=[item.pk])
    html = mod_client.get(url).text
    assert 'type="radio" name="question_samarbejder_i_med_kommunen" value="Nej"' in html
    assert '<textarea name="question_samarbejder_i_med_kommunen"' not in html
    assert '<textarea name="question_hvad_har_i_brug_for"' in html

    data = _form(item, question_hvad_har_i_brug_for="Frivillige")
    refused = mod_client.post(
        url, data | {"question_samarbejder_i_med_kommunen": "Måske"}
    )
    assert refused.status_code == 400
    assert Input.objects.get(pk=item.pk).version == item.version

    saved = mod_client.post(url, data | {"question_samarbejder_i_med_kommunen": "Nej"})
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.answers["samarbejder_i_med_kommunen"]["value"] == "Nej"
    assert item.answers["samarbejder_i_med_kommunen"]["label"] == (
        "Samarbejder I med kommunen?"
    )
