"""The moderator's forms on one input. Each is posted to its own view
(views.ActionView); `save` calls one service and returns the message."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from wagtail.admin.widgets import AdminTagWidget

from portal.accounts.roles import moderators
from portal.language import DisplayNameMultipleChoiceField

from .. import personal_data
from ..models import Input, InputLink, Keyword, TargetGroup, Theme
from ..models.inputs import Visibility, answer_text
from ..services import StaleInput, input_transition
from ..services.moderation import (
    NO_CONSENT,
    input_accept,
    input_assign,
    input_link_add,
    input_redact,
    input_set_visibility,
    input_tags_set,
    internal_note_add,
    visibility_allowed,
    visibility_choices,
)
from ..states import (
    NOTE_MAX_LENGTH,
    PUBLISHED_STATUSES,
    Actor,
    Status,
    actions_from,
    note_missing,
    refusal,
)


class ActionForm(forms.Form):
    # What the "not saved" page says was lost (inputs/views/unsaved.py).
    lost = _("ændringen")

    def __init__(self, *args, input, **kwargs):
        self.input = input
        super().__init__(*args, **kwargs)

    @staticmethod
    def offered(input) -> bool:
        return True


def _offer_visibilities(field, input) -> None:
    """Only what the organisation's consent allows, and why public is missing."""
    field.choices = visibility_choices(input=input)
    field.error_messages["invalid_choice"] = NO_CONSENT
    if not visibility_allowed(input=input, visibility=Visibility.PUBLIC):
        field.help_text = _(
            "Organisationen har ikke givet samtykke til offentliggørelse, så "
            "input kan ikke gøres offentligt."
        )


