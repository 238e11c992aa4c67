"""The moderators' daily digest of new submissions."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from portal.accounts.roles import moderators

from ..models import Input, ModeratorDigest
from ..permissions import inputs_viewable_by
from ..states import Status


def moderator_digest_send(*, day=None) -> int | None:
    """Sends each moderator one e-mail listing the inputs submitted the day
    before `day` (default today) that still await a moderator. At most once
    per day: a second call for the same day sends nothing and returns None;
    otherwise returns the number of inputs listed. A day with no new inputs
    is recorded but sends no e-mail. Each moderator's list holds only the
    inputs they may see (inputs_viewable_by, as every e-mail about inputs)."""
    day = day or timezone.localdate()
    since = timezone.make_aware(datetime.combine(day - timedelta(days=1), time.min))
    until = since + timedelta(days=1)
    inputs = list(
        Input.objects.filter(
            status=Status.SUBMITTED, submitted_at__gte=since, submitted_at__lt=until
        )
        .select_related("organisation")
        .order_by("submitted_at")
    )
    try:
        with transaction.atomic():
            ModeratorDigest.objects.create(day=day, input_count=len(inputs))
    except IntegrityError:
        return None
    messages = []
    for recipient in moderators().exclude(email=""):
        seen = set(
            inputs_viewable_by(recipient)
            .filter(pk__in=[i.pk for i in inputs])
            .values_list("pk", flat=True)
        )
        visible = [i for i in inputs if i.pk in seen]
        if visible:
            messages.append(_digest_message(recipient.email, visible, since.date()))
    send_mass_mail(messages)
    return len(inputs)


def _digest_message(email: str, inputs: list, day) -> tuple:
    with translation.override("da"):
        context = {
            "inputs": inputs,
            "day": day,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        }
        subject = render_to_string(
            "inputs/emails/moderator_digest_subject.txt", context
        ).strip()
        body = render_to_string("inputs/emails/moderator_digest.txt", context)
    return (subject, body, None, [email])


@task()
def moderator_digest_task() -> int | None:
    return moderator_digest_send()
