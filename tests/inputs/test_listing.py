import pytest
from django.urls import reverse

from inputs.models import Input
from inputs.models.inputs import Kind
from inputs.services import input_transition
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
)
from tests.inputs.conftest import make_call
from tests.inputs.test_states import moderator

pytestmark = pytest.mark.django_db


def test_lists_only_the_users_organisations_inputs(client, organisation, member):
    mine = InputFactory(organisation=organisation, title="Fællesspisning i gården")
    InputFactory(title="Et andet selskabs input")
    log_in(client, member)
    html = client.get(reverse("inputs:list")).content.decode()
    assert "Fællesspisning i gården" in html
    assert "Et andet selskabs input" not in html
    assert reverse("inputs:detail", args=[mine.pk]) in html


def test_a_user_without_an_organisation_is_told_how_to_join_one(client, demo_site):
    make_call(demo_site)
    log_in(client, UserFactory())
    html = client.get(reverse("inputs:list")).content.decode()
    assert "Du skal være medlem af en godkendt organisation for at sende input." in html
    assert f'href="{reverse("organisations:join")}"' in html
    for not_shown in ["filter-form", "Åbne indkaldelser", "Jeres input", "matcher"]:
        assert not_shown not in html


def test_a_moderator_is_sent_to_the_moderation_queue_not_to_join(client, demo_site):
    make_call(demo_site)
    log_in(client, moderator())
    html = client.get(reverse("inputs:list")).content.decode()
    assert "Som moderator i BL sender du ikke input" in html
    assert f'href="{reverse("inputs_moderation:index")}"' in html
    assert reverse("organisations:join") not in html.split('id="main"')[1]
    assert "Du skal være medlem" not in html
    client.cookies["django_language"] = "en"
    english = client.get(reverse("inputs:list")).text
    assert "As a BL moderator you do not send input" in english
    assert "Go to the moderation queue" in english


def test_a_moderator_before_the_second_factor_is_not_told_to_join(client, demo_site):
    """Staff rights wait for the second factor, but the person is BL staff
    all the same: the queue's link takes them through it."""
    make_call(demo_site)
    log_in(client, moderator(), second_factor=False)
    html = client.get(reverse("inputs:list")).content.decode()
    assert "Som moderator i BL sender du ikke input" in html
    assert "Du skal være medlem" not in html
    start = client.get(reverse("accounts:start")).content.decode()
    assert "Fortsæt med totrinsbekræftelse" in start
    assert "Du er ikke medlem af nogen organisation" not in start
    assert client.get(reverse("inputs_moderation:index")).status_code == 302


def test_a_member_without_inputs_gets_the_list_and_its_filters(
    client, demo_site, member
):
    make_call(demo_site)
    log_in(client, member)
    html = client.get(reverse("inputs:list")).content.decode()
    assert "filter-form" in html and "Åbne indkaldelser" in html
    assert "Ingen input matcher." in html
    assert "Du skal være medlem" not in html


def test_filters_by_status_and_call(client, demo_site, organisation, member):
    call = make_call(demo_site)
    other_call = make_call(demo_site, slug="anden")
    draft = InputFactory(organisation=organisation, title="Kladden", call=call)
    sent = InputFactory(
        organisation=organisation, title="Den indsendte", call=other_call
    )
    input_transition(input=sent, action="submit", user=member)
    log_in(client, member)
    html = client.get(reverse("inputs:list"), {"status": "submitted"}).content.decode()
    assert sent.title in html and draft.title not in html
    html = client.get(reverse("inputs:list"), {"call": call.pk}).content.decode()
    assert draft.title in html and sent.title not in html


def test_the_list_has_a_constant_query_count(
    client, demo_site, organisation, member, django_assert_max_num_queries
):
    call = make_call(demo_site)
    log_in(client, member)

    def add(n):
        for i in range(n):
            InputFactory(organisation=organisation, call=call, title=f"Input {i}")

    add(2)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("inputs:list"))
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("inputs:list"))
    assert response.content.decode().count("/input/") >= 22


def test_detail_shows_text_answers_history_and_feedback(client, organisation, member):
    input = InputFactory(
        organisation=organisation,
        answers={
            "b": {"label": "Andet spørgsmål", "value": "Nej", "order": 1},
            "a": {"label": "Første spørgsmål", "value": ["Ja", "Måske"], "order": 0},
        },
    )
    bl = moderator()
    input_transition(input=input, action="submit", user=member)
    input_transition(input=input, action="start_review", user=bl)
    input_transition(input=input, action="accept", user=bl, note="Fint eksempel.")
    log_in(client, member)
    response = client.get(reverse("inputs:detail", args=[input.pk]))
    html = response.content.decode()
    assert input.challenge in html and input.solution in html
    assert html.index("Første spørgsmål") < html.index("Andet spørgsmål")
    assert "Ja, Måske" in html
    history = response.context["history"]
    assert [(e.action, e.source, e.target) for e in history] == [
        ("submit", "Kladde", "Indsendt"),
        ("start_review", "Indsendt", "Under behandling"),
        ("accept", "Under behandling", "Accepteret"),
    ]
    assert history[-1].user == bl.get_full_name()
    assert [e.note for e in response.context["feedback"]] == ["Fint eksempel."]
    assert "Tilbagemelding fra BL" in html
    # Accepted: no more editing or withdrawing.
    assert reverse("inputs:edit", args=[input.pk]) not in html


