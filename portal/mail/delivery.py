"""Every e-mail leaves the request: the outbox backend queues it here, a
task delivers it, and a failing mail server only delays it.

- email_queue() stores the message and enqueues its delivery in the
  caller's transaction. It never talks to the mail server.
- email_deliver() takes the e-mail with a lease (one worker at a time),
  hands it to the "delivery" mailer and deletes it. When the server is away
  it sets the next attempt after a growing delay (MAIL_RETRY_FIRST_DELAY,
  doubling up to MAIL_RETRY_MAX_DELAY) and enqueues itself for then.
- email_outbox_flush() (scheduled every minute) delivers whatever is due
  and nobody took: a worker killed mid-send, a task backend that cannot
  defer (the immediate one), a lost task.

Delivery is at least once: a worker killed after the server accepted the
message but before the row was deleted sends it again when its lease runs
out, with the same Message-ID. Logs name the e-mail by its id, the error
by its kind and SMTP code: never an address or the server's text."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db.models import F
from django.utils import timezone

from .messages import message_from_json, message_to_json
from .models import OutgoingEmail
from .tasks import deliver_email_task

logger = logging.getLogger(__name__)

DELIVERY_MAILER = "delivery"
# Longer than one delivery can take (the SMTP timeout, a few times over).
LEASE = timedelta(minutes=10)

SENT, RETRY, FAILED, NOT_DUE = "sent", "retry", "failed", "not-due"


def email_queue(*, messages) -> int:
    """Store each message with recipients in the outbox and enqueue its
    delivery; returns how many were queued. With the database task backend
    the e-mail and its task are written in the caller's transaction, so a
    rolled-back request sends nothing and a committed one loses nothing."""
    queued = 0
    for message in messages:
        if not message.recipients():
            continue
        email = OutgoingEmail.objects.create(message=message_to_json(message))
        deliver_email_task.enqueue(email.pk)
        queued += 1
    return queued


def _describe(error: BaseException) -> str:
    """The error's kind and SMTP code: the server's text may quote the
    recipients, so it stays out."""
    kind = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in error.recipients.values()})
        return f"{kind} {','.join(map(str, codes))}"
    code = getattr(error, "smtp_code", None)
    return f"{kind} {code}" if code else kind


def _permanent(error: BaseException) -> bool:
    """The server refused this message for good (5xx for its recipients or
    content). A refused login or sender is the configuration's fault and
    mended by the operator, so it is retried like an outage."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def email_deliver(*, email_id: int, now=None) -> str:
    """Try to deliver one queued e-mail if its attempt is due and no other
    worker holds it. Returns SENT (and the row is gone), RETRY (the next
    attempt is set and, where the task backend can defer, enqueued), FAILED
    (refused for good, or older than MAIL_GIVE_UP_AFTER) or NOT_DUE (sent
    already, held by another worker, or waiting for its next attempt).
    Never raises for the mail server's errors."""
    now = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, failed_at=None, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return NOT_DUE
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        mailers[DELIVERY_MAILER].send_messages([message_from_json(email.message)])
    except Exception as error:  # any failure keeps the e-mail for later
        return _not_delivered(email, error, now=now)
    email.delete()
    return SENT


def _not_delivered(email: OutgoingEmail, error: BaseException, *, now) -> str:
    kind = _describe(error)
    if _permanent(error) or now - email.created_at >= settings.MAIL_GIVE_UP_AFTER:
        OutgoingEmail.objects.filter(pk=email.pk).update(failed_at=now, last_error=kind)
        logger.error(
            "E-mail %s not delivered after %d attempts (%s); given up",
            email.pk,
            email.attempts,
            kind,
        )
        return FAILED
    delay = min(
        settings.MAIL_RETRY_FIRST_DELAY * 2 ** (email.attempts - 1),
        settings.MAIL_RETRY_MAX_DELAY,
    )
    when = now + delay
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=when, last_error=kind
    )
    if deliver_email_task.get_backend().supports_defer:
        deliver_email_task.using(run_after=when).enqueue(email.pk)
    logger.warning(
        "E-mail %s not delivered (%s), attempt %d; next attempt in %d s",
        email.pk,
        kind,
        email.attempts,
        delay.total_seconds(),
    )
    return RETRY


@dataclass(frozen=True)
class FlushResult:
    sent: int
    waiting: int
    failed: int


def email_outbox_flush(*, now=None) -> FlushResult:
    """Deliver every queued e-mail whose attempt is due, oldest first,
    stopping at the first that the server does not take (it is away; the
    rest wait for the next run). Deletes e-mails given up longer than
    MAIL_KEEP_FAILED ago. Safe to run twice or beside the worker: each
    e-mail is taken by one of them."""
    now = now or timezone.now()
    OutgoingEmail.objects.filter(failed_at__lt=now - settings.MAIL_KEEP_FAILED).delete()
    due = OutgoingEmail.objects.filter(
        failed_at=None, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    sent = 0
    for email_id in due.values_list("pk", flat=True):
        outcome = email_deliver(email_id=email_id, now=now)
        if outcome == SENT:
            sent += 1
        elif outcome == RETRY:
            break
    return FlushResult(
        sent=sent,
        waiting=OutgoingEmail.objects.filter(failed_at=None).count(),
        failed=OutgoingEmail.objects.exclude(failed_at=None).count(),
    )


def email_outbox_retry_failed() -> int:
    """Queue the e-mails given up on anew, as if just sent (the operator
    mended the cause). Returns how many."""
    now = timezone.now()
    return OutgoingEmail.objects.exclude(failed_at=None).update(
        failed_at=None, attempts=0, next_attempt_at=now, created_at=now
    )
