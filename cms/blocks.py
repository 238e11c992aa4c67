from copy import copy

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from inputs.personal_data import no_cpr_number

# Every text block BL writes in holds no CPR number (the error shows beside
# the block); a quote's input was checked when it was sent in.
TEXT = {"validators": [no_cpr_number]}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Overskrift"), **TEXT)
    level = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("Niveau")
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page shares."""

    heading = HeadingBlock(label=_("Overskrift"))
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="cms/blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        label=_("Tekst"),
        **TEXT,
    )


class InputChooserBlock(blocks.ChooserBlock):
    """Chooses an accepted input through the admin's input chooser."""

    @cached_property
    def target_model(self):
        from inputs.models import Input

        return Input

    @cached_property
    def widget(self):
        from inputs.moderation.chooser import input_chooser_viewset

        return input_chooser_viewset.widget_class()

    # Every lookup leaves drafts out: a draft is its organisation's alone
    # (inputs.permissions), so an id posted by hand finds nothing, and
    # neither the editor nor its error names it. Any other input is one a
    # summary's editor may open.
    def _inputs(self):
        from inputs.states import Status

        return self.target_model.objects.exclude(status=Status.DRAFT)

    @cached_property
    def field(self):
        field = super().field
        field.queryset = self._inputs()
        return field

    def to_python(self, value):
        return None if value is None else self._inputs().filter(pk=value).first()

    def bulk_to_python(self, values):
        found = self._inputs().in_bulk(values)
        return [copy(found[v]) if v in found else None for v in values]

    def value_from_form(self, value):
        if value is None or isinstance(value, self.target_model):
            return value
        return self.to_python(value)

    class Meta:
        icon = "openquote"


class QuoteBlock(blocks.StructBlock):
    """An excerpt of an accepted input, with the organisation's name or
    "Anonymiseret", as the organisation consented."""

    input = InputChooserBlock(label=_("Input"))
    excerpt = blocks.TextBlock(
        label=_("Uddrag"),
        required=False,
        help_text=_("Tomt: de første 300 tegn af input bruges."),
        **TEXT,
    )

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote_block.html"
        label = _("Citat fra input")

    def clean(self, value):
        from .citations import citable_inputs

        value = super().clean(value)
        item = value.get("input")
        if item is not None and not citable_inputs(ids=[item.pk]):
            raise StructBlockValidationError(
                block_errors={
                    "input": ValidationError(
                        _(
                            "%(input)s kan ikke citeres. En opsamling er en offentlig "
                            "side, så den kan kun citere accepterede input, som er "
                            "offentlige (organisationen har givet samtykke)."
                        )
                        % {"input": item.reference or item.title}
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        """The excerpt and source, but only for an input the summary may quote
        now: one narrowed, withdrawn or rejected since is left out (and a
        moderator is told why). The page passes the quotable inputs of all its
        quotes in `citable_inputs`, so many quotes cost one query."""
        from .citations import citable_inputs

        context = super().get_context(value, parent_context)
        item = value.get("input")
        if item is None:
            return context
        citable = context.get("citable_inputs")
        if citable is None:
            citable = citable_inputs(ids=[item.pk])
        shown = citable.get(item.pk)
        if shown is None:
            context["withheld"] = item.reference or item.title
            return context
        text = value.get("excerpt") or shown.challenge or shown.solution
        context["excerpt"] = Truncator(text).chars(300)
        # The archive's text names no anonymised source: the word would be
        # in the language it was indexed in (SummaryPage.archive_text()).
        anonymous = shown.is_anonymised and context.get("for_archive")
        context["source"] = "" if anonymous else shown.public_organisation_name()
        context["reference"] = shown.reference
        return context


class StatisticsBlock(blocks.StructBlock):
    """Counts of the public inputs behind the page, computed when it is
    shown."""

    heading = blocks.CharBlock(label=_("Overskrift"), **TEXT)
    dimension = blocks.ChoiceBlock(
        label=_("Opdelt efter"),
        choices=[
            ("theme", _("Tema")),
            ("target_group", _("Målgruppe")),
            ("region", _("Region")),
            ("kind", _("Type")),
        ],
        default="theme",
    )

    class Meta:
        icon = "table"
        template = "cms/blocks/statistics_block.html"
        label = _("Statistik")

    @staticmethod
    def public_counts(value, page) -> list:
        """The public counts (inputs.statistics.public_input_counts) of what
        the summary builds on: of its inputs only those anyone may see, small
        counts not shown. The same on the page, in its PDF, in the editor and
        for every viewer."""
        from inputs.statistics import public_input_counts

        if not hasattr(page, "built_on_ids"):
            return []
        return public_input_counts(
            ids=page.built_on_ids(), dimension=value["dimension"]
        )

    def get_context(self, value, parent_context=None):
        from inputs.statistics import (
            DIMENSIONS,
            MIN_PUBLIC_COUNT,
            nothing_shown,
            public_chart_rows,
        )

        context = super().get_context(value, parent_context)
        page = getattr((parent_context or {}).get("page"), "specific", None)
        counts = self.public_counts(value, page)
        context["rows"] = public_chart_rows(counts)
        context["bars"] = [row for row in context["rows"] if row["percent"]]
        context["withheld"] = nothing_shown(counts)
        context["min_count"] = MIN_PUBLIC_COUNT
        context["label_heading"] = DIMENSIONS[value["dimension"]][0]
        context["chart_id"] = f"stat-{value['dimension']}-{id(value)}"
        return context


class RecommendationBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Anbefaling"), **TEXT)
    text = blocks.TextBlock(label=_("Uddybning"), required=False, **TEXT)


class RecommendationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Overskrift"), default="Centrale anbefalinger", **TEXT
    )
    items = blocks.ListBlock(RecommendationBlock(), label=_("Anbefalinger"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/recommendations_block.html"
        label = _("Centrale anbefalinger")


class SummaryStreamBlock(BaseStreamBlock):
    """A summary's blocks: the shared ones plus quotes, statistics and
    key recommendations."""

    quote = QuoteBlock()
    statistics = StatisticsBlock()
    recommendations = RecommendationsBlock()
