from django.db import models
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number

from ..analysis import words


class Synonym(models.Model):
    """A group of words that mean the same in the archive. Moderators edit
    the groups as a Wagtail snippet; searches for one find all."""

    terms = models.CharField(
        _("ord med samme betydning"),
        max_length=500,
        unique=True,
        help_text=_("Adskil ordene med komma, fx: seniorer, pensionister, ældre"),
        validators=[no_cpr_number],
    )

    class Meta:
        verbose_name = _("synonymgruppe")
        verbose_name_plural = _("synonymer")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def phrases(self) -> list[str]:
        return [p.strip() for p in self.terms.split(",") if words(p)]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.phrases()) < 2:
            raise ValidationError(
                {"terms": _("Skriv mindst to ord, adskilt af komma.")}
            )
