"""Reads for the moderation views."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail.models import ModelLogEntry

from ..models import Input, InputRevision
from ..selectors import inputs_visible_to

MODERATOR_ACTIONS = ("inputs.request_changes", "inputs.accept", "inputs.reject")


def moderation_queue(*, user):
    """The inputs a moderator may work on, ready for the listing (a fixed
    number of queries however many rows)."""
    return (
        inputs_visible_to(user=user)
        .select_related("organisation", "municipality__region", "assigned_to", "call")
        .prefetch_related("partnerships", "themes", "target_groups")
    )


def input_history(input: Input):
    return ModelLogEntry.objects.for_instance(input).select_related("user")


def latest_feedback(input_ids) -> dict[int, str]:
    """The last note a moderator sent with a status change, per input id."""
    content_type = ContentType.objects.get_for_model(Input)
    entries = ModelLogEntry.objects.filter(
        content_type=content_type,
        object_id__in=[str(pk) for pk in input_ids],
        action__in=MODERATOR_ACTIONS,
    ).order_by("timestamp", "pk")
    feedback = {}
    for entry in entries:
        note = (entry.data or {}).get("note")
        if note:
            feedback[int(entry.object_id)] = note
    return feedback


def input_revisions(input: Input):
    return InputRevision.objects.filter(input=input).select_related("created_by")


def input_for_moderation(*, user, pk: int) -> Input:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        moderation_queue(user=user).prefetch_related(
            Prefetch(
                "revisions", queryset=InputRevision.objects.select_related("created_by")
            )
        ),
        pk=pk,
    )
