"""Every e-mail waits in the outbox and a task delivers it, against a real
SMTP server (aiosmtpd) that the tests stop and start. A server that is down
never costs a submission or shows an error; the e-mail goes out, once, when
it is back."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from inputs.models import Input
from portal.mail.delivery import (
    FAILED,
    RETRY,
    SENT,
    email_deliver,
    email_outbox_flush,
)
from portal.mail.models import OutgoingEmail
from tests.factories import log_in
from tests.inputs.conftest import form_data
from tests.processes import task_worker, wait_until

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


def test_a_submission_while_the_mail_server_is_down_is_saved_and_mailed_later(
    client, call, organisation, member, smtp_server, django_capture_on_commit_callbacks
):
    log_in(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("inputs:create", args=[call.pk]), form_data(call, organisation)
        )
    input = Input.objects.get()
    assert input.status == "submitted"
    assert response.status_code == 302
    assert response.url == reverse("inputs:receipt", args=[input.pk])
    assert input.reference in client.get(response.url).content.decode()
    waiting = OutgoingEmail.objects.get()
    assert (waiting.attempts, waiting.last_error) == (1, "ConnectionRefusedError")
    assert smtp_server.received == []

    smtp_server.start()
    # Its next attempt is a minute after the first.
    assert email_outbox_flush().sent == 0
    assert email_outbox_flush(now=timezone.now() + MINUTE).sent == 1
    assert email_outbox_flush(now=timezone.now() + 60 * MINUTE).sent == 0
    [(recipients, message)] = smtp_server.received
    assert recipients == [member.email]
    assert input.reference in message["Subject"]
    assert input.reference in message.get_content()
    assert not OutgoingEmail.objects.exists()


def test_a_password_reset_while_the_mail_server_is_down_sends_the_link_later(
    client, member, smtp_server
):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert OutgoingEmail.objects.count() == 1

    smtp_server.start()
    call_command("send_queued_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert email_outbox_flush(now=timezone.now() + MINUTE).sent == 1
    [(recipients, message)] = smtp_server.received
    assert recipients == [member.email]
    assert "/konto/password/reset/key/" in message.get_body(("plain",)).get_content()


def _queue(to="modtager@example.dk", **kwargs):
    message = mail.EmailMultiAlternatives(
        "Emne", "Tekst", "Partnerportalen <noreply@bl.dk>", [to], **kwargs
    )
    message.attach_alternative("<p>Tekst</p>", "text/html")
    message.attach("bilag.bin", b"\x00\x01\xff", "application/octet-stream")
    message.send()
    return OutgoingEmail.objects.get()


def test_every_attempt_sends_the_same_message(smtp_server):
    email = _queue()  # the server is down: the first attempt fails
    message_id = email.message["headers"]["Message-ID"]
    smtp_server.start()
    assert email_deliver(email_id=email.pk, now=timezone.now() + MINUTE) == SENT
    [(_, message)] = smtp_server.received
    assert message["Message-ID"] == message_id
    assert message["Subject"] == "Emne"
    assert message.get_body(("html",)).get_content().strip() == "<p>Tekst</p>"
    [attachment] = message.iter_attachments()
    assert attachment.get_filename() == "bilag.bin"
    assert attachment.get_content() == b"\x00\x01\xff"


def test_the_delay_doubles_up_to_half_an_hour_and_ends_after_three_days(
    smtp_server, caplog
):
    email = _queue()
    queued = email.created_at
    now = timezone.now()
    delays = []
    for _ in range(8):
        now = OutgoingEmail.objects.get().next_attempt_at
        assert email_deliver(email_id=email.pk, now=now) == RETRY
        delays.append(OutgoingEmail.objects.get().next_attempt_at - now)
    assert [d / MINUTE for d in delays] == [2, 4, 8, 16, 30, 30, 30, 30]

    assert email_deliver(email_id=email.pk, now=queued + timedelta(days=3)) == FAILED
    email.refresh_from_db()
    assert email.failed_at and email.attempts == 10
    # Given up: the flush leaves it, until the operator queues it again.
    smtp_server.start()
    assert email_outbox_flush(now=queued + timedelta(days=4)).sent == 0
    call_command("send_queued_mail", "--retry-failed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp_server.received) == 1
    assert "modtager@example.dk" not in caplog.text


def test_a_recipient_refused_for_good_is_not_retried_and_not_logged(
    smtp_server, caplog
):
    smtp_server.refuse["ukendt@example.dk"] = "550 5.1.1 <ukendt@example.dk> unknown"
    smtp_server.refuse["fuld@example.dk"] = "452 4.2.2 <fuld@example.dk> mailbox full"
    smtp_server.start()
    caplog.set_level(logging.WARNING)
    gone = _queue(to="ukendt@example.dk")
    gone.refresh_from_db()
    assert gone.failed_at is not None
    assert gone.last_error == "SMTPRecipientsRefused 550"
    gone.delete()
    full = _queue(to="fuld@example.dk")
    assert full.failed_at is None
    assert full.last_error == "SMTPRecipientsRefused 452"
    assert full.next_attempt_at > timezone.now()
    assert smtp_server.received == []
    assert caplog.records
    assert "ukendt" not in caplog.text and "fuld" not in caplog.text
    assert f"E-mail {full.pk} not delivered" in caplog.text


def test_a_message_without_recipients_is_not_queued():
    mail.EmailMessage("Emne", "Tekst", None, []).send()
    assert not OutgoingEmail.objects.exists()


DB_TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_with_the_database_worker_the_mail_goes_out_once_the_server_is_back(
    reference_data, client, call, organisation, member, settings, smtp_server
):
    settings.TASKS = DB_TASKS
    log_in(client, member)
    response = client.post(
        reverse("inputs:create", args=[call.pk]), form_data(call, organisation)
    )
    input = Input.objects.get()
    assert response.url == reverse("inputs:receipt", args=[input.pk])
    # The request only queued it: the mail server is not asked yet.
    assert OutgoingEmail.objects.get().attempts == 0
    assert DBTaskResult.objects.filter(
        task_path="portal.mail.tasks.deliver_email_task", status="READY"
    ).exists()

    with task_worker(
        MAIL_RETRY_FIRST_DELAY="0.2", MAIL_RETRY_MAX_DELAY="0.5", **smtp_server.env()
    ):
        wait_until(
            lambda: OutgoingEmail.objects.filter(attempts__gte=2).exists(),
            what="the worker to try twice",
        )
        assert smtp_server.received == []
        smtp_server.start()
        wait_until(lambda: not OutgoingEmail.objects.exists(), what="the e-mail to go")
    [(recipients, message)] = smtp_server.received
    assert recipients == [member.email]
    assert input.reference in message["Subject"]
