from uuid import UUID, uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..conflicts import conflict_mark
from ..forms import DRAFT, SUBMIT, InputForm
from ..models import CallPage
from ..pending_uploads import (
    REMOVE_FIELD,
    pending_add,
    pending_clear,
    pending_files,
    pending_list,
    pending_remove,
)
from ..permissions import (
    can_delete_draft,
    can_edit_input,
    can_take_action,
    can_withdraw_input,
    organisations_for_new_input,
    viewable_input_or_404,
)
from ..selectors import input_changes_requested_note, is_replayed_submit
from ..services import (
    CallClosed,
    StaleInput,
    StorageFull,
    input_draft_delete,
    input_save,
    input_withdraw,
)
from ..states import Actor, Status
from .refused import transition_refused
from .unsaved import login_required_keeping_text


def _intent(request) -> str:
    # "Gem kladde" comes first in the form, so pressing Enter saves a draft.
    return SUBMIT if request.POST.get("intent") == SUBMIT else DRAFT


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def closed_message(call: CallPage) -> str:
    if not call.has_opened():
        return _(
            "Indkaldelsen åbner først %(opens)s. Du kan ikke sende input endnu."
        ) % {"opens": _when(call.opens_at)}
    return _("Indkaldelsen lukkede %(closes)s, så den tager ikke imod flere input.") % {
        "closes": _when(call.closes_at)
    }


REVIEW_STARTED_MESSAGE = gettext_lazy(
    "BL er begyndt at behandle inputtet, mens du skrev, så dine ændringer er "
    "ikke gemt. Din tekst står stadig nedenfor: kopiér den, og send BL det, "
    "I vil tilføje."
)


# Why the organisation can no longer edit an input, by its status.
NOT_EDITABLE_MESSAGES = {
    Status.IN_REVIEW: gettext_lazy(
        "BL er ved at behandle inputtet, så det kan ikke længere redigeres."
    ),
    Status.ACCEPTED: gettext_lazy(
        "BL har behandlet inputtet, så det kan ikke længere redigeres."
    ),
    Status.REJECTED: gettext_lazy(
        "BL har behandlet inputtet, så det kan ikke længere redigeres."
    ),
    Status.WITHDRAWN: gettext_lazy(
        "I har trukket inputtet tilbage, så det kan ikke længere redigeres."
    ),
    Status.ARCHIVED: gettext_lazy(
        "Inputtet er arkiveret, så det kan ikke længere redigeres."
    ),
}

NOT_SAVED = gettext_lazy(
    "Dine ændringer er ikke gemt, men din tekst står stadig nedenfor, så du "
    "kan kopiere den."
)

STORAGE_FULL_MESSAGE = gettext_lazy(
    "Bilagene blev ikke gemt, fordi der ikke er plads på serveren lige nu. Din "
    "tekst er gemt som kladde (og ikke indsendt). Vælg filerne igen om lidt."
)


NOT_KEPT_MESSAGE = gettext_lazy(
    "Bilagene blev ikke gemt, fordi der ikke er plads på serveren lige nu. Vælg "
    "filerne igen om lidt."
)


def _after_save(request, result, *, was_submitted=False):
    input = result.input
    if result.files_not_stored:
        # The text is safe in a draft; the files are asked for again, next
        # to their field, on the draft's own form.
        form = InputForm(instance=input, call=input.call)
        # add_error() needs a bound form; this one shows the saved draft.
        form.errors["attachments"] = form.error_class(
            [STORAGE_FULL_MESSAGE],
            renderer=form.renderer,
            field_id=form["attachments"].auto_id,
        )
        return render(
            request,
            "inputs/input_form.html",
            {"form": form, "call": input.call, "input": input},
            status=507,
        )
    # The receipt is for sending it; changes to a sent input are only saved.
    if input.status == Status.SUBMITTED and not was_submitted:
        return redirect("inputs:receipt", pk=input.pk)
    messages.success(request, _("Dine ændringer er gemt."))
    return redirect("inputs:edit", pk=input.pk)


def _pending_key(request, input=None) -> str | None:
    """Files chosen on a form that did not save wait under the form's key,
    made from its token: per form as rendered, so another tab on the same
    input neither sees nor saves them. None (no waiting) without a token."""
    try:
        token = UUID(request.POST.get("token", ""))
    except ValueError:
        return None
    return f"input-{input.pk}-{token}" if input is not None else f"new-{token}"


def _waiting(request, key) -> int:
    return len(pending_list(session=request.session, key=key)) if key else 0


def _files_to_save(request, form, key) -> list:
    if key is None:
        return form.checked_files
    return pending_files(session=request.session, key=key) + form.checked_files


def _keep_files(request, form, key) -> None:
    """The form did not save: its checked files wait for the next try, or
    the form says, next to the file field, that there was no room for them."""
    if key is None:
        return
    try:
        pending_add(session=request.session, key=key, files=form.checked_files)
    except StorageFull:
        form.add_error("attachments", NOT_KEPT_MESSAGE)


