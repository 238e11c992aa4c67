"""E-mail to the organisation's author on every status change, in Danish.

Each action may have its own template, templates/inputs/emails/<action>.txt;
otherwise the generic transition.txt is used."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string, select_template
from django.utils import translation

from .states import Transition


def send_transition_email(*, input, transition: Transition, note: str) -> None:
    if input.author is None or not input.author.email:
        return
    with translation.override("da"):
        context = {
            "input": input,
            "transition": transition,
            "note": note,
            "status": input.get_status_display(),
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        }
        template = select_template(
            [f"inputs/emails/{transition.action}.txt", "inputs/emails/transition.txt"]
        )
        body = template.render(context)
        subject = render_to_string(
            "inputs/emails/transition_subject.txt", context
        ).strip()
    send_mail(subject, body, None, [input.author.email])
