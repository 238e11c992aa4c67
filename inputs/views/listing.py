import django_filters
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.organisations.selectors import organisations_of

from ..models import CallPage, Input
from ..permissions import can_moderate
from ..selectors import inputs_for_list, open_calls
from ..states import Status


class InputFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle")
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Indkaldelse"),
        queryset=CallPage.objects.order_by("-opens_at"),
        empty_label=_("Alle"),
    )

    class Meta:
        model = Input
        fields = ["status", "call"]


@login_required
def input_list(request):
    """ "Vores input": every input of the user's organisations."""
    if not organisations_of(user=request.user).exists():
        # No organisation, no inputs: an empty, filterable list would suggest
        # the filters hid them. Say how to join one instead; BL's moderators
        # join none, and find the inputs in their queue.
        return render(
            request,
            "inputs/input_list.html",
            {"has_organisation": False, "is_moderator": can_moderate(request.user)},
        )
    filterset = InputFilter(request.GET, queryset=inputs_for_list(user=request.user))
    return render(
        request,
        "inputs/input_list.html",
        {
            "has_organisation": True,
            "filter": filterset,
            "inputs": filterset.qs,
            "open_calls": open_calls(),
        },
    )
