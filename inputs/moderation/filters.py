import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from portal.accounts.roles import moderators
from portal.language import DisplayNameChoiceField
from portal.organisations.models import Partnership, Region

from ..models import Input, TargetGroup, Theme
from ..states import Status


class LabelledDateRangeWidget(DateRangePickerWidget):
    """Wagtail's date range, each of its two inputs with its own name for
    screen readers (the field's one label points at the first only)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        for widget, name in zip(
            self.widgets, (_("Indsendt fra"), _("Indsendt til")), strict=True
        ):
            widget.attrs.update({"aria-label": name, "placeholder": name})


class VocabularyFilter(django_filters.ModelChoiceFilter):
    """Partnerships, themes and target groups, named in the reader's language."""

    field_class = DisplayNameChoiceField


class InputQueueFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    partnership = VocabularyFilter(
        label=_("Partnerskab"),
        field_name="partnerships",
        queryset=Partnership.objects.all(),
    )
    theme = VocabularyFilter(
        label=_("Tema"), field_name="themes", queryset=Theme.objects.all()
    )
    target_group = VocabularyFilter(
        label=_("Målgruppe"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="municipality__region",
        queryset=Region.objects.all(),
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Ansvarlig moderator"), queryset=moderators().order_by("email")
    )
    submitted = django_filters.DateFromToRangeFilter(
        label=_("Indsendt (fra – til)"),
        field_name="submitted_at__date",
        widget=LabelledDateRangeWidget,
    )

    class Meta:
        model = Input
        # In this order; the five not declared above are Wagtail's defaults.
        fields = [
            *("status", "call", "partnership", "kind", "theme", "target_group"),
            *("region", "municipality", "organisation", "personal_data_flagged"),
            *("assigned_to", "submitted"),
        ]

    def filter_queryset(self, queryset):
        # Several multi-valued filters join through M2M tables; one row per
        # input keeps counts and pagination right.
        filtered = super().filter_queryset(queryset)
        return queryset.filter(pk__in=filtered.values("pk")).order_by(
            *(filtered.query.order_by or ["-submitted_at", "-pk"])
        )
