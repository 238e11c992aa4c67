import pytest

from tests.smtp import SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server, not yet started; the delivery mailer points at it."""
    server = SmtpServer()
    settings.MAILERS = {**settings.MAILERS, "delivery": server.mailer()}
    yield server
    server.stop()


from tests.inputs.conftest import call, member, organisation  # noqa: E402,F401
