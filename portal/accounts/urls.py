from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from . import oidc, views

app_name = "accounts"
urlpatterns = [
    # /konto/ itself is the overview. Without this allauth's middleware turns
    # the 404 here into a redirect to its e-mail page.
    path(
        "",
        login_required(RedirectView.as_view(pattern_name="accounts:my_account")),
        name="index",
    ),
    path("start/", views.start, name="start"),
    path("min-konto/", views.my_account, name="my_account"),
    path("mine-data/", views.data_export, name="data_export"),
    path("slet/", views.delete, name="delete"),
    path("slettet/", views.deleted, name="deleted"),
    path("mitid-erhverv/", oidc.welcome, name="oidc_welcome"),
]
