from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from inputs.personal_data import PageWithoutCprNumbers, no_cpr_number
from portal.language import in_active_language

from ..blocks import BaseStreamBlock


class HomePage(PageWithoutCprNumbers, Page):
    introduction = models.TextField(
        _("introduktion"), blank=True, validators=[no_cpr_number]
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.PartnershipPage", "cms.StandardPage", "inputs.CallPage"]
    max_count = 1
    template = "cms/home_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("forside")

    # How many of the latest published summaries the home page shows.
    LATEST_SUMMARIES = 3

    def get_context(self, request, *args, **kwargs):
        from inputs.selectors import open_calls

        from .summaries import SummaryPage

        context = super().get_context(request, *args, **kwargs)
        context["partnership_pages"] = (
            PartnershipPage.objects.child_of(self)
            .live()
            .public()
            .select_related("partnership")
        )
        context["open_calls"] = open_calls().public()
        context["latest_summaries"] = (
            SummaryPage.objects.live()
            .public()
            # PostgreSQL puts NULLs first in descending order, SQLite last.
            .order_by(F("first_published_at").desc(nulls_last=True))[
                : self.LATEST_SUMMARIES
            ]
        )
        return context


class PartnershipPage(PageWithoutCprNumbers, Page):
    partnership = models.OneToOneField(
        "organisations.Partnership",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("partnerskab"),
    )
    introduction = models.TextField(_("introduktion"), validators=[no_cpr_number])
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "cms.SummaryPage", "inputs.CallPage"]
    template = "cms/partnership_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("partnership"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("partnerskabsside")
        verbose_name_plural = _("partnerskabssider")

    @property
    def display_title(self) -> str:
        """The partnership's name is data with an English form; the page's
        text is content, written in Danish. In English the page is named by
        the partnership's English name, in the menu (cms.context_processors)
        and on the home page's card alike."""
        return in_active_language(self.title, self.partnership.name_en)

    def get_context(self, request, *args, **kwargs):
        from inputs.models import CallPage

        from .summaries import SummaryPage

        context = super().get_context(request, *args, **kwargs)
        context["calls"] = (
            CallPage.objects.live()
            .public()
            .filter(partnerships=self.partnership)
            .order_by("-opens_at")
        )
        context["summaries"] = (
            SummaryPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at")
        )
        return context


class StandardPage(PageWithoutCprNumbers, Page):
    introduction = models.TextField(
        _("introduktion"), blank=True, validators=[no_cpr_number]
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["cms.HomePage", "cms.PartnershipPage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standardside")
        verbose_name_plural = _("standardsider")
