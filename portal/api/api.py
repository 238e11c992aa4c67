"""The read API, /api/v1/: the archive for machines. Every answer holds
exactly what the caller may see, through the same rules as the web pages:
the archive search (search.services) and inputs_visible_to."""

from functools import wraps
from html import unescape
from typing import Annotated

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Path, Query, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from cms.models import SummaryPage
from inputs.models import CallPage, Input, TargetGroup, Theme
from inputs.models.inputs import Consent
from inputs.selectors import inputs_visible_to
from inputs.states import PUBLISHED_STATUSES
from inputs.statistics import public_statistics
from portal.organisations.models import Partnership
from search.forms import search_request
from search.selectors import viewer_for
from search.services import archive_search

from . import schemas as s
from .auth import PerAddress, PerToken, TokenOrAnonymous


class ArchiveAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Every operation also answers without a token (the empty security
        requirement): the token only widens what is shown."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                security = operation.get("security")
                if security is not None and {} not in security:
                    security.append({})
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            view = pattern.callback
            if not getattr(view, "csrf_exempt", False):
                # The docs, the schema and the root: django-ninja leaves them
                # to Django's CSRF check, which answers a POST with an HTML
                # page about an expired form. They only read.
                view = csrf_exempt(require_safe(view))
            pattern.callback = _refusing_methods_in_json(_head_as_get(view))
        return patterns, app_name, namespace


def _head_as_get(view):
    """HEAD wherever GET is (RFC 9110): django-ninja routes by method and
    has no HEAD, so it answered 405. The GET's status and headers, no body."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        if response.status_code != 405:
            response.content = b""
        return response

    return wrapper


def _refusing_methods_in_json(view):
    """django-ninja answers a method no operation of a path takes with a
    plain-text 405 before any of its exception handlers can (it has no hook
    for it); this answers it as every other error, keeping its Allow. (The
    API's views are synchronous; an async one would need its own wrapper.)"""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allow = response["Allow"]
        if "GET" in allow.split(", ") and "HEAD" not in allow:
            allow += ", HEAD"  # _head_as_get()
        refusal = _error(request, 405, allow)
        refusal["Allow"] = allow
        return refusal

    return wrapper


api = ArchiveAPI(
    title="Partnerportalen API",
    version="1",
    description=(
        # In English, as Swagger UI and the operations are (the page is
        # lang="en"); the error messages carry both languages.
        "The public archive of inputs and summaries from BL's partnerships. "
        "Without a token: what is public. With a personal API token "
        "(Authorization: Bearer …): also what is shared with your partnerships."
    ),
    urls_namespace="api-v1",
    # Swagger UI's deep link puts a link inside each operation's button, a
    # control inside a control (WCAG 4.1.2); without it the path is text.
    docs=Swagger(settings={"deepLinking": False}),
    auth=TokenOrAnonymous(),
    throttle=[PerAddress(), PerToken()],
)

# Ids beyond the database's integer columns are invalid requests, not 500s.
PageId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]

ERRORS = {401: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut, 429: s.ErrorOut}
MESSAGES = {
    401: (
        "unauthorized",
        "Ugyldig eller tilbagekaldt API-nøgle.",
        "Invalid or revoked API token.",
    ),
    404: (
        "not_found",
        "Findes ikke, eller du har ikke adgang.",
        "Not found, or not yours to see.",
    ),
    405: (
        "method_not_allowed",
        "Metoden kan ikke bruges her. Tilladt: %s.",
        "Method not allowed here. Allowed: %s.",
    ),
    422: ("invalid", "Ugyldig forespørgsel: %s", "Invalid request: %s"),
    429: (
        "rate_limited",
        "For mange forespørgsler. Prøv igen om lidt.",
        "Too many requests. Try again shortly.",
    ),
}


def _error(request, status: int, detail: str = ""):
    code, da, en = MESSAGES[status]
    if "%s" in da:
        da, en = da % detail, en % detail
    return api.create_response(
        request, {"code": code, "message": {"da": da, "en": en}}, status=status
    )


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return _error(request, 401)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    response = _error(request, 429)
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    fields = ", ".join(
        ".".join(str(p) for p in e.get("loc", ())[1:]) or "?" for e in exc.errors
    )
    return _error(request, 422, fields)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, exc.status_code if exc.status_code in MESSAGES else 404)


@api.exception_handler(Http404)
def _missing(request, exc):
    return _error(request, 404)


def _not_found():
    raise HttpError(404, "not found")


@csrf_exempt  # it changes nothing, for any method
def api_not_found(request):
    """A path under /api/v1/ that no endpoint has answers as they do."""
    return _error(request, 404)


# --- reference data ---------------------------------------------------------
@api.get("/partnerships", response={200: list[s.PartnershipOut], **ERRORS})
def partnerships(request):
    return Partnership.objects.order_by("name")


@api.get("/themes", response={200: list[s.VocabularyOut], **ERRORS})
def themes(request):
    return Theme.objects.order_by("name")


@api.get("/target-groups", response={200: list[s.VocabularyOut], **ERRORS})
def target_groups(request):
    return TargetGroup.objects.order_by("name")


# --- calls ------------------------------------------------------------------
def _choices(text: str) -> list[str]:
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def _call(call: CallPage) -> dict:
    return {
        "id": call.pk,
        "title": call.title,
        "url": call.full_url or call.url or "",
        "introduction": call.introduction,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "is_open": call.is_open(),
        "partnerships": [p.slug for p in call.partnerships.all()],
        "questions": [
            {
                "name": q.clean_name,
                "label": q.label,
                "type": q.field_type,
                "required": q.required,
                "choices": _choices(q.choices),
            }
            for q in call.questions.all()
        ],
    }


