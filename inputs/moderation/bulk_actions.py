"""The queue's bulk actions as Wagtail bulk actions. Each applies the same
service as the single view to every selected input, each in its own
transaction, and reports every input it could not change."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.bulk_action import BulkAction

from portal.accounts.roles import moderators
from portal.language import DisplayNameChoiceField

from .. import personal_data
from ..models import Input, Theme
from ..models.inputs import Visibility
from ..permissions import can_moderate
from ..services import input_transition
from ..services.moderation import input_accept, input_assign, input_themes_change
from ..states import NOTE_MAX_LENGTH, IllegalTransition, Status, note_missing
from .selectors import moderation_queue


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Besked til organisationerne"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)

    def clean(self):
        # Checked once here, so no input of the selection is half done.
        data = super().clean()
        note = data.get("note", "")
        missing = note_missing(self.action, note)
        if missing and "note" not in self.errors:  # not when it is too long
            self.add_error("note", missing)
        try:
            personal_data.note_check(field="note", label=self["note"].label, text=note)
        except ValidationError as error:
            self.add_error(None, error)
        return data


class AcceptForm(NoteForm):
    visibility = forms.ChoiceField(
        label=gettext_lazy("Synlighed ved accept"),
        choices=[("", gettext_lazy("Som organisationen har givet samtykke til"))]
        + Visibility.choices,
        required=False,
    )


class AssignForm(forms.Form):
    moderator = forms.ModelChoiceField(
        label=gettext_lazy("Moderator"),
        queryset=moderators().order_by("email"),
        error_messages={
            "required": gettext_lazy("Vælg den moderator, der skal have input.")
        },
    )


class ThemeForm(forms.Form):
    theme = DisplayNameChoiceField(
        label=gettext_lazy("Tema"),
        queryset=Theme.objects.all(),
        error_messages={
            "required": gettext_lazy("Vælg det tema, der skal tilføjes eller fjernes.")
        },
    )


class InputBulkAction(BulkAction):
    models = [Input]
    template_name = "inputs/moderation/bulk_confirm.html"
    form_class = NoteForm

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, NoteForm):
            kwargs["action"] = self.action_type
        return kwargs

    def get_actionable_objects(self):
        """The selected inputs in the queue ("all": the whole queue)."""
        ids = self.request.GET.getlist("id")
        queue = moderation_queue(user=self.request.user)
        if "all" not in ids:
            queue = queue.filter(pk__in=[i for i in ids if i.isdigit()])
        objects = list(queue.order_by("-submitted_at", "-pk"))
        if not objects:
            raise Http404
        return objects, {"items_with_no_access": []}

    @classmethod
    def apply(cls, item, *, user, note):
        """A move of the state machine; other actions call their service."""
        input_transition(input=item, action=cls.action_type, user=user, note=note)

    def get_execution_context(self):
        return {"request": self.request, **self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, *, request, **data):
        done = 0
        for item in objects:
            try:
                with transaction.atomic():
                    cls.apply(item, user=request.user, **data)
                done += 1
            except IllegalTransition as error:
                reason = _("ikke muligt fra status »%(status)s«") % {
                    "status": Status(error.status).label
                }
            except ValidationError as error:
                reason = " ".join(error.messages)
            else:
                continue
            messages.error(
                request,
                _("%(input)s blev ikke ændret: %(reason)s")
                % {"input": item.reference or item.title, "reason": reason},
            )
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects:
            return _("%(action)s: udført for %(count)d input.") % {
                "action": self.display_name,
                "count": num_parent_objects,
            }
        return None


class StartReviewBulkAction(InputBulkAction):
    action_type = "start_review"
    display_name = gettext_lazy("Start behandling")
    aria_label = gettext_lazy("Start behandling af de valgte input")
    action_priority = 10


class AcceptBulkAction(InputBulkAction):
    action_type = "accept"
    display_name = gettext_lazy("Acceptér")
    aria_label = gettext_lazy("Acceptér de valgte input")
    action_priority = 20
    form_class = AcceptForm

    @staticmethod
    def apply(item, *, user, note, visibility):
        input_accept(input=item, user=user, visibility=visibility or None, note=note)


class RejectBulkAction(InputBulkAction):
    action_type = "reject"
    display_name = gettext_lazy("Afvis")
    aria_label = gettext_lazy("Afvis de valgte input")
    action_priority = 30


class AssignBulkAction(InputBulkAction):
    action_type = "assign"
    display_name = gettext_lazy("Tildel moderator")
    aria_label = gettext_lazy("Tildel de valgte input til en moderator")
    action_priority = 40
    form_class = AssignForm

    @staticmethod
    def apply(item, *, user, moderator):
        input_assign(input=item, user=user, moderator=moderator)


class AddThemeBulkAction(InputBulkAction):
    action_type = "add_theme"
    display_name = gettext_lazy("Tilføj tema")
    aria_label = gettext_lazy("Tilføj et tema til de valgte input")
    action_priority = 50
    form_class = ThemeForm

    @staticmethod
    def apply(item, *, user, theme):
        input_themes_change(input=item, user=user, add=[theme])


class RemoveThemeBulkAction(InputBulkAction):
    action_type = "remove_theme"
    display_name = gettext_lazy("Fjern tema")
    aria_label = gettext_lazy("Fjern et tema fra de valgte input")
    action_priority = 60
    form_class = ThemeForm

    @staticmethod
    def apply(item, *, user, theme):
        input_themes_change(input=item, user=user, remove=[theme])


BULK_ACTION_CLASSES = [
    StartReviewBulkAction,
    AcceptBulkAction,
    RejectBulkAction,
    AssignBulkAction,
    AddThemeBulkAction,
    RemoveThemeBulkAction,
]
