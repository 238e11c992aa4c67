"""Files attached to an input. They live in the "private" storage, outside
MEDIA_ROOT, and are served only by inputs.views.attachments after a
permission check."""

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _


class PrivateStorage(LazyObject):
    """settings.STORAGES["private"], looked up when first used (so tests that
    point it at a temporary folder are honoured)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def get_private_storage():
    return private_storage


def attachment_path(instance, filename: str) -> str:
    return f"inputs/{instance.input_id}/{filename}"


class Attachment(models.Model):
    input = models.ForeignKey(
        "inputs.Input", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("fil"), upload_to=attachment_path, storage=get_private_storage
    )
    original_name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(_("filtype"), max_length=100)
    size = models.PositiveIntegerField(_("størrelse i bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self):
        return self.original_name
