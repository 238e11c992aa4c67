"""The input form helps a person through it: personal data is pointed out
beside its field, chosen files survive an error, required questions say so,
BL's request for changes stands on top, and a draft can be deleted."""

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models import Attachment, Input
from inputs.models.attachments import private_storage
from inputs.services import input_transition
from tests.factories import InputFactory, log_in, member_of, moderator
from tests.inputs.conftest import form_data
from tests.inputs.files import pdf

pytestmark = pytest.mark.django_db


def _new(client, call, organisation, files=None, **overrides):
    data = form_data(call, organisation, **overrides)
    if files:
        data["attachments"] = files
    return client.post(reverse("inputs:create", args=[call.pk]), data)


def test_contact_details_are_marked_beside_their_field(
    client, call, organisation, member
):
    log_in(client, member)
    response = _new(
        client,
        call,
        organisation,
        solution="Ring til Karen på 22 33 44 55, hun koordinerer.",
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "solution" in errors and "challenge" not in errors
    html = response.text
    # The warning sits in the solution field's group, with the number marked.
    group = html[html.index('for="id_solution"') : html.index('id="id_solution"')]
    assert "<mark>22 33 44 55</mark>" in group
    assert "Muligvis en personoplysning (telefonnummer)" in group
    assert 'href="#id_confirm_personal_data"' in group
    # The error summary names the number once: the checkbox's entry does not
    # repeat it.
    start = html.index('id="form-errors"')
    summary = html[start : html.index("</ul>", start)]
    assert summary.count("22 33 44 55") == 1
    assert "Bekræft, at de markerede oplysninger" in summary
    # Confirmed, it saves.
    response = _new(
        client,
        call,
        organisation,
        solution="Ring til Karen på 22 33 44 55, hun koordinerer.",
        confirm_personal_data="on",
    )
    assert response.status_code == 302
    assert Input.objects.get().personal_data_flagged


def test_confirmed_contact_details_are_not_asked_for_again(
    client, call, organisation, member
):
    log_in(client, member)
    solution = "Ring til Karen på 22 33 44 55, hun koordinerer."
    _new(
        client,
        call,
        organisation,
        solution=solution,
        confirm_personal_data="on",
        intent="draft",
    )
    item = Input.objects.get()
    assert item.status == "draft" and item.personal_data_flagged
    # The draft's form shows the confirmation ticked ...
    html = client.get(reverse("inputs:edit", args=[item.pk])).text
    box = re.search(r'<input[^>]*id="id_confirm_personal_data"[^>]*>', html)
    assert "checked" in box.group(0)
    # ... so submitting it as the browser sends it needs no second confirmation.
    data = form_data(call, solution=solution, confirm_personal_data="on")
    data.pop("token")
    data["version"] = item.version
    response = client.post(reverse("inputs:edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "submitted" and item.personal_data_flagged
    # An input without confirmed contact details shows no box until needed.
    other = InputFactory(organisation=organisation, author=member, call=call)
    html = client.get(reverse("inputs:edit", args=[other.pk])).text
    assert 'id="id_confirm_personal_data"' not in html


def test_text_around_the_mark_is_escaped(client, call, organisation, member):
    log_in(client, member)
    response = _new(
        client, call, organisation, title="<b>Skriv</b> til a@b.dk", intent="draft"
    )
    assert "&lt;b&gt;Skriv&lt;/b&gt; til <mark>a@b.dk</mark>" in response.text


def test_files_chosen_before_an_error_are_kept_privately(
    client, call, organisation, member, settings
):
    log_in(client, member)
    token = form_data(call, organisation)["token"]
    response = _new(
        client, call, organisation, files=[pdf("plan.pdf")], title="", token=token
    )
    assert response.status_code == 400
    assert "Vedhæftet: plan.pdf" in response.text
    (pending,) = response.context["pending"]
    assert private_storage.exists(pending["path"])
    assert not (settings.MEDIA_ROOT / pending["path"]).exists()

    response = _new(client, call, organisation, token=token)

    assert response.status_code == 302
    (attachment,) = Attachment.objects.all()
    assert attachment.original_name == "plan.pdf"
    assert not private_storage.exists(pending["path"])


def test_a_kept_file_can_be_removed(client, call, organisation, member):
    log_in(client, member)
    token = form_data(call, organisation)["token"]
    response = _new(
        client, call, organisation, files=[pdf("plan.pdf")], title="", token=token
    )
    (pending,) = response.context["pending"]
    response = _new(
        client, call, organisation, token=token, remove_pending=pending["id"]
    )
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not private_storage.exists(pending["path"])


def test_required_questions_are_marked(client, call, organisation, member):
    log_in(client, member)
    html = client.get(reverse("inputs:create", args=[call.pk])).text
    required = html[html.index('for="id_question_hvad_har_i_brug_for"') :]
    assert required.startswith('for="id_question_hvad_har_i_brug_for"')
    assert "Hvad har I brug for? <span" in html
    required = sum(q.required for q in call.questions.all())
    assert required >= 1
    assert html.count("(skal besvares)") == required
    field = html[html.index('id="id_question_hvad_har_i_brug_for"') - 200 :]
    field = field[: field.index("</textarea>")]
    assert "required" in field and 'aria-required="true"' in field


def test_the_edit_form_shows_bls_request_for_changes_on_top(
    client, call, organisation, member
):
    mod = moderator()
    item = InputFactory(organisation=organisation, author=member, call=call)
    input_transition(input=item, action="submit", user=member)
    input_transition(input=item, action="start_review", user=mod)
    input_transition(
        input=item,
        action="request_changes",
        user=mod,
        note="Skriv venligst, hvor mange beboere I når.",
    )
    log_in(client, member)
    html = client.get(reverse("inputs:edit", args=[item.pk])).text
    note = html.index("Skriv venligst, hvor mange beboere I når.")
    assert (
        html.index("BL har bedt om ændringer") < note < html.index('class="input-form"')
    )


def test_a_draft_can_be_deleted_by_its_organisation_only(
    client, organisation, member, other_member, django_capture_on_commit_callbacks
):
    draft = InputFactory(organisation=organisation, title="Min kladde")
    url = reverse("inputs:delete", args=[draft.pk])

    log_in(client, other_member)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404

    log_in(client, member)
    assert "Ja, slet kladden" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("inputs:list")
    assert not Input.objects.filter(pk=draft.pk).exists()
    entry = ModelLogEntry.objects.get(action="inputs.delete_draft")
    assert entry.user == member and entry.data["title"] == "Min kladde"
    # A double submit finds nothing left: 404, not an error.
    assert client.post(url).status_code == 404


def test_a_sent_input_cannot_be_deleted(client, organisation, member):
    item = InputFactory(organisation=organisation)
    input_transition(input=item, action="submit", user=member)
    log_in(client, member)
    assert client.post(reverse("inputs:delete", args=[item.pk])).status_code == 404
    assert Input.objects.filter(pk=item.pk).exists()


def test_the_input_form_offers_english_vocabulary(client, call, organisation, member):
    log_in(client, member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("inputs:create", args=[call.pk])).text
    assert "Loneliness" in html and "Ensomhed" not in html


@pytest.fixture
def other_member(db):
    from tests.factories import OrganisationFactory

    return member_of(OrganisationFactory(name="Anden organisation"))


def test_dates_follow_the_language(client, call):
    danish = client.get(call.url).text
    assert " kl. " in danish
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(call.url).text
    assert " kl. " not in english
    assert "a.m." in english or "p.m." in english


def test_the_error_summary_names_the_field_of_each_error(
    client, call, organisation, member
):
    log_in(client, member)
    response = _new(client, call, organisation, title="x" * 215)
    assert response.status_code == 400
    html = response.text
    start = html.index('id="form-errors"')
    summary = html[start : html.index("</ul>", start)]
    assert (
        'href="#id_title">Titel: Denne værdi må højst have 200 tegn (den har 215).'
        in summary
    )
