from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from ..personal_data import no_cpr_number_in_email
from ..states import EDITABLE_BY_SUBMITTER, Status

# The most residents one housing-social effort can reach. The social housing
# sector houses about a million people in all; an effort in one estate or
# town reaches tens or hundreds of them, a municipality-wide one a few
# thousand. 100,000 is far above any one effort, while a ten-digit number (a
# CPR or phone number typed into the wrong field) is refused, never stored
# nor shown as a count.
MOST_RESIDENTS_REACHED = 100_000


class Kind(models.TextChoices):
    CHALLENGE = "challenge", _("Udfordring")
    SOLUTION = "solution", _("Løsning")
    BOTH = "both", _("Udfordring og løsning")


class Consent(models.TextChoices):
    NAMED = "named", _("Ja, med organisationens navn")
    ANONYMISED = "anonymised", _("Ja, anonymiseret")
    NONE = "none", _("Nej, kun til BL og partnerskaberne")


class Visibility(models.TextChoices):
    BL_ONLY = "bl", _("Kun BL")
    PARTNERSHIP = "partnership", _("Partnerskabernes medlemmer")
    PUBLIC = "public", _("Offentlig")


class Keyword(TagBase):
    """An input's keyword. Its own table, not taggit's shared Tag: the
    admin's tag autocomplete for pages, images and documents lists every Tag,
    and BL must never be offered a keyword that only a draft carries."""

    class Meta:
        verbose_name = _("nøgleord")
        verbose_name_plural = _("nøgleord")


class InputKeyword(ItemBase):
    tag = models.ForeignKey(
        Keyword, on_delete=models.CASCADE, related_name="tagged_inputs"
    )
    content_object = models.ForeignKey(
        "inputs.Input", on_delete=models.CASCADE, related_name="tagged_keywords"
    )


def answer_text(answer: dict) -> str:
    """A stored answer's value as text: several choices joined by commas."""
    value = answer.get("value")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


