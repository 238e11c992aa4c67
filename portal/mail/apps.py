from django.apps import AppConfig


class MailConfig(AppConfig):
    """Outgoing e-mail: every message waits in an outbox table and a task
    delivers it, retrying while the mail server is away."""

    name = "portal.mail"
    label = "mail"
    verbose_name = "Udgående e-mail"
