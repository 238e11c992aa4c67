from django.urls import path

from portal import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.search, name="search"),
    path("eksport.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("eksport.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("gemte/", views.saved_searches, name="saved"),
    path("gemte/<id:pk>/slet/", views.saved_search_remove, name="saved_remove"),
]
