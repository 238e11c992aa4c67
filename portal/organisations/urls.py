from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("tilslut/", views.join, name="join"),
]
