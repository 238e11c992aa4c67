"""A person's API tokens: list, create (shown once), revoke."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm
from .services import api_token_create, api_tokens_of


def _page(request, form, new_token=None, status=200):
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": api_tokens_of(user=request.user),
        },
        status=status,
    )


def _fresh_form():
    return ApiTokenForm(initial={"request_id": uuid.uuid4()})


@login_required
def api_tokens(request):
    if request.method != "POST":
        return _page(request, _fresh_form())
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            created = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                request_id=form.cleaned_data["request_id"],
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            if created is None:
                messages.info(request, _("Nøglen er allerede oprettet."))
                return redirect("api_tokens")
            return _page(request, _fresh_form(), new_token=created[1])
    return _page(request, form, status=400)


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    token = get_object_or_404(api_tokens_of(user=request.user), pk=pk)
    if token.revoked_at is None:
        token.revoke()
    messages.success(
        request, _("Nøglen »%(name)s« er tilbagekaldt.") % {"name": token.name}
    )
    return redirect("api_tokens")
