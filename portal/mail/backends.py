from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class OutboxBackend(BaseEmailBackend):
    """The default mailer (MAILERS["default"]): whatever sends e-mail — our
    notifications, allauth, Wagtail, Django itself — only queues it here.
    The "delivery" mailer talks to the mail server, in a task."""

    def send_messages(self, email_messages):
        from .delivery import email_queue

        return email_queue(messages=email_messages)


class ReadableConsoleBackend(ConsoleBackend):
    """Development (`make run`): each e-mail printed as a person reads it,
    its headers and its plain text. Django's console backend prints the
    MIME source, where quoted-printable broke a confirmation link over two
    lines with "=" and wrote "får" as "f=C3=A5r"."""

    def write_message(self, message):
        headers = {
            "From": message.from_email,
            "To": ", ".join(message.to),
            "Cc": ", ".join(message.cc),
            "Reply-To": ", ".join(message.reply_to),
            "Subject": message.subject,
        }
        also = [mimetype for _content, mimetype in getattr(message, "alternatives", [])]
        also += [attachment.filename for attachment in message.attachments]
        if also:
            headers["Also sent"] = ", ".join(also)
        head = "".join(f"{name}: {value}\n" for name, value in headers.items() if value)
        self.stream.write(f"{head}\n{message.body}\n{'-' * 79}\n")
