import django_filters
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import requires_two_factor
from portal.organisations.selectors import organisations_of

from ..models import CallPage, Input
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
        # the filters hid them. Say how to join one instead; BL's staff join
        # none, and find the inputs in the queue (by membership, so that one
        # who has not yet passed the second factor is sent there too, and
        # the admin asks for it).
        return render(
            request,
            "inputs/input_list.html",
            {"has_organisation": False, "is_staff": requires_two_factor(request.user)},
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
