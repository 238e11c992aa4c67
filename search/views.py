"""The archive search page, its exports and saved searches. Views parse,
call the service, render; visibility lives in the search query itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from portal.ops.ratelimit import rate_limit
from portal.spreadsheets import spreadsheet_response

from .export import MAX_ROWS, export_rows
from .forms import FACET_LABELS, SavedSearchForm, search_request
from .query import SearchUnavailable
from .saved import canonical_query_string, saved_search_create, saved_search_delete
from .selectors import (
    facets_in_active_language,
    hits_in_active_language,
    saved_searches_of,
    viewer_for,
)
from .services import archive_search, archive_words_alone, typed_words


def _may_save(viewer) -> bool:
    return viewer.is_moderator or bool(viewer.partnership_ids)


def _unavailable(request):
    """The search engine does not answer: a page that says so (503, so
    monitoring and crawlers know it is passing), not a server error."""
    response = render(request, "search/unavailable.html", status=503)
    response["Retry-After"] = "60"
    return response


def search(request):
    viewer = viewer_for(user=request.user)
    search_req = search_request(request.GET, viewer=viewer, correct=True)
    try:
        result = archive_search(request=search_req)
    except SearchUnavailable:
        return _unavailable(request)
    if result.total and result.page > result.num_pages:
        # A page past the last (an old link, fewer hits now): the last page.
        params = request.GET.copy()
        params["page"] = result.num_pages
        return redirect(f"{request.path}?{params.urlencode()}")
    hits_in_active_language(result.hits)
    facets = [
        {"name": name, "label": FACET_LABELS[name], "values": values}
        for name, values in facets_in_active_language(result.facets).items()
        if values
    ]
    query_string = canonical_query_string(request.GET)
    words_alone = []
    if not result.total and not result.suggestion:
        words_alone = [
            (word, total, f"?{_with_query(request.GET, word).urlencode()}")
            for word, total in archive_words_alone(request=search_req)
        ]
    return render(
        request,
        "search/search.html",
        {
            "search": search_req,
            "result": result,
            "facets": facets,
            "facets_chosen": sum(v.selected for f in facets for v in f["values"]),
            "searched": bool(query_string),
            "query_string": query_string,
            "save_form": (
                SavedSearchForm(initial={"q": QueryDict(query_string).get("q", "")})
                if _may_save(viewer)
                else None
            ),
            "pages": _page_window(result.page, result.num_pages),
            "first_number": (result.page - 1) * result.page_size + 1,
            "search_params": _facet_params(query_string),
            "suggestion_links": _suggestion_links(request.GET, result.suggestion),
            "words_alone": words_alone,
            "parts_alone": len(typed_words(search_req.query)) == 1,
        },
    )


def _suggestion_links(params: QueryDict, suggestion) -> dict | None:
    """The corrected search's link, and the typed one's without correcting
    (when the page shows the corrected results), on the first page."""
    if suggestion is None:
        return None
    corrected = _with_query(params, suggestion.query)
    typed = corrected.copy()
    typed["q"] = suggestion.typed
    typed["exact"] = "1"
    return {"corrected": f"?{corrected.urlencode()}", "typed": f"?{typed.urlencode()}"}


def _with_query(params: QueryDict, query: str) -> QueryDict:
    """This search's parameters with another query, from its first page,
    corrected as usual."""
    params = params.copy()
    params.pop("page", None)
    params.pop("exact", None)
    params["q"] = query
    return params


def _page_window(page: int, num_pages: int, size: int = 2) -> list[int]:
    return list(range(max(1, page - size), min(num_pages, page + size) + 1))


@rate_limit("export", methods=("GET", "HEAD"))
def export(request, fmt: str):
    viewer = viewer_for(user=request.user)
    search_req = search_request(
        request.GET, viewer=viewer, page_size=MAX_ROWS, facets=False, correct=True
    )
    search_req.page = 1
    try:
        result = archive_search(request=search_req)
    except SearchUnavailable:
        return _unavailable(request)
    hits_in_active_language(result.hits)
    return spreadsheet_response(
        fmt=fmt,
        rows=export_rows(result),
        filename=pgettext("file name", "arkivsoegning"),
        sheet_title=_("Søgeresultater"),
    )


@login_required
@rate_limit("saved_search_create")
def saved_searches(request):
    viewer = viewer_for(user=request.user)
    if not _may_save(viewer):
        raise PermissionDenied
    if request.method == "POST":
        query_string = canonical_query_string(request.POST)
        form = SavedSearchForm(request.POST, query_string=query_string, edit_query=True)
        if form.is_valid():
            outcome = saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query_string=query_string,
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(request, _saved_message(outcome))
            return redirect("archive:saved")
        # The form again, with the search it saves and a way back to it.
        params = QueryDict(query_string)
        return render(
            request,
            "search/saved_searches.html",
            {
                "form": form,
                "search_params": _facet_params(query_string),
                "search_words": params.get("q", ""),
                "search_url": f"{reverse('archive:search')}?{query_string}",
                "saved_searches": saved_searches_of(user=request.user),
            },
            status=400,
        )
    return render(
        request,
        "search/saved_searches.html",
        {"saved_searches": saved_searches_of(user=request.user)},
    )


def _facet_params(query_string: str) -> list:
    """The search's parameters but its words, which the save form carries
    as a field of its own."""
    return [(k, v) for k, v in QueryDict(query_string).lists() if k != "q"]


def _saved_message(outcome) -> str:
    name, previous = outcome.saved_search.name, outcome.previous_name
    if previous is None:
        return _("Søgningen er gemt. Du får besked om nye resultater.")
    if previous == name:
        return _("Søgningen var allerede gemt som »%(name)s«. Den er opdateret.") % {
            "name": name
        }
    return _(
        "Søgningen var allerede gemt som »%(previous)s«; den hedder nu »%(name)s«."
    ) % {"previous": previous, "name": name}


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_remove(request, pk: int):
    """Delete one's own saved search (POST), after a confirmation page that
    names it (GET), as a draft is deleted."""
    saved = get_object_or_404(saved_searches_of(user=request.user), pk=pk)
    if request.method == "POST":
        saved_search_delete(saved_search=saved)
        messages.success(
            request,
            _("Den gemte søgning »%(name)s« er slettet.") % {"name": saved.name},
        )
        return redirect("archive:saved")
    return render(request, "search/saved_search_delete.html", {"saved": saved})
