from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..models import Input
from ..notifications import transition_recipients
from ..permissions import (
    can_delete_draft,
    can_edit_input,
    can_view_input,
    can_withdraw_input,
    viewable_input_or_404,
)
from ..selectors import input_feedback, input_history, inputs_visible_to


def input_detail(request, pk: int):
    """One URL per input. Its organisation (and BL) see everything: history,
    feedback, attachments. Anyone else the input is shared with sees the
    accepted text, with the organisation's name only as consented."""
    input = get_object_or_404(
        Input.objects.select_related("organisation", "municipality", "call"), pk=pk
    )
    if can_view_input(request.user, input):
        history = input_history(input=input)
        return render(
            request,
            "inputs/input_detail.html",
            {
                "input": input,
                "history": history,
                "feedback": input_feedback(history=history),
                "attachments": input.attachments.all(),
                "may_edit": can_edit_input(request.user, input),
                "may_withdraw": can_withdraw_input(request.user, input),
                "may_delete": can_delete_draft(request.user, input),
            },
        )
    if not inputs_visible_to(user=request.user).filter(pk=pk).exists():
        raise Http404
    return render(request, "inputs/input_shared.html", {"input": input})


@login_required
def input_receipt(request, pk: int):
    input = viewable_input_or_404(request.user, pk)
    # Say where the receipt went, and claim none when nobody could get one.
    receipt_to = [p.email for p in transition_recipients(input)]
    return render(
        request, "inputs/input_receipt.html", {"input": input, "receipt_to": receipt_to}
    )
