from django.db import models
from django.utils import timezone


class OutgoingEmail(models.Model):
    """One e-mail waiting for the mail server. Deleted once the server took
    it; kept with failed_at when the server refused it for good or it could
    not be delivered within MAIL_GIVE_UP_AFTER."""

    created_at = models.DateTimeField(default=timezone.now)
    # The message's fields (portal.mail.messages), Message-ID and Date fixed
    # when it was queued, so every attempt sends the same message.
    message = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)
    # When the next attempt is due. A worker that takes the e-mail moves it
    # ahead by a lease (portal.mail.delivery.LEASE): a worker killed in the
    # middle leaves it to be taken again when the lease has run out.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # The last error's kind and SMTP code, never the server's text (it may
    # name the recipients).
    last_error = models.CharField(max_length=200, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["failed_at", "next_attempt_at"])]
        verbose_name = "udgående e-mail"
        verbose_name_plural = "udgående e-mails"

    def __str__(self):
        return f"e-mail {self.pk}"
