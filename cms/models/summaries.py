import re

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from inputs.personal_data import PageWithoutCprNumbers, no_cpr_number

from ..blocks import SummaryStreamBlock
from ..citations import citable_inputs, quoted_input_ids
from ..forms import SummaryPageForm
from ..panels import EmptyStatisticsPanel, WithheldQuotesPanel

# Where a block of text ends: stripping the tags must leave a line break
# there, or "frivillige</p><p>Beboerne" reads as one word to the search.
_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|td|th|tr|div|blockquote|figcaption|caption)>|<br\s*/?>", re.I
)


def _sentence(line: str) -> str:
    """A heading or a list item ends with a full stop, so that an excerpt,
    which joins the lines, does not run it into the next."""
    return line if not line or line[-1] in ".!?:;…" else f"{line}."


class SummaryPage(PageWithoutCprNumbers, RoutablePageMixin, Page):
    """A curated summary of inputs that BL publishes for a partnership."""

    introduction = models.TextField(_("introduktion"), validators=[no_cpr_number])
    body = StreamField(SummaryStreamBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["cms.PartnershipPage"]
    subpage_types: list[str] = []
    template = "cms/summary_page.html"
    base_form_class = SummaryPageForm

    content_panels = [
        WithheldQuotesPanel(),
        EmptyStatisticsPanel(),
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        # One row per input: choosing or removing one leaves the others be.
        MultipleChooserPanel(
            "sources",
            chooser_field_name="input",
            heading=_("Input, opsamlingen bygger på"),
            label=_("Input"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("opsamling")
        verbose_name_plural = _("opsamlinger")

    def permissions_for_user(self, user):
        from ..permissions import SummaryPermissionTester

        return SummaryPermissionTester(user, self)

    @property
    def partnership(self):
        return self.get_parent().specific.partnership

    def citable_inputs(self) -> dict:
        """The quoted inputs the page may show now (cms.citations), by pk."""
        return citable_inputs(ids=quoted_input_ids(self.body))

    def built_on_ids(self) -> set[int]:
        """What the summary builds on, by pk: the inputs chosen for it and
        every input it quotes. The page's own, not the stored links: a
        preview shows the revision's. Its source list and its statistics
        both count these."""
        chosen = {source.input_id for source in self.sources.all()}
        return chosen | set(quoted_input_ids(self.body))

    def archive_text(self) -> str:
        """Plain text of the summary, for the archive search: its own words.
        Not those its blocks add around them ("Anonymiseret" beside a quote,
        a statistics table's headings, names and counts): the archive shows
        the stored text in either language, and the counts would go stale.
        In the site's language whoever indexes it, so the text and its terms
        do not depend on who published or changed what."""
        parts = [self.introduction]
        context = {
            "page": self,
            "citable_inputs": self.citable_inputs(),
            "for_archive": True,
        }
        with translation.override(settings.LANGUAGE_CODE):
            for block in self.body:
                if block.block_type == "statistics":
                    parts.append(_sentence(block.value["heading"]))
                    continue
                html = _BLOCK_END.sub(r"\g<0>\n", str(block.render(context=context)))
                # Templates' indentation is not text: one line per block.
                lines = (" ".join(x.split()) for x in strip_tags(html).splitlines())
                parts.append("\n".join(_sentence(line) for line in lines if line))
        return "\n".join(p for p in parts if p)

    def source_inputs(self, user) -> list[dict]:
        """The published inputs the summary builds on (built_on_ids) that
        `user` may see (inputs_visible_to), each with its link. Of the others nothing, not
        even how many: a count would tell anyone that the summary builds on
        inputs that are not public."""
        from inputs.permissions import can_moderate
        from inputs.selectors import inputs_visible_to
        from inputs.states import PUBLISHED_STATUSES

        # Moderators go to the input in the admin; others to its page on the
        # site, which shows only what they may see.
        url_name = (
            "inputs_moderation:inspect" if can_moderate(user) else "inputs:detail"
        )
        visible = (
            inputs_visible_to(user=user)
            .filter(status__in=PUBLISHED_STATUSES, pk__in=self.built_on_ids())
            .select_related("organisation")
            .order_by("reference", "pk")
        )
        return [
            {
                "input": item,
                "organisation": item.public_organisation_name(),
                "url": reverse(url_name, args=[item.pk]),
            }
            for item in visible
        ]

    def get_context(self, request, *args, **kwargs):
        from inputs.permissions import can_moderate

        context = super().get_context(request, *args, **kwargs)
        context["source_inputs"] = self.source_inputs(request.user)
        context["citable_inputs"] = self.citable_inputs()
        # Moderators see why a quote is missing (on the page and in preview).
        context["show_citation_notices"] = can_moderate(request.user)
        return context

    @path("")
    def summary(self, request):
        return self.render(request)

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The summary as a print-ready PDF (same access as the page)."""
        from ..pdf import html_to_pdf

        # The PDF is a document to hand on: no notices for moderators in it.
        context = self.get_context(request) | {"show_citation_notices": False}
        html = render_to_string("cms/summary_page_pdf.html", context, request=request)
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.pdf"'
        return response


class SummarySource(Orderable):
    """An input a summary builds on, chosen in its editor."""

    page = ParentalKey(SummaryPage, on_delete=models.CASCADE, related_name="sources")
    input = models.ForeignKey(
        "inputs.Input",
        on_delete=models.CASCADE,
        related_name="summary_sources",
        verbose_name=_("input"),
    )

    panels = [FieldPanel("input")]

    class Meta(Orderable.Meta):
        verbose_name = _("input, opsamlingen bygger på")
        verbose_name_plural = _("input, opsamlingen bygger på")
