"""What moderators keep beside an input: notes, links between inputs, and
the record of which daily digests went out."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class InternalNote(models.Model):
    """A note between moderators. Never shown to the organisation."""

    input = models.ForeignKey(
        "inputs.Input", on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("intern note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("intern note")
        verbose_name_plural = _("interne noter")

    def __str__(self):
        return f"{self.input_id}: {self.text[:40]}"


class InputLink(models.Model):
    """A moderator's link between two inputs, across organisations too.

    DUPLICATE_OF: source repeats target. ANSWERS: source (a solution) answers
    the challenge in target."""

    class Kind(models.TextChoices):
        DUPLICATE_OF = "duplicate_of", _("er en dublet af")
        ANSWERS = "answers", _("er en løsning på")

    source = models.ForeignKey(
        "inputs.Input", on_delete=models.CASCADE, related_name="links_from"
    )
    target = models.ForeignKey(
        "inputs.Input", on_delete=models.CASCADE, related_name="links_to"
    )
    kind = models.CharField(_("forbindelse"), max_length=16, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("forbindelse mellem input")
        verbose_name_plural = _("forbindelser mellem input")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="inputlink_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="inputlink_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source_id} {self.kind} {self.target_id}"


class ModeratorDigest(models.Model):
    """One row per day a digest went out, so a second run that day sends
    nothing (cron retries, manual runs)."""

    day = models.DateField(unique=True)
    input_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dagligt overblik")
        verbose_name_plural = _("daglige overblik")

    def __str__(self):
        return str(self.day)
