"""allauth's page that e-mails a code to confirm it is you, with its field
labelled: allauth's field names itself "Recipient", outside gettext. Apart
from forms.py, which allauth's own forms import (ACCOUNT_SIGNUP_FORM_CLASS)."""

from allauth.account.forms import RequestReauthenticationCodeForm
from allauth.account.views import RequestReauthenticationCodeView
from django import forms
from django.utils.translation import gettext_lazy as _


class ReauthenticationCodeForm(RequestReauthenticationCodeForm):
    recipient = forms.ChoiceField(choices=[], label=_("Send koden til"))


class ReauthenticationCodeView(RequestReauthenticationCodeView):
    form_class = ReauthenticationCodeForm
