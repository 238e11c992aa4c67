"""Withdrawing an input: a press sent twice (a retry, a second tab) or after
the input moved on (a colleague withdrew it, BL started the review) says
what happened and where the input is now, never 500 or a bare 404. The
state machine's refusal (IllegalTransition) is answered in one place for
every view (inputs.middleware)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.services import input_transition
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    log_in,
    member_of,
    moderator,
)
from tests.inputs.test_concurrent_submit import (
    SENDS,
    _send_at_once,
    clients_of_one_session,
)

pytestmark = pytest.mark.django_db


def _withdraw(item):
    return reverse("inputs:withdraw", args=[item.pk])


def _withdrawals(item) -> int:
    return (
        ModelLogEntry.objects.for_instance(item)
        .filter(action="inputs.withdraw")
        .count()
    )


def test_a_withdrawal_sent_again_says_it_is_already_withdrawn(
    client, organisation, member
):
    item = InputFactory(organisation=organisation, status="submitted")
    log_in(client, member)
    assert client.post(_withdraw(item)).status_code == 302

    response = client.post(_withdraw(item))

    assert response.status_code == 409
    html = response.text
    assert "Inputtet har allerede status »Trukket tilbage«" in html
    assert f'href="{reverse("inputs:detail", args=[item.pk])}"' in html
    assert "Ja, træk inputtet tilbage" not in html
    assert _withdrawals(item) == 1


def test_a_withdrawal_after_bl_started_the_review_says_so(client, organisation, member):
    item = InputFactory(organisation=organisation, status="submitted")
    log_in(client, member)
    assert client.get(_withdraw(item)).status_code == 200  # the page is open
    input_transition(input=item, action="start_review", user=moderator())

    response = client.post(_withdraw(item))

    assert response.status_code == 409
    html = response.text
    assert "Inputtet har nu status »Under behandling«" in html
    assert "»Træk tilbage« er kun muligt for input med en af statusserne" in html
    assert f'href="{reverse("inputs:detail", args=[item.pk])}"' in html
    assert _withdrawals(item) == 0


def test_in_english(client, organisation, member):
    item = InputFactory(organisation=organisation, status="withdrawn")
    log_in(client, member)
    client.cookies["django_language"] = "en"
    html = client.post(_withdraw(item)).text
    assert "The input already has the status “Withdrawn”" in html


def test_those_who_may_not_see_it_still_get_404(client, organisation):
    item = InputFactory(organisation=organisation, status="withdrawn")
    log_in(client, member_of(OrganisationFactory()))
    assert client.post(_withdraw(item)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_simultaneous_withdrawals_withdraw_once_and_never_fail(reference_data):
    organisation = OrganisationFactory()
    member = member_of(organisation)
    item = InputFactory(organisation=organisation, status="submitted")
    clients = clients_of_one_session(member)

    results = _send_at_once(lambda n: clients[n].post(_withdraw(item)))

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    assert sorted(r.status_code for r in results) == [302] + [409] * (SENDS - 1)
    assert _withdrawals(item) == 1
