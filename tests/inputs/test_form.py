import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inputs.models import Input
from inputs.services import input_transition
from portal.organisations.services import membership_set
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
)
from tests.inputs.conftest import form_data, make_call
from tests.inputs.test_states import moderator

pytestmark = pytest.mark.django_db


def post_new(client, call, organisation, **overrides):
    return client.post(
        reverse("inputs:create", args=[call.pk]),
        form_data(call, organisation, **overrides),
    )


def test_happy_path_submits_and_shows_the_receipt(client, call, organisation, member):
    log_in(client, member)
    page = client.get(call.url)
    assert reverse("inputs:create", args=[call.pk]) in page.content.decode()
    response = post_new(client, call, organisation)
    input = Input.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("inputs:receipt", args=[input.pk])
    assert input.status == "submitted"
    assert input.author == member
    assert input.reference == f"BL-{input.created_at.year}-{input.pk:04d}"
    assert input.answers["hvad_har_i_brug_for"]["value"] == "Flere frivillige."
    assert input.answer_items() == [
        ("Hvad har I brug for?", "Flere frivillige."),
        ("Samarbejder I med kommunen?", "Ja"),
    ]
    receipt = client.get(response.url).content.decode()
    assert input.reference in receipt
    assert "Tak for jeres input" in receipt


def test_one_press_of_indsend_indexes_the_input_once(
    client, call, organisation, member, django_capture_on_commit_callbacks
):
    # Creating the input and submitting it each ask for its indexing.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.models import ArchiveDocument

    log_in(client, member)
    table = connection.ops.quote_name(ArchiveDocument._meta.db_table)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert post_new(client, call, organisation).status_code == 302
    writes = [q for q in queries.captured_queries if f"INSERT INTO {table}" in q["sql"]]
    assert len(writes) == 1
    assert ArchiveDocument.objects.get().object_id == Input.objects.get().pk


def errors_of(response) -> dict:
    return response.context["form"].errors


def test_the_receipt_email_is_sent_in_danish(
    client, call, organisation, member, django_capture_on_commit_callbacks
):
    log_in(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        post_new(client, call, organisation)
    input = Input.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert input.reference in message.subject
    assert input.reference in message.body
    assert "Tak for jeres input" in message.body
    assert f"/input/{input.pk}/" in message.body


def test_a_colleague_who_sends_the_draft_gets_the_receipt_too(
    client, call, organisation, member, django_capture_on_commit_callbacks
):
    log_in(client, member)
    post_new(client, call, organisation, intent="draft")
    input = Input.objects.get()
    colleague = member_of(organisation, first_name="Sofie", last_name="Ny")
    log_in(client, colleague)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("inputs:edit", args=[input.pk]),
            form_data(call, token=None, version=input.version),
        )
    receipts = {m.to[0]: m.body for m in mail.outbox}
    assert set(receipts) == {member.email, colleague.email}
    assert receipts[colleague.email].startswith("Kære Sofie Ny")
    page = client.get(reverse("inputs:receipt", args=[input.pk])).content.decode()
    addresses = ", ".join(sorted(receipts))
    assert f"Vi har sendt en kvittering til {addresses}." in page


