import calendar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..personal_data import PageWithoutCprNumbers, no_cpr_number

# How long a call's inputs keep their contact persons and attachments after
# the call closes (inputs.services.retention); the privacy page states it.
DEFAULT_RETENTION_MONTHS = 24


class QuestionType(models.TextChoices):
    SHORT_TEXT = "singleline", _("Kort tekst")
    LONG_TEXT = "multiline", _("Lang tekst")
    CHOICE = "radio", _("Valg (én mulighed)")
    MULTIPLE_CHOICE = "checkboxes", _("Flere valg")
    YES_NO = "yesno", _("Ja/nej")


# A yes/no question's choices: stored as the Danish word, shown in the page's
# language (Input.answers_shown()).
YES_NO_CHOICES = {"Ja": _("Ja"), "Nej": _("Nej")}


class QuestionFormBuilder(FormBuilder):
    """Wagtail's form builder plus our yes/no type (a Ja/Nej choice)."""

    def create_yesno_field(self, field, options):
        options["choices"] = list(YES_NO_CHOICES.items())
        options.setdefault("widget", forms.RadioSelect)
        return forms.ChoiceField(**options)


class CallQuestion(AbstractFormField):
    """An extra question an editor adds to a call, on Wagtail's form fields."""

    page = ParentalKey(
        "inputs.CallPage", on_delete=models.CASCADE, related_name="questions"
    )
    field_type = models.CharField(
        _("type"), max_length=16, choices=QuestionType.choices
    )
    # Wagtail's own fields, with the CPR rule: BL publishes the questions.
    label = models.CharField(
        verbose_name=_("label"),
        max_length=255,
        help_text=_("The label of the form field"),
        validators=[no_cpr_number],
    )
    choices = models.TextField(
        verbose_name=_("choices"),
        blank=True,
        help_text=_(
            "Comma or new line separated list of choices. Only applicable in "
            "checkboxes, radio and dropdown."
        ),
        validators=[no_cpr_number],
    )
    default_value = models.TextField(
        verbose_name=_("default value"),
        blank=True,
        help_text=_(
            "Default value. Comma or new line separated values supported for "
            "checkboxes."
        ),
        validators=[no_cpr_number],
    )
    help_text = models.CharField(
        verbose_name=_("help text"),
        max_length=255,
        blank=True,
        validators=[no_cpr_number],
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")


class CallPage(PageWithoutCprNumbers, Page):
    """An invitation to send input to one or more partnerships."""

    introduction = models.TextField(
        _("introduktion"), max_length=1000, validators=[no_cpr_number]
    )
    guidance = RichTextField(
        _("vejledning"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        validators=[no_cpr_number],
    )
    partnerships = ParentalManyToManyField(
        "organisations.Partnership",
        verbose_name=_("partnerskaber"),
        related_name="calls",
    )
    opens_at = models.DateTimeField(_("åbner"))
    closes_at = models.DateTimeField(_("lukker"))
    retention_months = models.PositiveSmallIntegerField(
        _("opbevaringsperiode i måneder"),
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Så mange måneder efter indkaldelsen lukker, slettes kontaktpersoner "
            "og bilag på dens input, og input, der aldrig blev accepteret, slettes "
            "helt. Accepterede input beholder deres tekst."
        ),
    )

    parent_page_types = ["cms.HomePage", "cms.PartnershipPage"]
    subpage_types: list[str] = []
    template = "inputs/call_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("guidance"),
        FieldPanel("partnerships", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Åben for input"),
        ),
        FieldPanel("retention_months"),
        InlinePanel("questions", label=_("Ekstra spørgsmål")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("indkaldelse af input")
        verbose_name_plural = _("indkaldelser af input")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {
                    "closes_at": _(
                        "Lukketidspunktet skal ligge efter åbningstidspunktet."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        from ..permissions import organisations_for_new_input

        context = super().get_context(request, *args, **kwargs)
        context["may_start"] = (
            self.is_open() and organisations_for_new_input(request.user).exists()
        )
        return context

    def question_form_fields(self) -> dict[str, forms.Field]:
        """One form field per extra question, keyed by the question's
        clean_name. Each is optional here: the input form requires the
        required ones only on submit, so a draft can be saved half done."""
        questions = list(self.questions.all())
        fields = QuestionFormBuilder(questions).formfields
        for question in questions:
            field = fields[question.clean_name or question.get_field_clean_name()]
            field.question_required = question.required
            field.required = False
        return fields

    def has_opened(self, at=None) -> bool:
        return (at or timezone.now()) >= self.opens_at

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    def has_closed(self, at=None) -> bool:
        return (at or timezone.now()) >= self.closes_at

    def retention_ends_at(self):
        """When the retention period after closing runs out: the same day
        and time `retention_months` later (the month's last day if shorter)."""
        return add_months(self.closes_at, self.retention_months)


def add_months(moment, months: int):
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
