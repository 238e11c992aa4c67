from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from inputs.personal_data import no_cpr_number, no_cpr_number_in_email


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """The footer's contact details, editable in the admin."""

    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        default="BL – Danmarks Almene Boliger",
        validators=[no_cpr_number],
    )
    address = models.CharField(
        _("adresse"),
        max_length=200,
        default="Studiestræde 50, 1554 København V",
        validators=[no_cpr_number],
    )
    email = models.EmailField(
        _("e-mail"), default="partnerskaber@bl.dk", validators=[no_cpr_number_in_email]
    )
    phone = models.CharField(
        _("telefon"), max_length=30, default="33 76 20 00", validators=[no_cpr_number]
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("side om privatliv"),
    )

    class Meta:
        verbose_name = _("kontaktoplysninger")
