from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import organisations_of


@login_required
def home(request):
    return render(
        request,
        "organisations/home.html",
        {"organisations": organisations_of(user=request.user)},
    )


@login_required
def join(request):
    return render(request, "organisations/join.html", {})
