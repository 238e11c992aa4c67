from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import moderators

from .. import personal_data
from ..models import Input, InputLink
from ..models.inputs import Visibility
from ..services.moderation import (
    visibility_allowed,
    visibility_choices,
    visibility_default,
)
from ..states import Status


def moderator_choices():
    return moderators().order_by("email")


def _offer_visibilities(field, input) -> None:
    """Only the visibilities the organisation's consent allows, and why
    public is missing when it is."""
    field.choices = visibility_choices(input=input)
    if not visibility_allowed(input=input, visibility=Visibility.PUBLIC):
        field.help_text = _(
            "Organisationen har ikke givet samtykke til offentliggørelse, så "
            "input kan ikke gøres offentligt."
        )
        field.error_messages["invalid_choice"] = _(
            "Input kan kun gøres offentligt, hvis organisationen har givet "
            "samtykke til offentliggørelse."
        )


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("Handling"))
    visibility = forms.ChoiceField(
        label=_("Hvem må se input, når det er accepteret?"),
        required=False,
    )
    note = forms.CharField(
        label=_("Besked til organisationen"),
        help_text=_("Sendes med e-mailen om den nye status."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, actions, input, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(t.action, t.label) for t in actions]
        if "accept" not in (t.action for t in actions):
            # Asked only when accepting is one of the moves.
            del self.fields["visibility"]
            return
        # Only what the consent allows, the widest of it first selected.
        _offer_visibilities(self.fields["visibility"], input)
        self.fields["visibility"].initial = visibility_default(input=input)

    def clean(self):
        data = super().clean()
        if data.get("action") == "request_changes" and not data.get("note", "").strip():
            self.add_error("note", _("Skriv, hvad organisationen skal ændre."))
        return data


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Hvem må se input?"))

    def __init__(self, *args, input, **kwargs):
        # Its own ids: the status form on the same page has a "visibility" too.
        kwargs.setdefault("auto_id", "id_change_%s")
        super().__init__(*args, initial={"visibility": input.visibility}, **kwargs)
        _offer_visibilities(self.fields["visibility"], input)


class InternalNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny intern note"),
        help_text=_("Kun BL-moderatorer kan se interne noter."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class InputLinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Forbindelse"), choices=InputLink.Kind.choices)
    target = forms.CharField(label=_("Andet input (referencenummer)"), max_length=20)

    def clean_target(self):
        reference = self.cleaned_data["target"].strip()
        target = (
            Input.objects.exclude(status=Status.DRAFT)
            .filter(reference__iexact=reference)
            .first()
        )
        if target is None:
            raise forms.ValidationError(
                _("Der findes intet input med referencenummeret %(ref)s."),
                params={"ref": reference},
            )
        return target


class AssignForm(forms.Form):
    moderator = forms.ModelChoiceField(
        label=_("Ansvarlig moderator"), queryset=moderator_choices(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator"].queryset = moderator_choices()


class RedactionForm(forms.ModelForm):
    """The moderator's edit of the text; the answers to extra questions are
    fields named as in the input form, so the personal-data rule's errors
    land beside them."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_personal_data = personal_data.confirm_field()

    class Meta:
        model = Input
        fields = ["title", "challenge", "solution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal_data_warning = ""
        # Answers are stored as {clean_name: {label, value, order}}.
        self.stored_answers = {
            key: answer
            for key, answer in (self.instance.answers or {}).items()
            if isinstance(answer, dict)
        }
        for key, answer in sorted(
            self.stored_answers.items(), key=lambda item: item[1].get("order", 0)
        ):
            value = answer.get("value")
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            self.fields[personal_data.ANSWER_PREFIX + key] = forms.CharField(
                label=answer.get("label", key),
                initial=value or "",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["version"].initial = self.instance.version

    def text_fields(self):
        return [
            self[name]
            for name in self.fields
            if name not in ("version", personal_data.CONFIRM_FIELD)
        ]

    def clean(self):
        cleaned = super().clean()
        data = {
            name: cleaned[name]
            for name in ("title", "challenge", "solution")
            if name in cleaned
        }
        personal_data.form_check(self, data={**data, "answers": self.answers()})
        return cleaned

    def answers(self) -> dict:
        """The answers with the moderator's edited text in place of the value."""
        return {
            key: {
                **answer,
                "value": self.cleaned_data.get(personal_data.ANSWER_PREFIX + key, ""),
            }
            for key, answer in self.stored_answers.items()
        }
