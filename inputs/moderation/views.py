"""The viewset's views of one input: the inspect view (everything about it,
with the moderator's forms) and its actions: status, visibility, notes,
links, the responsible moderator, redaction and comparing versions.

Each action is a POST to its own address; a valid form calls one service and
returns to the inspect view with a message, an invalid one shows the inspect
view again with the errors beside the fields (400)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history

from ..models import InputRevision
from ..permissions import can_moderate
from ..services import input_transition
from ..services.moderation import (
    VISIBILITY_STATUSES,
    StaleInput,
    input_accept,
    input_assign,
    input_link_add,
    input_redact,
    input_set_visibility,
    internal_note_add,
)
from ..similarity import similar_inputs
from ..states import Actor, IllegalTransition, actions_from
from .diff import content_diff
from .forms import (
    AssignForm,
    InputLinkForm,
    InternalNoteForm,
    RedactionForm,
    TransitionForm,
    VisibilityForm,
)
from .selectors import (
    input_for_moderation,
    input_history,
    input_revisions,
    moderation_queue,
)

FACTS = [
    "reference",
    "status",
    "organisation",
    "kind",
    "partnerships",
    "call",
    "themes",
    "target_groups",
    "municipality",
    "estate",
    "residents_reached",
    "ongoing",
    "contact_name",
    "contact_email",
    "contact_phone",
    "consent",
    "visibility",
    "personal_data_flagged",
    "assigned_to",
    "submitted_at",
]


class InspectView(generic.InspectView):
    """One input in full, with every form a moderator uses on it."""

    template_name = "inputs/moderation/inspect.html"
    any_permission_required = None
    permission_required = "moderate"
    page_title = gettext_lazy("Input")

    def setup(self, request, *args, **kwargs):
        # Wagtail's InspectView loads the object here, before the permission
        # check; `object` is loaded on first use instead (after it).
        super(generic.InspectView, self).setup(request, *args, **kwargs)
        self.pk = self.kwargs[self.pk_url_kwarg]
        self.fields = FACTS

    @cached_property
    def object(self):
        return input_for_moderation(user=self.request.user, pk=self.pk)

    def get_page_subtitle(self):
        return self.object.title

    def get_field_display_value(self, field_name, field):
        # Wagtail shows an empty number or link as "None".
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None else value

    def get_ongoing_display_value(self):
        return _("Ja") if self.object.ongoing else _("Nej")

    def get_personal_data_flagged_display_value(self):
        return _("Ja") if self.object.personal_data_flagged else _("Nej")

    def get_assigned_to_display_value(self):
        user = self.object.assigned_to
        return (user.get_full_name() or user.email) if user else "–"

    def get_organisation_display_value(self):
        name = self.object.organisation.name
        if self.object.is_anonymised:
            return f"{name} ({_('anonymiseret udadtil')})"
        return name

    def get_forms(self, **bound):
        input = self.object
        actions = actions_from(input.status, Actor.MODERATOR)
        forms = {
            "transition_form": TransitionForm(actions=actions, input=input)
            if actions
            else None,
            "visibility_form": VisibilityForm(input=input)
            if input.status in VISIBILITY_STATUSES
            else None,
            "note_form": InternalNoteForm(),
            "link_form": InputLinkForm(),
            "assign_form": AssignForm(initial={"moderator": input.assigned_to_id}),
        }
        return {**forms, **bound}

    def get_context_data(self, **kwargs):
        input = self.object
        return {
            **super().get_context_data(),
            **self.get_forms(**kwargs),
            "input": input,
            "answers": input.answer_items(),
            "attachments": input.attachments.all(),
            "history": input_history(input),
            "notes": input.internal_notes.select_related("author"),
            "revisions": input_revisions(input),
            "links_from": input.links_from.select_related("target__organisation"),
            "links_to": input.links_to.select_related("source__organisation"),
            "similar": similar_inputs(input),
        }

    def back(self):
        return redirect(reverse("inputs_moderation:inspect", args=[self.object.pk]))


class ActionView(InspectView):
    """A POST with one form; `act` calls the service and returns the
    success message, or raises ValidationError for the form."""

    http_method_names = ["post"]
    form_name = ""
    form_class = None

    def make_form(self, data):
        return self.form_class(data)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                message = self.act(form.cleaned_data)
            except ValidationError as error:
                errors = (
                    error.message_dict
                    if hasattr(error, "error_dict")
                    else {None: error.messages}
                )
                for field, messages_ in errors.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                if message:
                    messages.success(request, message)
                return self.back()
        context = self.get_context_data(**{self.form_name: form})
        return self.render_to_response(context, status=400)


class TransitionView(ActionView):
    form_name = "transition_form"

    def make_form(self, data):
        actions = actions_from(self.object.status, Actor.MODERATOR)
        return TransitionForm(data, actions=actions, input=self.object)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except (IllegalTransition, PermissionDenied):
            messages.error(
                request, _("Handlingen er ikke mulig for input i denne status.")
            )
            return self.back()

    def act(self, data):
        if data["action"] == "accept":
            input_accept(
                input=self.object,
                user=self.request.user,
                visibility=data["visibility"] or None,
                note=data["note"],
            )
        else:
            input_transition(
                input=self.object,
                action=data["action"],
                user=self.request.user,
                note=data["note"],
            )
        return _("Status er ændret, og organisationen har fået besked.")


class VisibilityView(ActionView):
    form_name = "visibility_form"

    def make_form(self, data):
        return VisibilityForm(data, input=self.object)

    def act(self, data):
        before = self.object.visibility
        input_set_visibility(
            input=self.object, user=self.request.user, visibility=data["visibility"]
        )
        if self.object.visibility == before:
            return _("Synligheden er uændret.")
        return _("Synligheden er gemt.")


class NoteView(ActionView):
    form_name = "note_form"
    form_class = InternalNoteForm

    def act(self, data):
        internal_note_add(input=self.object, user=self.request.user, text=data["text"])
        return _("Noten er gemt.")


class LinkView(ActionView):
    form_name = "link_form"
    form_class = InputLinkForm

    def act(self, data):
        input_link_add(
            source=self.object,
            target=data["target"],
            kind=data["kind"],
            user=self.request.user,
        )
        return _("Forbindelsen er gemt.")


class AssignView(ActionView):
    form_name = "assign_form"
    form_class = AssignForm

    def act(self, data):
        input_assign(
            input=self.object, user=self.request.user, moderator=data["moderator"]
        )
        return _("Ansvarlig moderator er gemt.")


class RedactView(InspectView):
    """The moderator's edit of the text: each save is a new version."""

    template_name = "inputs/moderation/redact.html"
    page_title = gettext_lazy("Redigér tekst")
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return self.show(RedactionForm(instance=self.object))

    def post(self, request, *args, **kwargs):
        form = RedactionForm(request.POST, instance=self.object)
        if form.is_valid():
            data = form.cleaned_data
            try:
                input_redact(
                    input=self.object,
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
                return self.back()
        return self.show(form)

    def show(self, form):
        context = {**super(InspectView, self).get_context_data(), "form": form}
        return self.render_to_response(
            {**context, "input": self.object}, status=400 if form.errors else 200
        )


class CompareView(InspectView):
    """A version of the text against the original submission, word by word."""

    template_name = "inputs/moderation/compare.html"
    page_title = gettext_lazy("Sammenlign med originalen")

    def get(self, request, *args, revision_pk, **kwargs):
        revision = get_object_or_404(InputRevision, input=self.object, pk=revision_pk)
        original = input_revisions(self.object).first()
        context = super(InspectView, self).get_context_data()
        return self.render_to_response(
            {
                **context,
                "input": self.object,
                "revision": revision,
                "original": original,
                "rows": content_diff(original.content, revision.content),
            }
        )


class HistoryView(history.HistoryView):
    """Wagtail's history of the input, for moderators only."""

    any_permission_required = None
    permission_required = "moderate"

    def get_base_object_queryset(self):
        # Wagtail loads the object before its permission check: refuse here.
        if not can_moderate(self.request.user):
            raise PermissionDenied
        return moderation_queue(user=self.request.user)


# (route, view, URL name) of the viewset's own views.
ACTIONS = [
    ("<id:pk>/status/", TransitionView, "transition"),
    ("<id:pk>/synlighed/", VisibilityView, "visibility"),
    ("<id:pk>/note/", NoteView, "add_note"),
    ("<id:pk>/forbindelse/", LinkView, "add_link"),
    ("<id:pk>/ansvarlig/", AssignView, "assign"),
    ("<id:pk>/rediger/", RedactView, "redact"),
    ("<id:pk>/versioner/<id:revision_pk>/", CompareView, "compare"),
]
