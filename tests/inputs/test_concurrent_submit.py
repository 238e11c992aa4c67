"""The same form sent several times at once (a double or triple click, a
retrying proxy) makes exactly one input and answers every request normally.

Real threads with their own database connections, so the database's own
locking is what is tested (on SQLite a file, on PostgreSQL the server)."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from inputs.models import Input
from tests.factories import log_in
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db(transaction=True)

SENDS = 3


def _send_at_once(post) -> list:
    """Run `post` in SENDS threads released together; each thread's result,
    or the exception it raised."""
    start = threading.Barrier(SENDS)
    results = [None] * SENDS

    def run(n):
        try:
            start.wait()
            results[n] = post(n)
        except Exception as error:  # reported by the test
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(SENDS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def clients_of_one_session(user) -> list[Client]:
    """One browser session of `user`, one client per thread (a client is not
    thread-safe)."""
    first = Client()
    log_in(first, user)
    session = first.cookies[settings.SESSION_COOKIE_NAME].value
    clients = [Client() for _ in range(SENDS)]
    for client in clients:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return clients


@pytest.mark.parametrize("intent", ["submit", "draft"])
def test_identical_concurrent_submits_make_one_input(
    reference_data, call, organisation, member, intent
):
    clients = clients_of_one_session(member)
    data = form_data(call, organisation, intent=intent)
    url = reverse("inputs:create", args=[call.pk])

    results = _send_at_once(lambda n: clients[n].post(url, data))

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    assert [r.status_code for r in results] == [302] * SENDS
    assert Input.objects.count() == 1
    input = Input.objects.get()
    assert input.status == ("submitted" if intent == "submit" else "draft")
    assert {r.url for r in results} <= {
        reverse("inputs:receipt", args=[input.pk]),
        reverse("inputs:edit", args=[input.pk]),
    }