def test_when_the_author_is_gone_the_one_who_sends_it_is_told(
    client, call, organisation, member, django_capture_on_commit_callbacks
):
    log_in(client, member)
    post_new(client, call, organisation, intent="draft")
    input = Input.objects.get()
    member.is_active = False  # as after deleting the account
    member.save()
    colleague = member_of(organisation)
    log_in(client, colleague)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("inputs:edit", args=[input.pk]),
            form_data(call, token=None, version=input.version),
        )
    assert [m.to for m in mail.outbox] == [[colleague.email]]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Skriv en titel"),
        ({"kind": None}, "kind", "Vælg, om inputtet er en udfordring"),
        ({"kind": "challenge", "challenge": ""}, "challenge", "Beskriv udfordringen"),
        ({"kind": "solution", "solution": ""}, "solution", "Beskriv løsningen"),
        ({"partnerships": None}, "partnerships", "Vælg mindst ét partnerskab"),
        ({"themes": None}, "themes", "Vælg mindst ét tema"),
        ({"target_groups": None}, "target_groups", "Vælg mindst én målgruppe"),
        ({"municipality": ""}, "municipality", "Vælg kommunen"),
        ({"consent": None}, "consent", "Vælg, om BL må offentliggøre"),
        (
            {"question_hvad_har_i_brug_for": ""},
            "question_hvad_har_i_brug_for",
            "Besvar spørgsmålet »Hvad har I brug for?«",
        ),
        ({"residents_reached": "mange"}, "residents_reached", "heltal"),
        # A CPR number (10.12.1990) is no count of residents, nor 101901234.
        ({"residents_reached": "1012901234"}, "residents_reached", "højst 100.000"),
        ({"residents_reached": "0101901234"}, "residents_reached", "højst 100.000"),
        ({"residents_reached": "100001"}, "residents_reached", "højst 100.000"),
        ({"kind": "poem"}, "kind", "gyldig valgmulighed"),
        (
            {"question_samarbejder_i_med_kommunen": "Måske"},
            "question_samarbejder_i_med_kommunen",
            "gyldig valgmulighed",
        ),
        ({"contact_email": "ikke-en-mail"}, "contact_email", "gyldig e-mail"),
        ({"challenge": "Beboeren 010190-1234 er ensom."}, "challenge", "CPR-nummer"),
        ({"contact_phone": "010190-1234"}, "contact_phone", "CPR-nummer"),
        ({"contact_name": "Jens 0101901234"}, "contact_name", "CPR-nummer"),
        # The message every e-mail address with a CPR number gets.
        (
            {"contact_email": "0101901234@aab.dk"},
            "contact_email",
            "E-mailadressen indeholder et CPR-nummer (0101901234)",
        ),
        (
            {"contact_email": "jens+010190+1234@aab.dk"},
            "contact_email",
            "E-mailadressen indeholder et CPR-nummer (010190+1234)",
        ),
        # A made-up number (12 March 2045 by the century rule) was published.
        (
            {"estate": "Afdeling 12, Birthe Sørensen 120345-6789"},
            "estate",
            "CPR-nummer",
        ),
        ({"contact_name": "Birthe 120345-6789"}, "contact_name", "CPR-nummer"),
        # An outside check stored these: a comma or a semicolon separates too.
        ({"title": "T 010190,1234"}, "title", "CPR-nummer"),
        ({"title": "T 010190;1234"}, "title", "CPR-nummer"),
        ({"challenge": "Beboer 010190;1234"}, "challenge", "CPR-nummer"),
        ({"estate": "Afdeling 12, 010190;1234"}, "estate", "CPR-nummer"),
        ({"contact_name": "Beboer 010190;1234"}, "contact_name", "CPR-nummer"),
        (
            {"question_hvad_har_i_brug_for": "Beboer 010190;1234"},
            "question_hvad_har_i_brug_for",
            "CPR-nummer",
        ),
        (
            {"question_hvad_har_i_brug_for": "Ring til 22 33 44 55"},
            "question_hvad_har_i_brug_for",
            "telefonnummer",
        ),
    ],
)
def test_each_validation_error_is_shown_and_keeps_the_text(
    client, call, organisation, member, overrides, field, message
):
    log_in(client, member)
    response = post_new(client, call, organisation, **overrides)
    assert response.status_code == 400
    assert not Input.objects.exists()
    errors = errors_of(response)
    assert field in errors, errors
    assert message in " ".join(errors[field])
    html = response.content.decode()
    assert "Inputtet er ikke gemt" in html
    # The user's other text stays on the page.
    assert "Afdeling 12" in html


def test_a_cpr_number_blocks_even_a_draft_and_names_the_field(
    client, call, organisation, member
):
    log_in(client, member)
    response = post_new(
        client, call, organisation, intent="draft", solution="Se 2512891234 i sagen"
    )
    assert response.status_code == 400
    assert (
        "Feltet »Løsningen« indeholder et CPR-nummer"
        in errors_of(response)["solution"][0]
    )
    assert not Input.objects.exists()


@pytest.mark.parametrize(
    "challenge",
    [
        "Beboer 𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟒 er ensom.",
        "Beboer ⁰¹⁰¹⁹⁰-¹²³⁴ er ensom.",
        "Beboer ⓪①⓪①⑨⓪-①②③④ er ensom.",
        "Beboer 010190\u20631234 er ensom.",
        "Beboer 0101\u200e90-1234 er ensom.",
        "Beboer 01019\u00ad0-1234 er ensom.",
        "Beboer 010190--1234 er ensom.",
        "Beboer 010190-1234 kr. skylder husleje.",
    ],
)
def test_a_cpr_number_however_written_is_refused_beside_its_field(
    client, call, organisation, member, challenge
):
    log_in(client, member)
    response = post_new(client, call, organisation, challenge=challenge)
    assert response.status_code == 400
    assert "indeholder et CPR-nummer" in " ".join(errors_of(response)["challenge"])
    assert not Input.objects.exists()


