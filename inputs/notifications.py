"""E-mail to the organisation's people on every status change, in Danish.

An e-mail about an input goes only to someone who may see the input now
(can_view_input, the rule the input's page uses): a member removed from the
organisation gets no more news of it, nor BL's notes.

Each action may have its own template, templates/inputs/emails/<action>.txt;
otherwise the generic transition.txt is used."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string, select_template
from django.utils import translation

from .models import InputRevision
from .permissions import can_view_input
from .states import Transition


def transition_recipients(input) -> list:
    """Who follows an input by e-mail: its author and whoever last sent it
    in (a colleague may have finished the draft, or the author left), as
    far as they may still see it."""
    people = [input.author]
    sent = (
        input.revisions.filter(reason=InputRevision.Reason.SUBMISSION)
        .select_related("created_by")
        .last()
    )
    if sent is not None:
        people.append(sent.created_by)
    found = {
        p.pk: p
        for p in people
        if p is not None and p.is_active and p.email and can_view_input(p, input)
    }
    return sorted(found.values(), key=lambda p: p.email)


def send_transition_email(*, input, transition: Transition, note: str) -> None:
    for recipient in transition_recipients(input):
        with translation.override("da"):
            context = {
                "input": input,
                "recipient": recipient,
                "transition": transition,
                "note": note,
                "status": input.get_status_display(),
                "site_url": settings.WAGTAILADMIN_BASE_URL,
            }
            template = select_template(
                [
                    f"inputs/emails/{transition.action}.txt",
                    "inputs/emails/transition.txt",
                ]
            )
            body = template.render(context)
            subject = render_to_string(
                "inputs/emails/transition_subject.txt", context
            ).strip()
        send_mail(subject, body, None, [recipient.email])
