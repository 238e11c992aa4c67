from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    """The person confirms with their password and a tick."""

    password = forms.CharField(
        label=_("Din adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Jeg forstår, at min konto slettes, og at det ikke kan fortrydes."),
        error_messages={
            "required": _("Sæt kryds for at bekræfte, at kontoen skal slettes.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Adgangskoden er forkert."), code="wrong_password"
            )
        return password