@pytest.mark.parametrize(
    "keywords",
    [
        "010190;1234",
        "010190,1234",
        "010190 1234",
        "0101 90 1234",
        "ensomhed, 010190 1234",
        '"010190" "1234"',
    ],
)
def test_keywords_are_read_as_typed_before_they_are_split(
    client, call, organisation, member, keywords
):
    log_in(client, member)
    response = post_new(client, call, organisation, keywords=keywords)
    assert response.status_code == 400
    errors = errors_of(response)
    assert "Feltet »Nøgleord« indeholder et CPR-nummer" in " ".join(
        errors["keywords"]
    ), errors
    assert not Input.objects.exists()
    # The text typed stays in the field.
    html = response.content.decode()
    assert 'name="keywords"' in html
    assert "1234" in html.split('name="keywords"')[1].split(">")[0]


def test_keywords_that_are_no_cpr_number_are_kept(client, call, organisation, member):
    log_in(client, member)
    response = post_new(
        client, call, organisation, keywords="ensomhed, 10 12 14 16 18, 2020"
    )
    assert response.status_code == 302
    assert sorted(k.name for k in Input.objects.get().keywords.all()) == [
        "10 12 14 16 18",
        "2020",
        "ensomhed",
    ]


def test_an_email_warning_needs_confirming_and_then_flags(
    client, call, organisation, member
):
    log_in(client, member)
    text = "Skriv til projekt@aab.dk for at høre mere."
    response = post_new(client, call, organisation, solution=text)
    html = response.content.decode()
    assert (
        "Jeg bekræfter, at oplysningerne er organisationens egne kontaktoplysninger"
        in html
    )
    assert "projekt@aab.dk" in html
    response = post_new(
        client, call, organisation, solution=text, confirm_personal_data="on"
    )
    assert response.status_code == 302
    assert Input.objects.get().personal_data_flagged


def test_the_confirmation_box_is_not_shown_without_a_warning(
    client, call, organisation, member
):
    log_in(client, member)
    html = client.get(reverse("inputs:create", args=[call.pk])).content.decode()
    assert "Jeg bekræfter" not in html
    assert 'name="intent" value="draft"' in html and "Gem kladde" in html


def test_contact_fields_may_hold_contact_details(client, call, organisation, member):
    log_in(client, member)
    response = post_new(
        client,
        call,
        organisation,
        contact_name="Ole Hansen",
        contact_email="ole@aab.dk",
        contact_phone="+45 22 33 44 55",
    )
    assert response.status_code == 302
    assert not Input.objects.get().personal_data_flagged


