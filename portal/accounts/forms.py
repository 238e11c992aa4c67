from django import forms
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number


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


class SignupNameForm(forms.Form):
    """The person's name, asked at sign-up (allauth's ACCOUNT_SIGNUP_FORM_CLASS:
    field_order puts them before e-mail and password). Member lists, e-mails and the
    input history show it instead of the bare e-mail address.

    This module must not import allauth's forms: allauth builds its sign-up
    forms on top of this class."""

    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=150,
        validators=[no_cpr_number],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=150,
        validators=[no_cpr_number],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        # allauth's adapter (save_user) has already copied first_name and
        # last_name onto the user from cleaned_data; nothing else to store.
        pass
