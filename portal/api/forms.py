from django import forms
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på nøglen"),
        max_length=100,
        validators=[no_cpr_number],
        help_text=_("Så du kan kende den igen, fx »Analyse i R«."),
    )
    request_id = forms.UUIDField(widget=forms.HiddenInput)
