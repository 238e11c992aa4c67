from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..permissions import can_edit_input, can_withdraw_input, viewable_input_or_404
from ..selectors import input_feedback, input_history


@login_required
def input_detail(request, pk: int):
    input = viewable_input_or_404(request.user, pk)
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
        },
    )


@login_required
def input_receipt(request, pk: int):
    input = viewable_input_or_404(request.user, pk)
    return render(request, "inputs/input_receipt.html", {"input": input})
