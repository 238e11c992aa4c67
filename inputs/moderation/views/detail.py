"""One input in full, and the moderator's actions on it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...models import InputRevision
from ...services import input_transition
from ...services.moderation import (
    VISIBILITY_STATUSES,
    StaleInput,
    input_accept,
    input_assign,
    input_link_add,
    input_redact,
    input_set_visibility,
    internal_note_add,
)
from ...similarity import similar_inputs
from ...states import Actor, IllegalTransition, actions_from
from ..access import moderator_required
from ..diff import content_diff
from ..forms import (
    AssignForm,
    InputLinkForm,
    InternalNoteForm,
    RedactionForm,
    TransitionForm,
    VisibilityForm,
)
from ..selectors import input_for_moderation, input_history, input_revisions


def _attachments(input):
    return [
        {
            "name": attachment.original_name,
            "url": reverse("inputs:attachment", args=[input.pk, attachment.pk]),
        }
        for attachment in input.attachments.all()
    ]


def _detail_context(request, input, **forms):
    actions = actions_from(input.status, Actor.MODERATOR)
    return {
        "input": input,
        "answers": input.answer_items(),
        "attachments": _attachments(input),
        "history": input_history(input),
        "notes": input.internal_notes.select_related("author"),
        "revisions": input_revisions(input),
        "links_from": input.links_from.select_related("target__organisation"),
        "links_to": input.links_to.select_related("source__organisation"),
        "similar": similar_inputs(input),
        "transition_form": forms.get("transition_form")
        or (TransitionForm(actions=actions, input=input) if actions else None),
        "visibility_form": forms.get("visibility_form")
        or (
            VisibilityForm(input=input) if input.status in VISIBILITY_STATUSES else None
        ),
        "note_form": forms.get("note_form") or InternalNoteForm(),
        "link_form": forms.get("link_form") or InputLinkForm(),
        "assign_form": AssignForm(initial={"moderator": input.assigned_to_id}),
    }


@moderator_required
def detail(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    return TemplateResponse(
        request, "inputs/moderation/detail.html", _detail_context(request, input)
    )


def _rerender(request, input, status=400, **forms):
    return TemplateResponse(
        request,
        "inputs/moderation/detail.html",
        _detail_context(request, input, **forms),
        status=status,
    )


@require_POST
@moderator_required
def transition(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = TransitionForm(
        request.POST, actions=actions_from(input.status, Actor.MODERATOR), input=input
    )
    if not form.is_valid():
        return _rerender(request, input, transition_form=form)
    data = form.cleaned_data
    try:
        if data["action"] == "accept":
            input_accept(
                input=input,
                user=request.user,
                visibility=data["visibility"] or None,
                note=data["note"],
            )
        else:
            input_transition(
                input=input, action=data["action"], user=request.user, note=data["note"]
            )
    except ValidationError as error:
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
        return _rerender(request, input, transition_form=form)
    except (IllegalTransition, PermissionDenied):
        messages.error(request, _("Handlingen er ikke mulig for input i denne status."))
        return redirect("inputs_moderation:detail", pk=pk)
    messages.success(request, _("Status er ændret, og organisationen har fået besked."))
    return redirect("inputs_moderation:detail", pk=pk)


@require_POST
@moderator_required
def change_visibility(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = VisibilityForm(request.POST, input=input)
    if not form.is_valid():
        return _rerender(request, input, visibility_form=form)
    before = input.visibility
    try:
        input_set_visibility(
            input=input, user=request.user, visibility=form.cleaned_data["visibility"]
        )
    except ValidationError as error:
        form.add_error(
            "visibility", error.message_dict.get("visibility", error.messages)
        )
        return _rerender(request, input, visibility_form=form)
    if input.visibility == before:
        messages.info(request, _("Synligheden er uændret."))
    else:
        messages.success(request, _("Synligheden er gemt."))
    return redirect("inputs_moderation:detail", pk=pk)


@require_POST
@moderator_required
def add_note(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = InternalNoteForm(request.POST)
    if not form.is_valid():
        return _rerender(request, input, note_form=form)
    internal_note_add(input=input, user=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Noten er gemt."))
    return redirect("inputs_moderation:detail", pk=pk)


@require_POST
@moderator_required
def add_link(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = InputLinkForm(request.POST)
    if form.is_valid():
        try:
            input_link_add(
                source=input,
                target=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("target", error.message_dict.get("target", error.messages))
    if not form.is_valid():
        return _rerender(request, input, link_form=form)
    messages.success(request, _("Forbindelsen er gemt."))
    return redirect("inputs_moderation:detail", pk=pk)


@require_POST
@moderator_required
def assign(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        input_assign(
            input=input, user=request.user, moderator=form.cleaned_data["moderator"]
        )
        messages.success(request, _("Ansvarlig moderator er gemt."))
    return redirect("inputs_moderation:detail", pk=pk)


@moderator_required
def redact(request, pk):
    input = input_for_moderation(user=request.user, pk=pk)
    form = RedactionForm(request.POST or None, instance=input)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            input_redact(
                input=input,
                user=request.user,
                version=data["version"],
                title=data["title"],
                challenge=data["challenge"],
                solution=data["solution"],
                answers=form.answers(),
                personal_data_confirmed=data["confirm_personal_data"],
            )
        except StaleInput as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Teksten er gemt som en ny version."))
            return redirect("inputs_moderation:detail", pk=pk)
    return TemplateResponse(
        request,
        "inputs/moderation/redact.html",
        {"input": input, "form": form},
        status=400 if form.errors else 200,
    )


@moderator_required
def compare(request, pk, revision_pk):
    input = input_for_moderation(user=request.user, pk=pk)
    revision = get_object_or_404(InputRevision, input=input, pk=revision_pk)
    original = input_revisions(input).first()
    return TemplateResponse(
        request,
        "inputs/moderation/compare.html",
        {
            "input": input,
            "revision": revision,
            "original": original,
            "rows": content_diff(original.content, revision.content),
        },
    )