def _render_form(request, form, *, call, input=None, pending_key=None):
    changes_note = None
    if input is not None and input.status == Status.CHANGES_REQUESTED:
        changes_note = input_changes_requested_note(input=input)
    return render(
        request,
        "inputs/input_form.html",
        {
            "form": form,
            "call": call,
            "input": input,
            "changes_note": changes_note,
            "pending": pending_list(session=request.session, key=pending_key)
            if pending_key
            else [],
            "remove_pending_field": REMOVE_FIELD,
        },
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def input_create(request, call_id: int):
    call = get_object_or_404(CallPage.objects.live(), pk=call_id)
    organisations = organisations_for_new_input(request.user)
    if not organisations.exists():
        raise Http404
    if request.method == "GET" and not call.is_open():
        messages.error(request, closed_message(call))
        return redirect(call.url)
    key = None
    if request.method == "POST":
        key = _pending_key(request)
        if key:
            remove = request.POST.getlist(REMOVE_FIELD)
            pending_remove(session=request.session, key=key, ids=remove)
        form = InputForm(
            request.POST,
            request.FILES,
            call=call,
            organisations=organisations,
            intent=_intent(request),
            waiting=_waiting(request, key),
        )
        if form.is_valid():
            try:
                result = input_save(
                    user=request.user,
                    data=form.input_data(),
                    organisation=form.cleaned_data["organisation"],
                    call=call,
                    token=form.cleaned_data["token"] or uuid4(),
                    files=_files_to_save(request, form, key),
                    submit=form.intent == SUBMIT,
                )
            except CallClosed:
                form.add_error(None, closed_message(call))
            except ValidationError as error:  # the services' own checks
                form.add_error(None, error)
            else:
                if key:
                    pending_clear(session=request.session, key=key)
                return _after_save(request, result)
        _keep_files(request, form, key)
    else:
        first = organisations.first()
        form = InputForm(
            call=call,
            organisations=organisations,
            initial={
                "organisation": first,
                "municipality": first.municipality_id,
            },
        )
    return _render_form(request, form, call=call, pending_key=key)


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def input_edit(request, pk: int):
    input = viewable_input_or_404(request.user, pk)
    if not can_edit_input(request.user, input):
        if not can_take_action(request.user, input, Actor.SUBMITTER):
            raise Http404
        if request.method == "POST":
            return _review_started(request, input)
        return _not_editable(request, input)
    key = None
    if request.method == "POST":
        key = _pending_key(request, input)
        if key:
            remove = request.POST.getlist(REMOVE_FIELD)
            pending_remove(session=request.session, key=key, ids=remove)
        form = InputForm(
            request.POST,
            request.FILES,
            instance=input,
            call=input.call,
            intent=_intent(request),
            waiting=_waiting(request, key),
        )
        if form.is_valid():
            try:
                result = input_save(
                    user=request.user,
                    data=form.input_data(),
                    input=input,
                    version=form.cleaned_data["version"],
                    files=_files_to_save(request, form, key),
                    remove_ids=[a.pk for a in form.cleaned_data["remove_attachments"]],
                    submit=form.intent == SUBMIT,
                )
            except StaleInput:
                input.refresh_from_db()
                if form.intent == SUBMIT and is_replayed_submit(
                    input=input, user=request.user, version=form.cleaned_data["version"]
                ):
                    return redirect("inputs:receipt", pk=input.pk)
                saved = InputForm(instance=input, call=input.call)
                conflict_mark(form=form, saved=saved)
            except CallClosed:
                form.add_error(None, closed_message(input.call))
            except ValidationError as error:  # the services' own checks
                form.add_error(None, error)
            else:
                if key:
                    pending_clear(session=request.session, key=key)
                return _after_save(
                    request, result, was_submitted=input.status == Status.SUBMITTED
                )
        _keep_files(request, form, key)
    else:
        form = InputForm(instance=input, call=input.call)
    return _render_form(request, form, call=input.call, input=input, pending_key=key)


def _not_editable(request, input):
    """The organisation opened the edit address of an input it can no
    longer edit: why, and what it can do instead (409, as a late POST)."""
    return render(
        request,
        "inputs/input_not_editable.html",
        {"input": input, "why": NOT_EDITABLE_MESSAGES[input.status]},
        status=409,
    )


def _review_started(request, input):
    """The organisation's form was open when BL started the review, or a
    colleague withdrew the input: what the person typed is shown again,
    with why it was not saved."""
    form = InputForm(request.POST, instance=input, call=input.call)
    form.is_valid()
    if input.status == Status.IN_REVIEW:
        form.add_error(None, REVIEW_STARTED_MESSAGE)
    else:
        form.add_error(None, f"{NOT_EDITABLE_MESSAGES[input.status]} {NOT_SAVED}")
    response = _render_form(request, form, call=input.call, input=input)
    response.status_code = 409
    return response


@login_required
@require_http_methods(["GET", "POST"])
def input_withdraw_view(request, pk: int):
    """Withdraw, after a confirmation page. An input that can no longer be
    withdrawn (withdrawn already, in review) gets the page that says so; a
    simultaneous second press is refused by the state machine and gets the
    same page (inputs.middleware)."""
    input = viewable_input_or_404(request.user, pk)
    if not can_take_action(request.user, input, Actor.SUBMITTER):
        raise Http404
    if not can_withdraw_input(request.user, input):
        return transition_refused(
            request, action="withdraw", status=input.status, input=input
        )
    if request.method == "POST":
        input_withdraw(input=input, user=request.user)
        messages.success(request, _("Inputtet er trukket tilbage."))
        return redirect("inputs:detail", pk=input.pk)
    return render(request, "inputs/input_withdraw.html", {"input": input})


@login_required
@require_http_methods(["GET", "POST"])
def input_delete_view(request, pk: int):
    """Delete a draft, after a confirmation page. Anyone else gets 404."""
    input = viewable_input_or_404(request.user, pk)
    if not can_delete_draft(request.user, input):
        raise Http404
    if request.method == "POST":
        input_draft_delete(input=input, user=request.user)
        messages.success(
            request, _("Kladden »%(title)s« er slettet.") % {"title": input.title}
        )
        return redirect("inputs:list")
    return render(request, "inputs/input_delete.html", {"input": input})
