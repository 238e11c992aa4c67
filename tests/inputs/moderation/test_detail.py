import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from inputs.models import Input, InputRevision
from inputs.services import input_transition
from inputs.states import Status
from tests.factories import log_in, target_group, theme

pytestmark = pytest.mark.django_db


def _url(name, item, *args):
    return reverse(f"inputs_moderation:{name}", args=[item.pk, *args])


def test_detail_shows_input_history_and_notes(mod_client, make_input):
    item = make_input(
        status="in_review",
        answers={
            "q1": {"label": "Hvad mere?", "value": "Svar på spørgsmål", "order": 0}
        },
    )
    mod_client.post(_url("add_note", item), {"text": "Ring til afdelingen først"})
    response = mod_client.get(_url("inspect", item))
    html = response.content.decode()
    assert response.status_code == 200
    assert item.challenge in html
    assert "Svar på spørgsmål" in html
    assert "Ring til afdelingen først" in html
    assert "<td>Behandling startet</td>" in html  # the audit log entry


def test_empty_note_is_refused_next_to_field(mod_client, make_input):
    item = make_input()
    response = mod_client.post(_url("add_note", item), {"text": ""})
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not item.internal_notes.exists()


def test_a_cpr_number_in_a_note_is_refused_next_to_the_field(mod_client, make_input):
    item = make_input(status="in_review")
    response = mod_client.post(_url("add_note", item), {"text": "Ring 010190_1234"})
    assert response.status_code == 400
    errors = response.context["forms"]["add_note"].errors["text"]
    assert "indeholder et CPR-nummer (010190_1234)" in errors[0]
    assert errors[0] in response.content.decode()
    assert not item.internal_notes.exists()


def test_a_cpr_number_in_the_message_to_the_organisation_changes_nothing(
    mod, make_input
):
    item = make_input(status="in_review")
    with pytest.raises(ValidationError) as error:
        input_transition(
            input=item, action="request_changes", user=mod, note="Se 010190-1234"
        )
    assert "CPR-nummer" in " ".join(error.value.message_dict["note"])
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert not mail.outbox


def test_organisation_never_reaches_notes_or_detail(client, make_input, author):
    item = make_input()
    log_in(client, author)
    for name in ("inspect", "redact"):
        response = client.get(_url(name, item))
        assert response.status_code in (302, 403)
    client.post(_url("add_note", item), {"text": "fra organisationen"})
    assert not item.internal_notes.exists()


def test_request_changes_needs_feedback(mod_client, make_input):
    item = make_input(status="in_review")
    response = mod_client.post(
        _url("transition", item), {"transition": "request_changes", "note": ""}
    )
    assert response.status_code == 400
    assert "Skriv, hvad organisationen skal ændre." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_reject_needs_a_reason(mod_client, make_input):
    item = make_input(status="in_review")
    response = mod_client.post(
        _url("transition", item), {"transition": "reject", "note": "  "}
    )
    assert response.status_code == 400
    assert "Skriv, hvorfor input afvises." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_reject_with_a_reason_tells_the_organisation(mod_client, make_input):
    item = make_input(status="in_review")
    mod_client.post(
        _url("transition", item), {"transition": "reject", "note": "Uden for området."}
    )
    item.refresh_from_db()
    assert item.status == Status.REJECTED


def test_request_changes_resubmit_keeps_both_versions(
    mod_client, make_input, author, django_capture_on_commit_callbacks
):
    item = make_input(status="in_review")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(
            _url("transition", item),
            {"transition": "request_changes", "note": "Uddyb løsningen, tak."},
        )
    item.refresh_from_db()
    assert item.status == Status.CHANGES_REQUESTED
    assert "Uddyb løsningen, tak." in mail.outbox[0].body
    # The organisation edits (its own form does this) and resubmits.
    Input.objects.filter(pk=item.pk).update(solution="En længere løsning.")
    input_transition(input=item, action="resubmit", user=author)
    snapshots = item.revisions.filter(reason=InputRevision.Reason.SUBMISSION)
    assert [r.content["solution"] for r in snapshots] == [
        "Frivillige ringer til de ældre hver uge og inviterer til kaffe.",
        "En længere løsning.",
    ]


def test_accept_with_public_visibility_needs_consent(mod_client, make_input):
    item = make_input(status="in_review", consent="none")
    response = mod_client.post(
        _url("transition", item), {"transition": "accept", "visibility": "public"}
    )
    assert response.status_code == 400
    assert "samtykke" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    mod_client.post(
        _url("transition", item), {"transition": "accept", "visibility": "partnership"}
    )
    item.refresh_from_db()
    assert (item.status, item.visibility) == (Status.ACCEPTED, "partnership")


