from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.language import in_active_language

from ..personal_data import no_cpr_number


class Vocabulary(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(
        _("navn"), max_length=100, unique=True, validators=[no_cpr_number]
    )
    name_en = models.CharField(
        _("navn på engelsk"), max_length=100, blank=True, validators=[no_cpr_number]
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        # Stays Danish: revisions, exports and the index store it.
        return self.name

    @property
    def display_name(self) -> str:
        """The name to show a person, in their language."""
        return in_active_language(self.name, self.name_en)


class Theme(Vocabulary):
    """Controlled vocabulary; moderators can add themes."""

    # The archive search's bridge from what people type to what inputs are
    # filed under (search/themes.py): "ledighed" finds inputs under
    # Beskæftigelse that only say "fritidsjob".
    search_words = models.TextField(
        _("søgeord"),
        blank=True,
        help_text=_(
            "Ord og udtryk, som folk bruger om temaet, adskilt af komma, fx "
            "»ledighed, fritidsjob, læreplads« for Beskæftigelse. En søgning "
            "på et af dem finder også input under temaet, efter dem der "
            "bruger ordene selv. Gælder fra næste søgning."
        ),
        validators=[no_cpr_number],
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