def test_a_draft_needs_only_a_title_and_is_seen_and_continued_by_colleagues(
    client, call, organisation, member
):
    log_in(client, member)
    response = client.post(
        reverse("inputs:create", args=[call.pk]),
        {
            "token": "",
            "title": "Halvfærdig idé",
            "intent": "draft",
            "organisation": organisation.pk,
        },
    )
    draft = Input.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("inputs:edit", args=[draft.pk])
    assert draft.status == "draft" and draft.reference.startswith("BL-")
    assert draft.municipality == organisation.municipality
    assert list(draft.partnerships.all()) == list(call.partnerships.all())
    assert not mail.outbox

    colleague = member_of(organisation)
    log_in(client, colleague)
    assert draft.title in client.get(reverse("inputs:list")).content.decode()
    assert client.get(reverse("inputs:edit", args=[draft.pk])).status_code == 200
    response = client.post(
        reverse("inputs:edit", args=[draft.pk]),
        form_data(call, version=draft.version, token=None),
    )
    assert response.url == reverse("inputs:receipt", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.title == "Tryghedsopkald til ældre beboere"
    assert draft.author == member  # the author stays who began it


def test_double_submit_creates_one_input(
    client, call, organisation, member, django_capture_on_commit_callbacks
):
    log_in(client, member)
    data = form_data(call, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("inputs:create", args=[call.pk]), data)
        second = client.post(reverse("inputs:create", args=[call.pk]), data)
    input = Input.objects.get()
    assert first.url == second.url == reverse("inputs:receipt", args=[input.pk])
    assert len(mail.outbox) == 1
    assert input.idempotency_token is not None


def test_a_stale_version_is_refused_and_the_text_kept(
    client, call, organisation, member
):
    log_in(client, member)
    post_new(client, call, organisation, intent="draft")
    input = Input.objects.get()
    old_version = input.version
    client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(
            call, version=old_version, token=None, intent="draft", title="Første"
        ),
    )
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(
            call, version=old_version, token=None, intent="draft", title="Min tekst"
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "i et andet vindue eller af en kollega" in html
    assert "Min tekst" in html
    # No field is marked, so the summary does not say to correct one.
    assert "Inputtet er ikke gemt." in html
    assert "Ret det, der er markeret nedenfor" not in html
    input.refresh_from_db()
    assert input.title == "Første"


def test_a_review_started_while_writing_keeps_the_text(
    client, call, organisation, member
):
    # The outside check got a bare 404 and lost the text (session 19).
    log_in(client, member)
    post_new(client, call, organisation)
    input = Input.objects.get()
    opened = input.version  # the member opens the form, then BL starts
    input_transition(input=input, action="start_review", user=moderator())
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(call, version=opened, token=None, title="Min tilføjelse"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "BL er begyndt at behandle inputtet" in html
    assert "Min tilføjelse" in html
    input.refresh_from_db()
    assert input.status == "in_review"
    assert input.title != "Min tilføjelse"
    # Outside the organisation it is still a plain 404.
    log_in(client, member_of(OrganisationFactory()))
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(call, version=input.version, token=None, title="Min tilføjelse"),
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("opens", "closes", "text"), [(2, 10, "åbner først"), (-10, -1, "lukkede")]
)
def test_a_call_that_is_not_open_refuses_new_input(
    client, demo_site, organisation, member, opens, closes, text
):
    call = make_call(demo_site, opens=opens, closes=closes)
    log_in(client, member)
    page = client.get(call.url).content.decode()
    assert reverse("inputs:create", args=[call.pk]) not in page
    assert text.split()[0] in page
    response = client.get(reverse("inputs:create", args=[call.pk]), follow=True)
    assert text in response.content.decode()
    response = post_new(client, call, organisation)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Input.objects.exists()


def test_a_started_draft_can_be_submitted_until_the_close(
    client, call, organisation, member
):
    log_in(client, member)
    post_new(client, call, organisation, intent="draft")
    input = Input.objects.get()
    # The call closes: the draft can no longer be submitted.
    type(call).objects.filter(pk=call.pk).update(closes_at=timezone.now())
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(call, version=input.version, token=None),
    )
    assert response.status_code == 400
    assert "lukkede" in response.content.decode()
    input.refresh_from_db()
    assert input.status == "draft"


def test_a_member_of_several_organisations_picks_one(
    client, call, organisation, member
):
    other = OrganisationFactory()
    membership_set(user=member, organisation=other, role="member")
    pending = OrganisationFactory(status="pending")
    membership_set(user=member, organisation=pending, role="member")
    log_in(client, member)
    html = client.get(reverse("inputs:create", args=[call.pk])).content.decode()
    assert other.name in html and organisation.name in html
    assert pending.name not in html
    response = post_new(client, call, other)
    assert Input.objects.get().organisation == other
    response = post_new(client, call, pending)
    assert "organisation" in errors_of(response)


def test_a_submitted_input_stays_editable_until_review_then_is_not(
    client, call, organisation, member
):
    log_in(client, member)
    post_new(client, call, organisation)
    input = Input.objects.get()
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(
            call, version=input.version, token=None, intent="draft", title="Rettet"
        ),
    )
    assert response.status_code == 302
    # Changes to a sent input are saved, not sent again: no receipt.
    page = client.get(response.url).content.decode()
    assert "Dine ændringer er gemt." in page
    assert "Inputtet er indsendt med referencenummer" not in page
    input.refresh_from_db()
    assert (input.title, input.status) == ("Rettet", "submitted")
    input_transition(input=input, action="start_review", user=moderator())
    # The edit and withdraw addresses now say why (409).
    assert client.get(reverse("inputs:edit", args=[input.pk])).status_code == 409
    assert client.get(reverse("inputs:withdraw", args=[input.pk])).status_code == 409


