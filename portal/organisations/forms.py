from uuid import uuid4

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as stdnum_cvr

from inputs.personal_data import no_cpr_number, no_cpr_number_in_email

from .models import Membership, Municipality, Organisation, Partnership, validate_cvr


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Organisationens navn eller CVR-nummer"),
        max_length=200,
        required=False,
        help_text=_("Fx »AAB« eller »93 17 06 01«."),
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Besked til administratoren (valgfri)"),
        required=False,
        max_length=1000,
        validators=[no_cpr_number],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    """Approve or decline: one form (and one view) for both."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Godkend")), ("decline", _("Afvis"))]
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Kollegaens e-mail"), validators=[no_cpr_number_in_email]
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=Membership.Role.choices, initial="member"
    )
    # This form as rendered: the same press sent again (a double click, a
    # retry) sends no second e-mail (services.invitation_create).
    token = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid4)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)


class PartnershipInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), validators=[no_cpr_number_in_email])
    partnership = forms.ModelChoiceField(
        label=_("Partnerskab"),
        queryset=Partnership.objects.hosted(),
        empty_label=_("Vælg partnerskab"),
    )


class OrganisationRegisterForm(forms.Form):
    """The service validates again and gives the Danish error that points to
    asking to join when the CVR number is already known."""

    name = forms.CharField(
        label=_("Organisationens navn"), max_length=200, validators=[no_cpr_number]
    )
    cvr = forms.CharField(
        label=_("CVR-nummer"),
        max_length=20,
        help_text=_("8 cifre. Mellemrum er tilladt."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Organisation.Kind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.all(),
        empty_label=_("Vælg kommune"),
    )

    def clean_cvr(self) -> str:
        # Checked here too, so every field's error shows at once.
        value = stdnum_cvr.compact(self.cleaned_data["cvr"])
        validate_cvr(value)
        return value
