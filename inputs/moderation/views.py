"""The viewset's views of one input: the inspect view with the moderator's
forms, one view per form (ACTIONS), redaction, comparing versions, history."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.models import ModelLogEntry

from ..models import InputRevision
from ..permissions import can_moderate
from ..similarity import similar_inputs
from ..states import IllegalTransition, refused_message
from . import forms
from .diff import content_diff
from .selectors import moderation_queue

# URL name: (route after the input's address, form) of each action's view.
ACTIONS = {
    "transition": ("status/", forms.TransitionForm),
    "visibility": ("synlighed/", forms.VisibilityForm),
    "tags": ("emner/", forms.TagsForm),
    "add_note": ("note/", forms.InternalNoteForm),
    "add_link": ("forbindelse/", forms.InputLinkForm),
    "assign": ("ansvarlig/", forms.AssignForm),
}


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

    @cached_property
    def object(self):
        queue = moderation_queue(user=self.request.user)
        return get_object_or_404(queue, pk=self.pk)

    def get_page_subtitle(self):
        return self.object.title

    def get_field_display_value(self, field_name, field):
        if field.many_to_many:  # partnerships, themes, target groups
            names = [
                item.display_name for item in getattr(self.object, field_name).all()
            ]
            return ", ".join(names) or "–"
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Ja") if value else _("Nej")
        if isinstance(value, datetime):
            # Wagtail's template localizes the value but leaves it in UTC;
            # the history below it is in local time.
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return "–" if value in (None, "", "-") else value  # not "None" or blank

    def get_organisation_display_value(self):
        name = self.object.organisation.name
        if self.object.is_anonymised:
            anonymised = _("anonymiseret udadtil")
            return f"{name} ({anonymised})"
        return name

    def get_context_data(self, **kwargs):
        input = self.object
        return {
            **super().get_context_data(),
            "input": input,
            "attachments": input.attachments.all(),
            "forms": {
                name: kwargs.get(name) or form_class(input=input)
                for name, (_route, form_class) in ACTIONS.items()
                if form_class.offered(input)
            },
            "history": ModelLogEntry.objects.for_instance(input).select_related("user"),
            "notes": input.internal_notes.select_related("author"),
            "revisions": input.revisions.select_related("created_by"),
            "links_from": input.links_from.select_related("target__organisation"),
            "links_to": input.links_to.select_related("source__organisation"),
            "similar": similar_inputs(input),
        }

    def back(self):
        return redirect("inputs_moderation:inspect", self.object.pk)


class ActionView(InspectView):
    """Posts one form of ACTIONS: a valid one is saved (its service called)
    and leads back with its message; otherwise the inspect view again, with
    the errors beside the fields (400)."""

    http_method_names = ["get", "post"]
    action_name = ""

    def get_form(self, data=None):
        return ACTIONS[self.action_name][1](data, input=self.object)

    def get(self, request, *args, **kwargs):
        # The address a failed form left in the address bar: a reload or a
        # bookmark of it opens the input (after the same permission check).
        return self.back()

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        try:
            if form.is_valid():
                messages.success(request, form.save(user=request.user))
                return self.back()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = error.error_dict
            else:
                errors = {None: error.error_list}
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        except IllegalTransition as error:
            # A colleague moved it first: say where it is now.
            messages.error(request, refused_message(error.action, error.status))
            return self.back()
        except PermissionDenied:
            messages.error(
                request, _("Handlingen er ikke mulig for input i denne status.")
            )
            return self.back()
        context = self.get_context_data(**{self.action_name: form})
        if self.action_name in ACTIONS and not form.offered(self.object):
            # Not on the page, so no field to show the error beside.
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            # Summarised at the top, where the page opens, linking to each
            # field; the errors are also beside the fields.
            context["invalid_form"] = form
        return self.render_to_response(context, status=400)


class RedactView(ActionView):
    """The moderator's edit of the text: each save is a new version."""

    template_name = "inputs/moderation/redact.html"
    page_title = gettext_lazy("Redigér tekst")
    action_name = "redact"

    def get(self, request, *args, **kwargs):
        return InspectView.get(self, request, *args, **kwargs)

    def get_form(self, data=None):
        return forms.RedactionForm(data, input=self.object)

    def get_context_data(self, **kwargs):
        form = kwargs.get(self.action_name) or self.get_form()
        context = super(InspectView, self).get_context_data()
        return {**context, "form": form, "input": self.object}


class CompareView(InspectView):
    """A version of the text against the original submission, word by word."""

    template_name = "inputs/moderation/compare.html"
    page_title = gettext_lazy("Sammenlign med originalen")

    def get_context_data(self, **kwargs):
        revision = get_object_or_404(
            InputRevision, input=self.object, pk=kwargs["revision_pk"]
        )
        original = self.object.revisions.first()
        return {
            **super(InspectView, self).get_context_data(),
            "input": self.object,
            "revision": revision,
            "rows": content_diff(original.content, revision.content),
        }


class HistoryView(history.HistoryView):
    """Wagtail's history of the input, for moderators only."""

    any_permission_required = None
    permission_required = "moderate"

    def get_base_object_queryset(self):
        # Wagtail loads the object before its permission check: refuse here.
        if not can_moderate(self.request.user):
            raise PermissionDenied
        return moderation_queue(user=self.request.user)