class CallFilter(Schema):
    status: str | None = Query(None, pattern="^(open|closed)$")


def _calls():
    return (
        CallPage.objects.live().public().prefetch_related("partnerships", "questions")
    )


@api.get("/calls", response={200: list[s.CallOut], **ERRORS})
def calls(request, filters: Query[CallFilter]):
    now = timezone.now()
    queryset = _calls().order_by("-opens_at", "pk")
    if filters.status == "open":
        queryset = queryset.filter(opens_at__lte=now, closes_at__gt=now)
    elif filters.status == "closed":
        queryset = queryset.filter(closes_at__lte=now)
    return [_call(c) for c in queryset]


@api.get("/calls/{call_id}", response={200: s.CallOut, **ERRORS})
def call(request, call_id: PageId):
    return _call(get_object_or_404(_calls(), pk=call_id))


# --- inputs -----------------------------------------------------------------
class InputSearch(Schema):
    q: str = Query("", max_length=200, description="Search words, in Danish.")
    sort: str = Query("newest", pattern="^(relevance|newest)$")
    page: int = Query(1, ge=1, le=10_000)
    partnership: list[str] = Query([], description="A partnership's id (facet).")
    kind: list[str] = Query([])
    theme: list[str] = Query([], description="A theme's id (facet).")
    target_group: list[str] = Query([])
    region: list[str] = Query([])
    municipality: list[str] = Query([])
    organisation_kind: list[str] = Query([])
    year: list[str] = Query([])


def _plain(html: str) -> str:
    return unescape(strip_tags(html))


@api.get(
    "/inputs",
    response={200: s.SearchOut, **ERRORS},
    summary="Search accepted inputs like the archive page (summaries: /summaries)",
)
def search_inputs(request, params: Query[InputSearch]):
    query = QueryDict(mutable=True)
    for name, value in params.dict().items():
        if isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = str(value)
    query.setlist("source", ["input"])
    result = archive_search(
        request=search_request(query, viewer=viewer_for(user=request.user))
    )
    return {
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "num_pages": result.num_pages,
        "items": [
            {
                "id": hit.object_id,
                "source": hit.source,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "title": _plain(hit.title),
                "excerpt": _plain(hit.excerpt),
                "organisation": hit.organisation_name,
                "published_at": hit.published_at,
            }
            for hit in result.hits
        ],
        "facets": [
            {"name": name, "values": [v.__dict__ for v in values]}
            for name, values in result.facets.items()
            if name != "source"
        ],
    }


def api_inputs(*, user):
    """The inputs the API shows `user`: the archive's (accepted or archived)
    of those inputs_visible_to lets them see."""
    return (
        inputs_visible_to(user=user)
        .filter(status__in=PUBLISHED_STATUSES)
        .select_related("organisation", "municipality__region")
        .prefetch_related("partnerships", "themes", "target_groups")
    )


@api.get("/inputs/{input_id}", response={200: s.InputOut, **ERRORS})
def input_detail(request, input_id: RowId):
    input = api_inputs(user=request.user).filter(pk=input_id).first()
    if input is None:
        _not_found()
    return _input(request, input)


def _input(request, input: Input) -> dict:
    return {
        "id": input.pk,
        "url": request.build_absolute_uri(f"/input/{input.pk}/"),
        "title": input.title,
        "kind": input.kind,
        "challenge": input.challenge,
        "solution": input.solution,
        "answers": [{"question": q, "answer": a} for q, a in input.answer_items()],
        "organisation": None
        if input.consent == Consent.ANONYMISED
        else input.organisation.name,
        "municipality": input.municipality.name,
        "region": input.municipality.region.name,
        "partnerships": [p.slug for p in input.partnerships.all()],
        "themes": [t.slug for t in input.themes.all()],
        "target_groups": [t.slug for t in input.target_groups.all()],
        "published_at": input.accepted_at or input.submitted_at,
    }


# --- summaries --------------------------------------------------------------
def _summaries():
    return SummaryPage.objects.live().public().order_by("-first_published_at", "pk")


def _summary(page: SummaryPage) -> dict:
    parent = page.get_parent().specific
    partnership = getattr(parent, "partnership", None)
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.full_url or page.url or "",
        "introduction": page.introduction,
        "partnership": partnership.slug if partnership else None,
        "published_at": page.first_published_at,
    }


@api.get("/summaries", response={200: list[s.SummaryOut], **ERRORS})
def summaries(request):
    return [_summary(p) for p in _summaries()]


@api.get("/summaries/{page_id}", response={200: s.SummaryOut, **ERRORS})
def summary(request, page_id: PageId):
    return _summary(get_object_or_404(_summaries(), pk=page_id))


# --- statistics -------------------------------------------------------------
class StatisticsFilter(Schema):
    partnership: str | None = Query(
        None, max_length=50, pattern=r"^[-\w]+$", description="The partnership's slug."
    )


@api.get("/statistics", response={200: s.StatisticsOut, **ERRORS})
def statistics(request, filters: Query[StatisticsFilter]):
    partnership = None
    if filters.partnership:
        # As /statistik/: only the partnerships the portal hosts.
        partnership = (
            Partnership.objects.hosted().filter(slug=filters.partnership).first()
        )
        if partnership is None:
            _not_found()
    return public_statistics(partnership=partnership).as_dict()
