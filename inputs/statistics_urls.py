from django.urls import path

from .views.statistics import statistics_page

urlpatterns = [
    path("", statistics_page, name="statistics"),
    path("<slug:slug>/", statistics_page, name="statistics_partnership"),
]