@pytest.mark.parametrize(
    ("kind", "shown", "left_out"),
    [
        (Kind.SOLUTION, ["Løsningen"], ["Udfordringen"]),
        (Kind.CHALLENGE, ["Udfordringen"], ["Løsningen"]),
        (Kind.BOTH, ["Udfordringen", "Løsningen"], []),
    ],
)
def test_detail_shows_only_the_sections_of_the_inputs_kind(
    client, organisation, member, kind, shown, left_out
):
    texts = {"challenge": "", "solution": ""}
    if kind != Kind.SOLUTION:
        texts["challenge"] = "Ældre beboere isolerer sig."
    if kind != Kind.CHALLENGE:
        texts["solution"] = "Frivillige ringer til dem."
    input = InputFactory(organisation=organisation, kind=kind, **texts)
    log_in(client, member)
    html = client.get(reverse("inputs:detail", args=[input.pk])).text
    for heading in shown:
        assert f">{heading}</h2>" in html
    for heading in left_out:
        assert f">{heading}</h2>" not in html
    assert "<p>–</p>" not in html


def test_a_solution_keeps_a_challenge_it_was_written_with(client, organisation, member):
    # Text from before the kind changed is searchable; the page shows it.
    input = InputFactory(organisation=organisation, kind=Kind.SOLUTION)
    log_in(client, member)
    html = client.get(reverse("inputs:detail", args=[input.pk])).text
    assert ">Udfordringen</h2>" in html and input.challenge in html


def test_the_organisations_history_lists_status_changes_only(
    client, organisation, member
):
    """BL's own entries (visibility, the moderator assigned) are not the
    organisation's history, and would read as raw codes and an e-mail."""
    from inputs.models.inputs import Visibility
    from inputs.services.moderation import input_accept, input_assign

    input = InputFactory(organisation=organisation)
    bl = moderator()
    input_transition(input=input, action="submit", user=member)
    input_assign(input=input, user=bl, moderator=bl)
    input_transition(input=input, action="start_review", user=bl)
    input_accept(input=input, user=bl, visibility=Visibility.PARTNERSHIP)
    log_in(client, member)
    html = client.get(reverse("inputs:detail", args=[input.pk])).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert history.count("<tr>") == 1 + 3  # the header and three moves
    for shown in ("Indsendt", "Behandling startet", "Accepteret"):
        assert f">{shown}</td>" in history
    assert "visibility" not in history and "partnership" not in history
    assert bl.email not in history


def test_answer_items_gives_labels_and_display_values():
    input = InputFactory.build(
        answers={
            "x": {"label": "Valg", "value": ["A", "B"], "order": 1},
            "y": {"label": "Tekst", "value": "Hej", "order": 0},
        }
    )
    assert input.answer_items() == [("Tekst", "Hej"), ("Valg", "A, B")]


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("Antal beboere", "Antal beboere: 12"),
        ("Hvor mange deltog?", "Hvor mange deltog? 12"),
        ("Antal:", "Antal: 12"),
        ("Skriv et tal!", "Skriv et tal! 12"),
        ("Angiv antal.", "Angiv antal. 12"),
    ],
)
def test_answer_line_adds_a_colon_only_after_a_bare_label(label, line):
    assert Input.answer_line(label, "12") == line


def test_an_outsider_sees_none_of_it(client):
    input = InputFactory()
    log_in(client, member_of(OrganisationFactory()))
    assert input.title not in client.get(reverse("inputs:list")).content.decode()
    assert client.get(reverse("inputs:detail", args=[input.pk])).status_code == 404


def test_yes_no_answers_are_shown_in_the_pages_language(client, organisation, member):
    """A yes/no question's answer is stored as its Danish choice ("Ja",
    "Nej") and shown in the page's language; other answers as written."""
    input = InputFactory(
        organisation=organisation,
        answers={
            "a": {"label": "Samarbejder I med kommunen?", "value": "Ja", "order": 0},
            "b": {"label": "Har I midler?", "value": "Nej", "order": 1},
            "c": {"label": "Hvem?", "value": "Jakob og Nejla", "order": 2},
        },
    )
    log_in(client, member)
    url = reverse("inputs:detail", args=[input.pk])
    assert "<dd>Ja</dd>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "<dd>Yes</dd>" in html and "<dd>No</dd>" in html
    assert "<dd>Jakob og Nejla</dd>" in html
    # What is stored, indexed and exported stays the Danish choice.
    assert input.answer_items()[0] == ("Samarbejder I med kommunen?", "Ja")
