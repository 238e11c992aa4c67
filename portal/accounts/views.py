"""“Min konto”: the person's own data and the deletion of their account.
Every view acts on the logged-in person only; there is no id to change."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .export import account_export_zip
from .forms import AccountDeleteForm
from .selectors import start_page_for
from .services import (
    AccountDeletionRefused,
    account_delete,
    account_deletion_check,
)

DELETED_FLAG = "account_deleted"


@login_required
def start(request):
    """Where a login lands: what waits for each of the person's roles."""
    return render(
        request, "account/start.html", {"start": start_page_for(user=request.user)}
    )


@login_required
def my_account(request):
    return render(request, "account/my_account.html")


@login_required
def data_export(request):
    archive = account_export_zip(user=request.user)
    return FileResponse(
        archive,
        as_attachment=True,
        filename=f"mine-data-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
def delete(request):
    """The consequences, then password and confirmation. Someone who must
    hand over a role first is told so and gets no form."""
    refusal = _refusal(request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            account_delete(user=request.user)
        except AccountDeletionRefused as error:
            refusal = error
        else:
            logout(request)
            request.session[DELETED_FLAG] = True
            return redirect("accounts:deleted")
    return render(request, "account/delete.html", {"form": form, "refusal": refusal})


def _refusal(user) -> AccountDeletionRefused | None:
    try:
        account_deletion_check(user=user)
    except AccountDeletionRefused as error:
        return error
    return None


def deleted(request):
    """The confirmation, once, right after the deletion."""
    if not request.session.pop(DELETED_FLAG, False):
        return redirect("/")
    return render(request, "account/deleted.html")
