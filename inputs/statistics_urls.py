from django.urls import path

from .views.statistics import statistics_csv, statistics_page

urlpatterns = [
    path("", statistics_page, name="statistics"),
    path("statistik.csv", statistics_csv, name="statistics_csv"),
    path(
        "<slug:slug>/statistik.csv", statistics_csv, name="statistics_partnership_csv"
    ),
    path("<slug:slug>/", statistics_page, name="statistics_partnership"),
]
