"""The input form: the one set of rules for what a draft and a submission
must contain. The web form and `manage.py import_inputs` both use it."""

from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from portal.language import DisplayNameMultipleChoiceField
from portal.organisations.models import Partnership

from . import conflicts, personal_data
from .attachments import MAX_ATTACHMENTS, check_count, check_upload
from .models import Input
from .models.inputs import Kind
from .states import Status

DRAFT = "draft"
SUBMIT = "submit"

QUESTION_PREFIX = personal_data.ANSWER_PREFIX

REQUIRED_ON_SUBMIT = {
    "kind": _("Vælg, om inputtet er en udfordring, en løsning eller begge dele."),
    "partnerships": _("Vælg mindst ét partnerskab."),
    "themes": _("Vælg mindst ét tema."),
    "target_groups": _("Vælg mindst én målgruppe."),
    "municipality": _("Vælg kommunen."),
    "consent": _("Vælg, om BL må offentliggøre inputtet."),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _mark_required(field) -> None:
    """Marked required (the template adds "(skal besvares)" to its label),
    though only a submission enforces it: a draft may leave it empty, and the
    form has novalidate. The label itself stays as the question was asked:
    it is stored with the answer."""
    field.widget.attrs.update({"required": True, "aria-required": "true"})


class InputForm(forms.ModelForm):
    """intent=DRAFT needs only a title; intent=SUBMIT needs everything a
    moderator needs. Both run the personal-data guard and check files."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        help_text=_("Du er medlem af flere organisationer. Hvem sender inputtet?"),
    )
    keywords = TagField(
        label=_("Nøgleord"),
        required=False,
        help_text=_("Frie nøgleord, adskilt af komma."),
    )
    # This form as it was rendered: a new input's is its idempotency token
    # (a replayed form makes no second input); on every form it keys the
    # files waiting for its next try (inputs/pending_uploads.py), so a file
    # goes only with the form it was chosen in, not another tab's.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid4)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The edit form's fields as opened, to mark those saved since (conflicts.py).
    opened = forms.CharField(widget=forms.HiddenInput, required=False)
    attachments = MultipleFileField(
        label=_("Tilføj bilag"),
        required=False,
        help_text=_(
            "Op til 5 filer i alt: PDF, DOCX, XLSX, ODT, JPEG eller PNG, "
            "hver højst 10 MB. Billeder gemmes uden metadata."
        ),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Fjern bilag"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_personal_data = personal_data.confirm_field()

    class Meta:
        model = Input
        fields = [
            "kind",
            "title",
            "challenge",
            "solution",
            "partnerships",
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
        ]
        field_classes = {
            "partnerships": DisplayNameMultipleChoiceField,
            "themes": DisplayNameMultipleChoiceField,
            "target_groups": DisplayNameMultipleChoiceField,
        }
        widgets = {
            "kind": forms.RadioSelect,
            "consent": forms.RadioSelect,
            "partnerships": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "challenge": forms.Textarea(attrs={"rows": 8}),
            "solution": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "challenge": _(
                "Hvad er udfordringen for de sårbare beboere? Skriv ikke navne, "
                "CPR-numre eller andet, der kan identificere en beboer."
            ),
            "solution": _("Hvad gør I, og hvad virker?"),
            "contact_name": _("Den, BL kan kontakte om inputtet."),
        }

    def __init__(
        self,
        data=None,
        files=None,
        *,
        call=None,
        organisations=None,
        intent: str = DRAFT,
        waiting: int = 0,
        **kwargs,
    ):
        super().__init__(data, files, **kwargs)
        self.call = call
        self.intent = intent
        # Files chosen on an earlier try that did not save, kept for this one.
        self.waiting = waiting
        self.personal_data_warning = ""
        self.confirmed_before = False
        self.checked_files = []
        editing = self.instance.pk is not None
        if editing:
            del self.fields["organisation"]
            self.fields["keywords"].initial = list(self.instance.keywords.all())
            self.fields["version"].initial = self.instance.version
            self.fields["remove_attachments"].queryset = self.instance.attachments.all()
            # Contact details confirmed when it was last saved: the box is
            # shown ticked, so submitting the draft does not ask again
            # (unticked, it does).
            self.confirmed_before = self.instance.personal_data_flagged
            self.fields[personal_data.CONFIRM_FIELD].initial = self.confirmed_before
        else:
            del self.fields["version"], self.fields["remove_attachments"]
            del self.fields["opened"]
            self.fields["organisation"].queryset = organisations
            if len(organisations) == 1:
                self.fields["organisation"].widget = forms.HiddenInput()
        if call is not None:
            self.fields["partnerships"].queryset = call.partnerships.all()
            if not editing:
                self.fields["partnerships"].initial = list(call.partnerships.all())
        else:
            self.fields["partnerships"].queryset = Partnership.objects.all()
        self.question_names = {}
        if call is not None:
            for clean_name, field in call.question_form_fields().items():
                name = QUESTION_PREFIX + clean_name
                self.fields[name] = field
                self.question_names[name] = clean_name
                answer = self.instance.answers.get(clean_name)
                if isinstance(answer, dict):
                    field.initial = answer.get("value")
                if getattr(field, "question_required", False):
                    _mark_required(field)
        # What a field needs is decided in clean(), by intent.
        for name in self.Meta.fields:
            self.fields[name].required = False
        self.fields["kind"].choices = Kind.choices
        if editing and not self.is_bound:
            self.fields["opened"].initial = conflicts.fingerprint(self)

    @property
    def full_validation(self) -> bool:
        """Submitting, or saving an input already submitted, needs it whole."""
        return self.intent == SUBMIT or self.instance.status == Status.SUBMITTED

    def question_fields(self):
        return [self[name] for name in self.question_names]

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        if not title:
            raise ValidationError(
                _("Skriv en titel, også på en kladde."), code="required"
            )
        return title

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.append(error)
        existing = self.waiting
        if self.instance.pk:
            existing += self.instance.attachments.count()
        try:
            check_count(existing=existing, names=[c.name for c in checked])
        except ValidationError as error:
            errors.append(error)
        # The good files that fit are kept even when others are refused
        # (the view keeps them for the next try): nothing chosen is lost.
        self.checked_files = checked[: max(MAX_ATTACHMENTS - existing, 0)]
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self):
        cleaned = super().clean()
        if self.full_validation:
            self._require_complete(cleaned)
        # The services' rule, run here too so its errors show with the rest.
        personal_data.form_check(
            self,
            data={
                **self.input_data(),
                "keywords": personal_data.typed_tags(self["keywords"]),
                personal_data.FILE_NAMES: [c.name for c in self.checked_files],
            },
        )
        return cleaned

    def _require_complete(self, cleaned):
        for name, message in REQUIRED_ON_SUBMIT.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, ValidationError(message, code="required"))
        kind = cleaned.get("kind")
        if kind in (Kind.CHALLENGE, Kind.BOTH) and not cleaned.get("challenge"):
            self.add_error("challenge", _("Beskriv udfordringen."))
        if kind in (Kind.SOLUTION, Kind.BOTH) and not cleaned.get("solution"):
            self.add_error("solution", _("Beskriv løsningen."))
        for name in self.question_names:
            field = self.fields[name]
            if getattr(field, "question_required", False) and not cleaned.get(name):
                self.add_error(
                    name,
                    _("Besvar spørgsmålet »%(question)s«.") % {"question": field.label},
                )

    def answers(self) -> dict:
        return {
            clean_name: {
                "label": str(self.fields[name].label),
                "value": self.cleaned_data.get(name) or "",
                "order": order,
            }
            for order, (name, clean_name) in enumerate(self.question_names.items())
        }

    def input_data(self) -> dict:
        """What the services write: model fields, keywords and answers."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["kind"] = data["kind"] or ""
        data["consent"] = data["consent"] or Input._meta.get_field("consent").default
        data["ongoing"] = bool(data["ongoing"])
        data["keywords"] = self.cleaned_data.get("keywords") or []
        data["answers"] = self.answers()
        data[personal_data.CONFIRMED] = bool(
            self.cleaned_data.get(personal_data.CONFIRM_FIELD)
        )
        for name in (
            "challenge",
            "solution",
            "estate",
            "contact_name",
            "contact_email",
            "contact_phone",
        ):
            data[name] = data[name] or ""
        return data
