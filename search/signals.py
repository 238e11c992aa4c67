"""The few index updates that have no service of ours to call them.

Deleting an input can happen from the Wagtail admin or a cascade, where no
service runs, so a post_delete hook enqueues the removal. Summary pages are
Wagtail pages: page_published/page_unpublished are Wagtail's own extension
points. Every other change goes through inputs.services.input_changed()."""

from django.db import transaction
from django.db.models.signals import post_delete

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


def connect():
    from wagtail.signals import page_published, page_unpublished

    from cms.models import SummaryPage
    from inputs.models import Input

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
