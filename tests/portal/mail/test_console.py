"""`make run` prints e-mails as a person reads them: a link whole, on one
line, and Danish letters as they are."""

import io

from django.core.mail import EmailMultiAlternatives

from portal.mail.backends import ReadableConsoleBackend

LINK = "http://127.0.0.1:8000/konto/confirm-email/OA:1vZx9P:" + "x" * 60 + "/"


def test_an_email_is_printed_readably():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "Bekræft din e-mailadresse på Partnerportalen",
        f"Hej Mette,\n\nKlik her for at bekræfte: {LINK}\n",
        "partnerportalen@bl.dk",
        ["mette@aab.dk"],
    )
    message.attach_alternative("<p>Hej Mette</p>", "text/html")
    message.attach("kvittering.pdf", b"%PDF-1.4", "application/pdf")
    ReadableConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "Subject: Bekræft din e-mailadresse på Partnerportalen\n" in printed
    assert "To: mette@aab.dk\n" in printed
    assert f"Klik her for at bekræfte: {LINK}\n" in printed
    assert "Also sent: text/html, kvittering.pdf\n" in printed
    assert "=C3" not in printed
