"""Editor forms for pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class SummaryPageForm(WagtailAdminPageForm):
    """A summary builds only on inputs its editor may curate
    (inputs_curatable_by): a posted id of any other input (a draft, say) is
    refused beside its row. A source the editor may not curate (a link to a
    draft or an archived input from before) is neither shown nor posted, so
    saving keeps it as it was."""

    def __init__(self, *args, **kwargs):
        from inputs.selectors import inputs_curatable_by

        super().__init__(*args, **kwargs)
        curatable = inputs_curatable_by(user=self.for_user)
        formset = self.formsets["sources"]
        chosen = [source.input_id for source in formset.queryset]
        shown = list(curatable.filter(pk__in=chosen).values_list("pk", flat=True))
        formset = self.formsets["sources"] = type(formset)(
            self.data if self.is_bound else None,
            instance=self.instance,
            prefix=formset.prefix,
            queryset=formset.queryset.filter(input_id__in=shown),
        )
        for form in formset.forms:
            field = form.fields["input"]
            field.queryset = field.widget.queryset = curatable
            field.error_messages["invalid_choice"] = _(
                "Vælg kun blandt de accepterede input på listen."
            )

    def is_valid(self):
        # After the rows are cleaned: the page's clean() runs before them.
        valid = super().is_valid()
        return self._each_source_once() and valid

    def _each_source_once(self) -> bool:
        chosen, once = set(), True
        for form in self.formsets["sources"].forms:
            data = getattr(form, "cleaned_data", {})
            item = data.get("input")
            if item is None or data.get("DELETE"):
                continue
            if item.pk in chosen:
                form.add_error("input", _("Inputtet er allerede valgt."))
                once = False
            chosen.add(item.pk)
        return once
