"""A real SMTP server for tests (aiosmtpd), on a free localhost port that
stays the same when a test stops and starts it again."""

import email
import email.policy
import logging
import threading

from aiosmtpd.controller import Controller

from tests.processes import free_port


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.server.refuse:
            return self.server.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self.server.lock:
            self.server.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    """received: (envelope recipients, parsed message) per message taken.
    refuse: recipient address → the reply to RCPT TO (e.g. a 550)."""

    def __init__(self):
        self.host = "127.0.0.1"
        self.port = free_port()
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse: dict[str, str] = {}
        self.lock = threading.Lock()
        self._controller = None

    def start(self):
        # aiosmtpd logs each command with its addresses; tests check that
        # our own log has none.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self._controller = Controller(
            _Handler(self), hostname=self.host, port=self.port
        )
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def mailer(self) -> dict:
        """A MAILERS entry that delivers here."""
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": self.host, "port": self.port, "timeout": 5},
        }

    def env(self) -> dict[str, str]:
        """The environment that makes another process deliver here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": str(self.port),
        }
