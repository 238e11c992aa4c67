from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BaseStreamBlock


class SummaryPage(Page):
    """A curated summary of inputs that BL publishes for a partnership."""

    introduction = models.TextField(_("introduktion"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("indhold"))
    inputs = ParentalManyToManyField(
        "inputs.Input",
        blank=True,
        related_name="summaries",
        verbose_name=_("input, opsamlingen bygger på"),
    )

    parent_page_types = ["cms.PartnershipPage"]
    subpage_types: list[str] = []
    template = "cms/summary_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("inputs"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("opsamling")
        verbose_name_plural = _("opsamlinger")

    @property
    def partnership(self):
        return self.get_parent().specific.partnership

    def archive_text(self) -> str:
        """Plain text of the summary, for the archive search."""
        parts = [self.introduction]
        for block in self.body:
            parts.append(strip_tags(str(block.render())))
        return "\n".join(p for p in parts if p)
