"""The few index updates that have no service of ours to call them.

Deleting an input can happen from the Wagtail admin or a cascade, where no
service runs, so a post_delete hook enqueues the removal. Summary pages are
Wagtail pages: page_published/page_unpublished are Wagtail's own extension
points. A theme or target group renamed in the admin (a snippet, no
service) re-indexes the inputs filed under it. Every other change goes
through inputs.services.input_changed()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from .documents import input_key, summary_key


def _input_deleted(sender, instance, **kwargs):
    from .tasks import remove_document_task

    key = input_key(instance.pk)
    transaction.on_commit(lambda: remove_document_task.enqueue(key))


def _summary_published(sender, instance, **kwargs):
    from .tasks import index_summary_task

    page_id = instance.pk
    transaction.on_commit(lambda: index_summary_task.enqueue(page_id))


def _summary_gone(sender, instance, **kwargs):
    from .tasks import remove_document_task

    key = summary_key(instance.pk)
    transaction.on_commit(lambda: remove_document_task.enqueue(key))


def _vocabulary_saving(sender, instance, **kwargs):
    old = (
        sender.objects.filter(pk=instance.pk) if instance.pk else sender.objects.none()
    )
    instance._indexed_name = old.values_list("name", flat=True).first()


def _vocabulary_saved(sender, instance, created, **kwargs):
    """Its name is in its inputs' index documents: their facet label, their
    searchable text and the themes' group (search/themes.py) match it."""
    if created or instance._indexed_name in (None, instance.name):
        return
    from .tasks import index_inputs_task

    ids = list(instance.inputs.values_list("pk", flat=True))
    if ids:
        # One task and one write for all of them, as an import's batch.
        transaction.on_commit(lambda: index_inputs_task.enqueue(ids))


def connect():
    from wagtail.signals import page_published, page_unpublished

    from cms.models import SummaryPage
    from inputs.models import Input, TargetGroup, Theme

    post_delete.connect(_input_deleted, sender=Input, dispatch_uid="archive_input")
    page_published.connect(
        _summary_published, sender=SummaryPage, dispatch_uid="archive_summary_pub"
    )
    page_unpublished.connect(
        _summary_gone, sender=SummaryPage, dispatch_uid="archive_summary_unpub"
    )
    post_delete.connect(
        _summary_gone, sender=SummaryPage, dispatch_uid="archive_summary_del"
    )
    for vocabulary in (Theme, TargetGroup):
        uid = f"archive_{vocabulary.__name__}"
        pre_save.connect(_vocabulary_saving, sender=vocabulary, dispatch_uid=uid)
        post_save.connect(_vocabulary_saved, sender=vocabulary, dispatch_uid=uid)