def test_links_duplicate_across_organisations(mod_client, make_input):
    from tests.factories import OrganisationFactory, member_of

    item = make_input()
    elsewhere = OrganisationFactory()
    other = make_input(
        organisation=elsewhere, author=member_of(elsewhere), reference="BL-X-1"
    )
    draft = make_input(status="draft", reference="BL-DRAFT")
    response = mod_client.post(
        _url("add_link", item), {"kind": "duplicate_of", "target": draft.reference}
    )
    assert response.status_code == 400
    response = mod_client.post(
        _url("add_link", item), {"kind": "duplicate_of", "target": "bl-x-1"}
    )
    assert response.status_code == 302
    assert item.links_from.get().target == other
    response = mod_client.post(
        _url("add_link", item), {"kind": "answers", "target": "NOPE"}
    )
    assert (
        "Der findes intet input med referencenummeret NOPE."
        in response.content.decode()
    )


def test_a_link_to_itself_or_back_again_is_refused_beside_the_field(
    mod_client, make_input
):
    item = make_input(reference="BL-2026-0043")
    other = make_input(reference="BL-2020-0032")
    response = mod_client.post(
        _url("add_link", item), {"kind": "duplicate_of", "target": "bl-2026-0043"}
    )
    assert response.status_code == 400
    errors = response.context["forms"]["add_link"].errors["target"]
    assert errors == ["Et input kan ikke forbindes med sig selv."]
    mod_client.post(
        _url("add_link", item), {"kind": "duplicate_of", "target": other.reference}
    )
    response = mod_client.post(
        _url("add_link", other), {"kind": "duplicate_of", "target": item.reference}
    )
    assert response.status_code == 400
    assert (
        "BL-2026-0043 er allerede forbundet med dette input"
        in (response.context["forms"]["add_link"].errors["target"][0])
    )
    assert not other.links_from.exists()


def test_an_inputs_admin_link_is_its_inspect_view(make_input):
    """Wagtail's choosers (the summaries' quotation block) link an input to
    its "edit" view; there is none, so the link is the inspect view."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    item = make_input()
    assert AdminURLFinder().get_edit_url(item) == f"/admin/input/{item.pk}/"


def test_the_facts_give_the_time_sent_in_local_time_as_the_history_does(
    mod_client, make_input
):
    from datetime import UTC, datetime

    item = make_input(status="in_review")
    Input.objects.filter(pk=item.pk).update(
        submitted_at=datetime(2020, 7, 15, 8, 0, tzinfo=UTC)
    )
    html = mod_client.get(_url("inspect", item)).content.decode()
    facts = html[html.index("Referencenummer") : html.index('id="text-section"')]
    assert "15. juli 2020 kl. 10:00" in facts  # Copenhagen, summer time
    assert "kl. 08:00" not in facts


def test_an_empty_fact_reads_as_a_dash_not_none(mod_client, make_input):
    item = make_input(status="in_review", call=None, residents_reached=None)
    html = mod_client.get(_url("inspect", item)).content.decode()
    facts = html[html.index("Referencenummer") :]
    assert "None" not in facts
    assert ">–<" in facts.replace(" ", "").replace("\n", "")


def test_history_counts_its_entries_in_danish(mod_client, make_input):
    item = make_input(status="in_review")
    mod_client.post(_url("add_note", item), {"text": "Ring til afdelingen først"})
    html = mod_client.get(_url("history", item)).content.decode()
    count = re.search(r'class="pagination__end">\s*(\d+ \w+)\s*<', html)
    assert count and re.fullmatch(r"\d+ hændelser?", count[1]), count
    # Wagtail's verbose name, word for word, was "modellogposter".
    assert "logpost" not in html


def test_an_english_moderator_reads_the_vocabulary_in_english(mod_client, make_input):
    # The inspect view and the queue's filters named them by their Danish
    # str() (outside check, session 19); the export too.
    item = make_input(
        themes=[theme("ensomhed")], target_groups=[target_group("aeldre")]
    )
    mod_client.cookies["django_language"] = "en"
    html = mod_client.get(_url("inspect", item)).content.decode()
    assert "Partnership for frail elderly people" in html
    assert "Loneliness" in html and "Elderly people" in html
    assert "Ensomhed" not in html and "svækkede ældre" not in html
    queue = mod_client.get(reverse("inputs_moderation:index")).content.decode()
    assert ">Loneliness</option>" in queue and ">Ensomhed</option>" not in queue
    export = mod_client.get(reverse("inputs_moderation:index") + "?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert "Loneliness" in body.decode("utf-8-sig")
