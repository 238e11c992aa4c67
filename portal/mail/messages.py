"""An e-mail message as JSON for the outbox, and back. JSON rather than a
pickle: the database never holds code to run. Message-ID and Date are fixed
when the message is queued, so a retry sends the same message and a mail
server that took it twice can tell."""

import base64
from email.utils import formatdate

from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.mail.message import EmailAttachment
from django.core.mail.utils import DNS_NAME


def message_to_json(message) -> dict:
    headers = dict(message.extra_headers)
    names = {name.lower() for name in headers}
    if "message-id" not in names:
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    if "date" not in names:
        headers["Date"] = formatdate(localtime=True)
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, EmailAttachment):
            raise TypeError(
                "The outbox keeps attachments given as (filename, content, "
                "mimetype), not MIME parts: use EmailMessage.attach(filename, ...)."
            )
        content = attachment.content
        attachments.append(
            {
                "filename": attachment.filename,
                "mimetype": attachment.mimetype,
                **(
                    {"text": content}
                    if isinstance(content, str)
                    else {"base64": base64.b64encode(content).decode("ascii")}
                ),
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {name: str(value) for name, value in headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            {"content": str(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for alternative in data["alternatives"]:
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in data["attachments"]:
        content = (
            attachment["text"]
            if "text" in attachment
            else base64.b64decode(attachment["base64"])
        )
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message
