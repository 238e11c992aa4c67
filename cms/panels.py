"""Editor panels for summaries."""

from wagtail.admin.panels import Panel


class WithheldQuotesPanel(Panel):
    """Tells the editor which quotes the page no longer shows, and why: the
    input's visibility narrowed (or it left the archive) after it was quoted.
    Saving the summary is refused until those quotes are removed."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/withheld_quotes.html"

        def __init__(self, **kwargs):
            from inputs.models import Input

            from .citations import withheld_quotes

            super().__init__(**kwargs)
            ids = withheld_quotes(self.instance.body) if self.instance else []
            self.withheld = [
                item.reference or item.title
                for item in Input.objects.filter(pk__in=ids).order_by("reference")
            ]

        def is_shown(self):
            return bool(self.withheld)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["withheld"] = self.withheld
            return context


class EmptyStatisticsPanel(Panel):
    """Tells the editor which statistics blocks show no numbers: every count
    of what the summary builds on is too small to show (the page says so in
    one sentence where the table would be). Choosing more public inputs, or
    another breakdown, gives it numbers."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/empty_statistics.html"

        def __init__(self, **kwargs):
            from inputs.statistics import nothing_shown

            super().__init__(**kwargs)
            page = self.instance
            self.empty = [
                block.value["heading"]
                for block in (page.body if page else [])
                if block.block_type == "statistics"
                and nothing_shown(block.block.public_counts(block.value, page))
            ]

        def is_shown(self):
            return bool(self.empty)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["empty"] = self.empty
            return context
