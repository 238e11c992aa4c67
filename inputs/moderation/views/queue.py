"""The moderation queue: filters, search, sorting and bulk actions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...services.moderation import inputs_bulk_action
from ..access import moderator_required
from ..filters import InputQueueFilterSet
from ..forms import BulkActionForm
from ..selectors import moderation_queue

PER_PAGE = 50


def filtered_queue(request):
    """The queue as the moderator filtered it (also what exports contain)."""
    return InputQueueFilterSet(
        request.GET or None, queryset=moderation_queue(user=request.user)
    )


@moderator_required
def queue(request):
    filterset = filtered_queue(request)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("p"))
    querystring = request.GET.copy()
    querystring.pop("p", None)
    return TemplateResponse(
        request,
        "inputs/moderation/queue.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "bulk_form": BulkActionForm(queryset=filterset.qs),
            "querystring": querystring.urlencode(),
        },
    )


@require_POST
@moderator_required
def bulk_action(request):
    form = BulkActionForm(request.POST, queryset=moderation_queue(user=request.user))
    back = reverse("inputs_moderation:queue")
    if request.POST.get("querystring"):
        back += "?" + request.POST["querystring"]
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    result = inputs_bulk_action(
        inputs=data["selected"],
        action=data["action"],
        user=request.user,
        note=data["note"],
        moderator=data["moderator"],
        theme=data["theme"],
        visibility=data["visibility"] or None,
    )
    if result.done:
        label = dict(form.fields["action"].choices)[data["action"]]
        messages.success(
            request,
            _("%(action)s: udført for %(count)d input.")
            % {"action": label, "count": len(result.done)},
        )
    for item, reason in result.refused:
        messages.error(
            request,
            _("%(input)s blev ikke ændret: %(reason)s")
            % {"input": item.reference or item.title, "reason": reason},
        )
    return redirect(back)