def test_withdraw_before_review(client, call, organisation, member):
    log_in(client, member)
    post_new(client, call, organisation)
    input = Input.objects.get()
    assert client.get(reverse("inputs:withdraw", args=[input.pk])).status_code == 200
    response = client.post(reverse("inputs:withdraw", args=[input.pk]))
    assert response.status_code == 302
    input.refresh_from_db()
    assert input.status == "withdrawn"
    assert (
        client.post(reverse("inputs:withdraw", args=[input.pk])).status_code == 409
    )  # says it is withdrawn already


def test_resubmit_after_changes_were_requested(client, call, organisation, member):
    log_in(client, member)
    post_new(client, call, organisation)
    input = Input.objects.get()
    bl = moderator()
    input_transition(input=input, action="start_review", user=bl)
    input_transition(
        input=input, action="request_changes", user=bl, note="Uddyb løsningen."
    )
    html = client.get(reverse("inputs:edit", args=[input.pk])).content.decode()
    assert "Indsend igen" in html
    input.refresh_from_db()
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        form_data(call, version=input.version, token=None, solution="Mere uddybet."),
    )
    assert response.url == reverse("inputs:receipt", args=[input.pk])
    input.refresh_from_db()
    assert input.status == "submitted"
    detail = client.get(reverse("inputs:detail", args=[input.pk])).content.decode()
    assert "Uddyb løsningen." in detail
    assert "Indsendt igen" in detail  # the history says what happened


@pytest.mark.parametrize("name", ["detail", "edit", "withdraw", "receipt"])
def test_another_organisations_input_answers_404(client, call, name):
    input = InputFactory()
    outsider = member_of(OrganisationFactory())
    log_in(client, outsider)
    assert client.get(reverse(f"inputs:{name}", args=[input.pk])).status_code == 404
    assert client.post(reverse(f"inputs:{name}", args=[input.pk])).status_code in (
        404,
        405,
    )
    input.refresh_from_db()
    assert input.status == "draft"


def test_anonymous_users_are_sent_to_log_in(client, call):
    response = client.get(reverse("inputs:create", args=[call.pk]))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_a_user_without_an_approved_organisation_cannot_start(client, call):
    log_in(client, UserFactory())
    assert client.get(reverse("inputs:create", args=[call.pk])).status_code == 404
    assert "godkendt organisation" in client.get(call.url).content.decode()


def test_a_double_submit_of_the_edit_form_lands_on_the_receipt(
    client, call, organisation, member
):
    log_in(client, member)
    post_new(client, call, organisation, intent="draft")
    input = Input.objects.get()
    data = form_data(call, token=None, version=input.version)
    first = client.post(reverse("inputs:edit", args=[input.pk]), data)
    second = client.post(reverse("inputs:edit", args=[input.pk]), data)
    assert first.url == second.url == reverse("inputs:receipt", args=[input.pk])
    input.refresh_from_db()
    assert input.status == "submitted" and input.revisions.count() == 1


def test_contact_details_in_the_contact_fields_need_no_confirming(
    client, call, organisation, member
):
    # They are meant for contact details: only a CPR number counts there.
    log_in(client, member)
    response = post_new(
        client,
        call,
        organisation,
        contact_name="Anna Jensen",
        contact_email="anna@aab.dk",
        contact_phone="22 33 44 55",
    )
    assert response.status_code == 302
    assert not Input.objects.get().personal_data_flagged


def test_an_error_on_the_hidden_organisation_field_is_shown(
    client, call, organisation, member
):
    # With one organisation the field is hidden; a value changed in the page
    # gave a 400 that said nothing (outside check, session 19).
    log_in(client, member)
    other = OrganisationFactory()
    response = post_new(client, call, other, title="Min titel")
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('class="alert alert-error', 1)[1].split("</div>", 1)[0]
    assert "Organisation: Marker en gyldig valgmulighed" in summary
    assert "Min titel" in html
    assert not Input.objects.exists()


def test_themes_and_target_groups_are_listed_in_the_readers_alphabet(
    client, call, organisation, member
):
    log_in(client, member)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("inputs:create", args=[call.pk])).text
    for name in ("themes", "target_groups"):
        labels = re.findall(rf'for="id_{name}_\d+">([^<]+)</label>', page)
        assert len(labels) > 5
        assert labels == sorted(labels)
