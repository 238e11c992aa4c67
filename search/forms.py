from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number, no_cpr_number_in_query

from .documents import FACETS
from .models import SavedSearch
from .query import MAX_PAGE, PAGE_SIZE, SearchRequest, Viewer

FACET_LABELS = {
    "source": _("Indhold"),
    "partnership": _("Partnerskab"),
    "kind": _("Type"),
    "theme": _("Tema"),
    "target_group": _("Målgruppe"),
    "region": _("Region"),
    "municipality": _("Kommune"),
    "organisation_kind": _("Organisationstype"),
    "year": _("År"),
    "status": _("Status"),
}
MAX_VALUES_PER_FACET = 20
# The query box's maxlength in templates/search/search.html.
QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Søg i arkivet"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortér efter"),
        required=False,
        choices=[("relevance", _("Relevans")), ("newest", _("Nyeste først"))],
    )
    page = forms.IntegerField(required=False, min_value=1)
    # "Søg i stedet efter …": the query as typed, without correcting it.
    exact = forms.BooleanField(required=False)

    def clean_page(self):
        # A page past the limit is past the last one too: the view sends it
        # to the last, as any page past the last (not to the first).
        page = self.cleaned_data["page"]
        return min(page, MAX_PAGE) if page else page

    def clean_q(self):
        # The box takes QUERY_MAX_LENGTH characters; a longer query in a
        # link is cut there, rather than dropped for a search of everything.
        return self.cleaned_data["q"][:QUERY_MAX_LENGTH]


def _facet_values(values: list[str]) -> list[str]:
    """A facet's values as the query may use them: no value holds a control
    character (PostgreSQL refuses a NUL byte in text outright), so one that
    does can match nothing and is dropped."""
    kept = [v[:64] for v in values if v.isprintable()]
    return kept[:MAX_VALUES_PER_FACET]


def search_request(
    params: QueryDict,
    *,
    viewer: Viewer,
    page_size: int = PAGE_SIZE,
    facets=True,
    correct=False,
) -> SearchRequest:
    """The search a query string describes. Invalid parts fall back to their
    defaults rather than failing: shared links outlive the facets. `correct`:
    offer a corrected query (the page does), unless the link says `exact`."""
    form = SearchForm(params)
    form.is_valid()
    data = form.cleaned_data
    filters = {
        name: values
        for name in FACETS
        if (values := _facet_values(params.getlist(name)))
    }
    return SearchRequest(
        query=data.get("q") or "",
        filters=filters,
        sort=data.get("sort") or "relevance",
        page=data.get("page") or 1,
        page_size=page_size,
        viewer=viewer,
        facets=facets,
        correct=correct and not data.get("exact"),
    )


class SavedSearchForm(forms.ModelForm):
    """Saving a search: its name and frequency, and the search words, which
    are never stored with a CPR number in them (searching with one is not
    refused; only saving it is). `query_string` is the rest of the search
    (its facets), held to the same rule. Where a person can correct the
    search words (`edit_query`), they are a field of their own; elsewhere
    they ride along hidden."""

    q = forms.CharField(
        label=_("Søgeord"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        validators=[no_cpr_number],
    )

    class Meta:
        model = SavedSearch
        fields = ["q", "name", "frequency"]
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, query_string: str = "", edit_query=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.query_string = query_string
        if not edit_query:
            self.fields["q"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        facets = QueryDict(self.query_string, mutable=True)
        facets.pop("q", None)
        try:
            no_cpr_number_in_query(facets.urlencode())
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned
