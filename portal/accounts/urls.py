from django.urls import path

from . import oidc, views

app_name = "accounts"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("min-konto/", views.my_account, name="my_account"),
    path("mine-data/", views.data_export, name="data_export"),
    path("slet/", views.delete, name="delete"),
    path("slettet/", views.deleted, name="deleted"),
    path("mitid-erhverv/", oidc.welcome, name="oidc_welcome"),
]
