"""Reads for the moderation views."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from ..models import Input
from ..selectors import FEEDBACK_ACTIONS, inputs_visible_to


def moderation_queue(*, user):
    """The inputs a moderator may work on, ready for the listing (a fixed
    number of queries however many rows)."""
    return (
        inputs_visible_to(user=user)
        .select_related("organisation", "municipality__region", "assigned_to", "call")
        .prefetch_related("partnerships", "themes", "target_groups")
    )


def latest_feedback(input_ids) -> dict[int, str]:
    """The last note a moderator sent with a status change, per input id."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Input),
        object_id__in=[str(pk) for pk in input_ids],
        action__in=[f"inputs.{action}" for action in FEEDBACK_ACTIONS],
    ).order_by("timestamp", "pk")
    return {int(e.object_id): e.data["note"] for e in entries if e.data.get("note")}
