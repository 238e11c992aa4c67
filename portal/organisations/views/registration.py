from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.ops.ratelimit import limit_reached

from ..forms import OrganisationRegisterForm
from ..services import organisation_register


@login_required
def register(request):
    """Register an organisation that is not yet known; it waits for BL. Only
    a valid form counts towards the limit (each sends BL an e-mail)."""
    # A MitID Erhverv login with an unknown CVR number comes here with it.
    form = OrganisationRegisterForm(
        request.POST or None, initial={"cvr": request.GET.get("cvr", "")[:20]}
    )
    if request.method == "POST" and form.is_valid():
        if limited := limit_reached(request, "organisation_register"):
            return limited
        try:
            organisation = organisation_register(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s er registreret og venter på BL's godkendelse. "
                    "Du får en e-mail, når den er godkendt."
                )
                % {"name": organisation.name},
            )
            return redirect("organisations:home")
    return render(request, "organisations/register.html", {"form": form})
