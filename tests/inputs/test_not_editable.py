"""The edit address of an input its organisation can no longer edit: a page
that says why and what to do, for those who may see the input; 404 for
everyone else."""

import pytest
from django.urls import reverse

from tests.factories import InputFactory, OrganisationFactory, log_in, member_of

pytestmark = pytest.mark.django_db


def _edit(item):
    return reverse("inputs:edit", args=[item.pk])


@pytest.mark.parametrize(
    ("status", "why"),
    [
        ("withdrawn", "I har trukket inputtet tilbage"),
        ("in_review", "BL er ved at behandle inputtet"),
        ("accepted", "BL har behandlet inputtet"),
        ("rejected", "BL har behandlet inputtet"),
        ("archived", "Inputtet er arkiveret"),
    ],
)
def test_a_member_is_told_why_and_what_to_do(client, organisation, member, status, why):
    item = InputFactory(organisation=organisation, status=status)
    log_in(client, member)
    response = client.get(_edit(item))
    assert response.status_code == 409
    html = response.text
    assert f"{why}, så det kan ikke længere redigeres." in html
    assert f'href="{reverse("inputs:detail", args=[item.pk])}"' in html
    assert 'name="title"' not in html  # no form to fill in


def test_a_withdrawn_input_says_a_new_one_can_be_written(client, organisation, member):
    item = InputFactory(organisation=organisation, status="withdrawn")
    log_in(client, member)
    html = client.get(_edit(item)).text
    assert "skriv et nyt input" in html
    assert f'href="{reverse("inputs:list")}"' in html


def test_in_english(client, organisation, member):
    item = InputFactory(organisation=organisation, status="withdrawn")
    log_in(client, member)
    client.cookies["django_language"] = "en"
    html = client.get(_edit(item)).text
    assert "You withdrew the input, so it can no longer be edited." in html


@pytest.mark.parametrize("status", ["withdrawn", "accepted"])
def test_those_who_may_not_see_it_still_get_404(client, organisation, status):
    item = InputFactory(organisation=organisation, status=status)
    log_in(client, member_of(OrganisationFactory()))
    assert client.get(_edit(item)).status_code == 404


def test_an_edit_sent_after_a_colleague_withdrew_keeps_the_text(
    client, organisation, member
):
    # It said "BL er begyndt at behandle inputtet", which BL had not.
    item = InputFactory(organisation=organisation, status="withdrawn")
    log_in(client, member)
    response = client.post(
        _edit(item), {"title": "Min tilføjelse", "version": item.version}
    )
    assert response.status_code == 409
    html = response.text
    assert "I har trukket inputtet tilbage, så det kan ikke længere redigeres." in html
    assert "Dine ændringer er ikke gemt" in html
    assert "BL er begyndt" not in html
    assert "Min tilføjelse" in html
