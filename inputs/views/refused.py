"""The answer to a move the state machine refused (IllegalTransition): what
happened, where the input is now, and the way to it. A press sent twice, a
second tab or a colleague's move must not end in 500 or a bare 404."""

from django.shortcuts import render

from ..permissions import can_view_input
from ..states import TRANSITIONS, refused_message


def transition_refused(request, *, action: str, status: str, input=None):
    """The 409 page. The input (its status and link) is named only to those
    who may see it."""
    if input is not None and not can_view_input(request.user, input):
        input = None
    transition = TRANSITIONS.get(action)
    return render(
        request,
        "inputs/transition_refused.html",
        {
            "input": input,
            "label": transition.label if transition else action,
            "why": refused_message(action, status) if input is not None else "",
        },
        status=409,
    )