class TransitionForm(ActionForm):
    lost = _("statusændringen med beskeden til organisationen")

    # Not "action": a field of that name shadows the <form>'s .action in
    # JavaScript. Nothing is preselected, so a stray "Gem status" changes
    # nothing and mails no one.
    transition = forms.ChoiceField(
        label=_("Handling"),
        error_messages={"required": _("Vælg en handling.")},
    )
    visibility = forms.ChoiceField(
        label=_("Hvem må se input, når det er accepteret?"),
        required=False,
    )
    note = forms.CharField(
        label=_("Besked til organisationen"),
        help_text=_("Sendes med e-mailen om den nye status."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        moves = actions_from(self.input.status, Actor.MODERATOR)
        self.fields["transition"].choices = [
            ("", _("– Vælg handling –")),
            *((t.action, t.label) for t in moves),
        ]
        if self.is_bound:
            # An action posted that is not offered here: say where it applies.
            self.fields["transition"].error_messages["invalid_choice"] = refusal(
                self.data.get("transition", ""), Actor.MODERATOR
            )
        if "accept" not in {t.action for t in moves}:
            del self.fields["visibility"]  # asked only when accepting is a move
            return
        _offer_visibilities(self.fields["visibility"], self.input)
        # The widest the consent allows is offered first.
        self.fields["visibility"].initial = self.fields["visibility"].choices[-1][0]

    @staticmethod
    def offered(input) -> bool:
        return bool(actions_from(input.status, Actor.MODERATOR))

    def clean(self):
        data = super().clean()
        missing = note_missing(data.get("transition", ""), data.get("note", ""))
        if missing and "note" not in self.errors:  # not when it is too long
            self.add_error("note", missing)
        return data

    def save(self, *, user):
        data = self.cleaned_data
        if data["transition"] == "accept":
            input_accept(
                input=self.input,
                user=user,
                visibility=data["visibility"] or None,
                note=data["note"],
            )
        else:
            input_transition(
                input=self.input,
                action=data["transition"],
                user=user,
                note=data["note"],
            )
        return _("Status er ændret, og organisationen har fået besked.")


class VisibilityForm(ActionForm):
    lost = _("ændringen af, hvem der må se input")

    visibility = forms.ChoiceField(label=_("Hvem må se input?"))

    def __init__(self, *args, **kwargs):
        # Its own ids: the status form on the same page has a "visibility" too.
        super().__init__(*args, auto_id="id_change_%s", **kwargs)
        self.fields["visibility"].initial = self.input.visibility
        _offer_visibilities(self.fields["visibility"], self.input)

    @staticmethod
    def offered(input) -> bool:
        return input.status in PUBLISHED_STATUSES

    def save(self, *, user):
        before = self.input.visibility
        visibility = self.cleaned_data["visibility"]
        input_set_visibility(input=self.input, user=user, visibility=visibility)
        if self.input.visibility == before:
            return _("Synligheden er uændret.")
        return _("Synligheden er gemt.")


class InternalNoteForm(ActionForm):
    lost = _("noten")

    text = forms.CharField(
        label=_("Ny intern note"),
        help_text=_("Kun BL-moderatorer kan se interne noter."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def save(self, *, user):
        internal_note_add(input=self.input, user=user, text=self.cleaned_data["text"])
        return _("Noten er gemt.")


class InputLinkForm(ActionForm):
    lost = _("forbindelsen")

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

    def save(self, *, user):
        data = self.cleaned_data
        input_link_add(
            source=self.input, target=data["target"], kind=data["kind"], user=user
        )
        return _("Forbindelsen er gemt.")


class AssignForm(ActionForm):
    lost = _("valget af ansvarlig moderator")

    moderator = forms.ModelChoiceField(
        label=_("Ansvarlig moderator"),
        queryset=moderators().order_by("email"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator"].initial = self.input.assigned_to_id

    def save(self, *, user):
        moderator = self.cleaned_data["moderator"]
        input_assign(input=self.input, user=user, moderator=moderator)
        return _("Ansvarlig moderator er gemt.")


class TagsForm(ActionForm):
    """What the input is filed under and found by; all of it, as the
    organisation chose it or a moderator since."""

    lost = _("ændringen af temaer, målgrupper og nøgleord")

    themes = DisplayNameMultipleChoiceField(
        label=_("Temaer"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = DisplayNameMultipleChoiceField(
        label=_("Målgrupper"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    keywords = TagField(
        label=_("Nøgleord"),
        # Completes from the keywords the moderator may see
        # (inputs/moderation/keywords.py), not every input's.
        widget=AdminTagWidget(tag_model=Keyword),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("themes", "target_groups"):
            self.fields[name].initial = list(getattr(self.input, name).all())
        self.fields["keywords"].initial = list(self.input.keywords.all())

    def clean(self):
        cleaned = super().clean()
        # The keywords as typed, as the input form reads them; contact
        # details in a keyword are the moderator's call (input_tags_set).
        typed = personal_data.typed_tags(self["keywords"])
        try:
            personal_data.input_text_check(data={"keywords": typed}, confirmed=True)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def save(self, *, user):
        data = self.cleaned_data
        input_tags_set(
            input=self.input,
            user=user,
            themes=data["themes"],
            target_groups=data["target_groups"],
            keywords=data["keywords"],
        )
        return _("Temaer, målgrupper og nøgleord er gemt.")


class RedactionForm(forms.ModelForm):
    """The moderator's edit of the text; the answers to extra questions are
    fields named as in the input form, so the personal-data rule's errors
    land beside them."""

    lost = _("den redigerede tekst")

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_personal_data = personal_data.confirm_field()

    class Meta:
        model = Input
        fields = ["title", "challenge", "solution", "estate"]

    def __init__(self, *args, input, **kwargs):
        super().__init__(*args, instance=input, **kwargs)
        self.personal_data_warning = ""
        # Answers are stored as {clean_name: {label, value, order}}.
        self.stored_answers = {
            key: answer
            for key, answer in (input.answers or {}).items()
            if isinstance(answer, dict)
        }
        # The call's own fields (a Ja/Nej choice, checkboxes), so only what
        # the organisation could answer saves; free text for a question the
        # call no longer asks.
        asked = input.call.question_form_fields() if input.call_id else {}
        for key, answer in sorted(
            self.stored_answers.items(), key=lambda item: item[1].get("order", 0)
        ):
            field = asked.get(key)
            if field is None:
                field = forms.CharField(
                    initial=answer_text(answer),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            else:
                field.initial = answer.get("value")
            field.label = answer.get("label", key)
            field.required = False
            self.fields[personal_data.ANSWER_PREFIX + key] = field
        self.fields["version"].initial = input.version

    def text_fields(self):
        hidden = ("version", personal_data.CONFIRM_FIELD)
        return [self[name] for name in self.fields if name not in hidden]

    def clean(self):
        cleaned = super().clean()
        data = {name: cleaned[name] for name in self._meta.fields if name in cleaned}
        personal_data.form_check(self, data={**data, "answers": self.answers()})
        return cleaned

    def answers(self) -> dict:
        """The answers with the moderator's edited text in place of the value."""
        return {
            key: {
                **answer,
                "value": self.cleaned_data.get(personal_data.ANSWER_PREFIX + key) or "",
            }
            for key, answer in self.stored_answers.items()
        }

    def save(self, *, user):
        data = self.cleaned_data
        try:
            input_redact(
                input=self.instance,
                user=user,
                version=data["version"],
                title=data["title"],
                challenge=data["challenge"],
                solution=data["solution"],
                estate=data["estate"],
                answers=self.answers(),
                personal_data_confirmed=data["confirm_personal_data"],
            )
        except StaleInput as error:
            raise ValidationError(STALE) from error
        return _("Teksten er gemt som en ny version.")


STALE = _(
    "En anden har gemt dette input, mens du redigerede. Dine ændringer er ikke "
    "gemt. Genindlæs siden, se den nye version, og redigér igen."
)
