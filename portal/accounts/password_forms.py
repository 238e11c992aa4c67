"""allauth's forms that set a password, reporting a mismatch even when the
first password is also refused (allauth settings ACCOUNT_FORMS).

allauth compares the two passwords only if the first passed validation, so
"kort"/"andet" showed "for kort" alone and the second error came on the
next try. Both now show at once, each beside its field."""

from allauth.account import forms as allauth_forms
from allauth.core import context
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from portal.ops.ratelimit import signup_limit

from .claims import claims_release, only_claimed


class BothPasswordErrors:
    def clean(self):
        cleaned_data = super().clean()
        if "password1" in self.errors and "password2" not in self.errors:
            typed = self["password1"].data, self["password2"].data
            if all(typed) and typed[0] != typed[1]:
                # allauth's own words (locale/da has the Danish).
                message = gettext("You must type the same password each time.")
                self.add_error("password2", message)
        return cleaned_data


class SignupForm(BothPasswordErrors, allauth_forms.SignupForm):
    def clean(self):
        """Only a signup that would make an account counts towards the limit
        per address ("signup_made"), so colleagues' typos behind one office
        address use up no tries. Past it, the form says so and keeps what
        was typed (but the passwords). allauth's "signup" still limits
        every post, against scripts."""
        cleaned_data = super().clean()
        if not self.errors:
            limit = signup_limit(context.request)
            if limit:
                self.add_error(None, ValidationError(limit, code="rate_limited"))
        return cleaned_data

    def validate_unique_email(self, value):
        """An address another account has only added, never verified, is a
        claim, not an account: its owner may still sign up, and the claim
        gives way when they do (save). Anyone may add any address."""
        if only_claimed(value):
            self.account_already_exists = False
            return value
        return super().validate_unique_email(value)

    @transaction.atomic
    def save(self, request):
        claims_release(self.cleaned_data["email"])
        return super().save(request)


class ChangePasswordForm(BothPasswordErrors, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(BothPasswordErrors, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordKeyForm(BothPasswordErrors, allauth_forms.ResetPasswordKeyForm):
    pass