class Input(models.Model):
    """A housing organisation's input: a challenge, a solution, or both."""

    # Text fields that hold what the organisation wrote: the personal-data
    # guard scans them, redaction edits them (the estate too: a resident's
    # name was found there, which a moderator could not remove), each
    # revision keeps them, search indexes them.
    CONTENT_FIELDS = ("title", "challenge", "solution", "estate")

    reference = models.CharField(
        _("referencenummer"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="inputs",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forfatter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="inputs",
    )
    call = models.ForeignKey(
        "inputs.CallPage",
        verbose_name=_("indkaldelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inputs",
    )
    partnerships = models.ManyToManyField(
        "organisations.Partnership",
        verbose_name=_("partnerskaber"),
        related_name="inputs",
    )
    # Blank only while a draft: submitting requires it (inputs.forms).
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    challenge = models.TextField(_("udfordringen"), blank=True)
    solution = models.TextField(_("løsningen"), blank=True)
    target_groups = models.ManyToManyField(
        "inputs.TargetGroup",
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="inputs",
    )
    themes = models.ManyToManyField(
        "inputs.Theme", verbose_name=_("temaer"), blank=True, related_name="inputs"
    )
    keywords = TaggableManager(
        verbose_name=_("nøgleord"), through=InputKeyword, blank=True
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="inputs",
    )
    estate = models.CharField(_("afdeling"), max_length=200, blank=True)
    residents_reached = models.PositiveIntegerField(
        _("antal beboere, indsatsen når"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MOST_RESIDENTS_REACHED,
                message=_(
                    "Skriv et antal beboere på højst 100.000. Et større "
                    "tal kan ikke passe på én indsats; står der et CPR- eller "
                    "telefonnummer, så fjern det."
                ),
            )
        ],
    )
    ongoing = models.BooleanField(_("indsatsen kører stadig"), default=False)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("kontaktpersonens e-mail"), blank=True, validators=[no_cpr_number_in_email]
    )
    contact_phone = models.CharField(
        _("kontaktpersonens telefon"), max_length=30, blank=True
    )
    consent = models.CharField(
        _("samtykke til offentliggørelse"),
        max_length=12,
        choices=Consent.choices,
        default=Consent.NONE,
    )
    answers = models.JSONField(_("svar på ekstra spørgsmål"), default=dict, blank=True)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    visibility = models.CharField(
        _("synlighed"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.BL_ONLY,
    )
    personal_data_flagged = models.BooleanField(
        _("mulige personoplysninger"),
        default=False,
        help_text=_("Forfatteren bekræftede en advarsel om e-mail eller telefon."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inputs",
    )
    # A new-input form carries a one-off token, so a replayed POST (double
    # click, browser resend) finds the input it already created.
    idempotency_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False
    )
    # Optimistic locking: every save bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    # When it was published to the archive: saved-search digests report what
    # became findable since they last ran.
    accepted_at = models.DateTimeField(_("accepteret"), null=True, blank=True)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["-updated_at"]
        permissions = [
            ("moderate_input", _("Kan moderere input")),
            ("view_shared_input", _("Kan se input delt med partnerskaberne")),
        ]
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    def __str__(self):
        return f"{self.reference or _('Kladde')}: {self.title}"

    @property
    def is_editable_by_submitter(self) -> bool:
        return self.status in EDITABLE_BY_SUBMITTER

    @property
    def is_anonymised(self) -> bool:
        return self.consent == Consent.ANONYMISED

    # A section shows when the kind asks for it, or when it holds text (kept
    # from before the kind changed, and searchable, so not hidden): a solution
    # has no empty "Udfordringen" with a dash under it.
    @property
    def shows_challenge(self) -> bool:
        return self.kind != Kind.SOLUTION or bool(self.challenge)

    @property
    def shows_solution(self) -> bool:
        return self.kind != Kind.CHALLENGE or bool(self.solution)

    def public_organisation_name(self) -> str:
        """The organisation's name as shown outside BL, per the consent."""
        return str(_("Anonymiseret")) if self.is_anonymised else self.organisation.name

    def answer_items(self) -> list[tuple[str, str]]:
        """The answers to the call's extra questions as (label, display value),
        in the order the call asked them. Stored as {clean_name: {label, value,
        order}}; the order is explicit because PostgreSQL's jsonb sorts keys."""
        answers = [a for a in self.answers.values() if isinstance(a, dict)]
        return [
            (str(answer.get("label", "")), answer_text(answer))
            for answer in sorted(answers, key=lambda a: a.get("order", 0))
        ]

    def answers_shown(self) -> list[tuple[str, str]]:
        """answer_items() for a page: a yes/no answer in the page's language.
        The stored answer does not say its question's type, so any answer
        that is exactly a yes/no choice ("Ja") is shown as one: it means the
        same whatever the question. What is indexed and exported stays as
        stored."""
        from .calls import YES_NO_CHOICES

        return [
            (label, str(YES_NO_CHOICES.get(value, value)))
            for label, value in self.answer_items()
        ]

    @staticmethod
    def answer_line(label: str, value: str) -> str:
        """A label and its answer as one line: "Antal: 12", but "Hvor mange
        deltog? 12" when the label already ends in punctuation."""
        if label.endswith(("?", ":", "!", ".")):
            return f"{label} {value}"
        return f"{label}: {value}"

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS} | {
            "answers": self.answers
        }


class InputRevision(models.Model):
    """A snapshot of an input's text: each submission and each redaction.
    The first submission is the original that only moderators see."""

    class Reason(models.TextChoices):
        SUBMISSION = "submission", _("Indsendelse")
        REDACTION = "redaction", _("Redigering af moderator")

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="revisions")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("version")
        verbose_name_plural = _("versioner")

    def __str__(self):
        return f"{self.input} ({self.get_reason_display()}, {self.created_at:%Y-%m-%d})"
