from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number, no_cpr_number_in_query


class SavedSearch(models.Model):
    """A search a person keeps, with an e-mail digest of new matches."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Dagligt")
        WEEKLY = "weekly", _("Ugentligt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("navn"), max_length=100, validators=[no_cpr_number])
    # The search page's query string (q, facets, sort): the search as shared.
    query_string = models.CharField(
        max_length=2000, blank=True, validators=[no_cpr_number_in_query]
    )
    frequency = models.CharField(
        _("hvor ofte"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("gemt søgning")
        verbose_name_plural = _("gemte søgninger")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query_string"], name="unique_saved_search"
            )
        ]

    def __str__(self):
        return self.name
