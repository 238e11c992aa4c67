from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    """The default mailer (MAILERS["default"]): whatever sends e-mail — our
    notifications, allauth, Wagtail, Django itself — only queues it here.
    The "delivery" mailer talks to the mail server, in a task."""

    def send_messages(self, email_messages):
        from .delivery import email_queue

        return email_queue(messages=email_messages)
