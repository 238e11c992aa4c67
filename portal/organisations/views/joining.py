from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.ops.ratelimit import rate_limit

from .. import services
from ..forms import DecisionForm, JoinRequestForm, OrganisationSearchForm
from ..models import JoinRequest, Organisation
from ..permissions import can_decide_join_request, can_request_to_join
from ..selectors import join_requests_of, memberships_of, organisation_search


def _search_query(request) -> str:
    """The search on “Find din organisation” that led here, or ""."""
    form = OrganisationSearchForm(request.GET)
    return form.cleaned_data["q"].strip() if form.is_valid() else ""


def _with_query(url: str, query: str) -> str:
    # Only the search words travel, rebuilt on our own URL: no open redirect.
    return f"{url}?{urlencode({'q': query})}" if query else url


@login_required
def join(request):
    """“Find din organisation”: search approved organisations by name or CVR."""
    form = OrganisationSearchForm(request.GET or None)
    results = []
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = list(organisation_search(query=query))
        for organisation in results:
            organisation.request_url = _with_query(
                reverse("organisations:join_request", args=[organisation.pk]),
                query.strip(),
            )
    return render(
        request,
        "organisations/join.html",
        {
            "form": form,
            "results": results,
            "searched": form.is_bound,
            "member_of": {m.organisation_id for m in memberships_of(user=request.user)},
            "requested": {
                r.organisation_id for r in join_requests_of(user=request.user)
            },
        },
    )


@login_required
@rate_limit("join_request")
def join_request(request, pk):
    """Ask to join one organisation, with an optional message."""
    organisation = get_object_or_404(Organisation.objects.approved(), pk=pk)
    if not can_request_to_join(request.user, organisation):
        messages.info(
            request,
            _("Du er allerede medlem af %(name)s.") % {"name": organisation.name},
        )
        return redirect("organisations:home")
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                user=request.user,
                organisation=organisation,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Din anmodning om at blive medlem af %(name)s er sendt. "
                    "Du får en e-mail, når den er besvaret."
                )
                % {"name": organisation.name},
            )
            return redirect("organisations:home")
    return render(
        request,
        "organisations/join_request.html",
        {
            "organisation": organisation,
            "form": form,
            "back_url": _with_query(
                reverse("organisations:join"), _search_query(request)
            ),
        },
    )


@login_required
@require_POST
def join_request_decide(request, pk):
    """Approve or decline a join request (organisation administrators of that
    organisation, and BL moderators)."""
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("organisation", "user"), pk=pk
    )
    if not can_decide_join_request(request.user, join_request):
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        join_request = services.join_request_decide(
            join_request=join_request, approve=form.approve, user=request.user
        )
        messages.success(
            request,
            (
                _("%(email)s er nu medlem af %(name)s.")
                if join_request.status == JoinRequest.Status.APPROVED
                else _("Anmodningen fra %(email)s er afvist.")
            )
            % {
                "email": join_request.user.email,
                "name": join_request.organisation.name,
            },
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("organisations:members", args=[join_request.organisation_id])
    return redirect(next_url)
