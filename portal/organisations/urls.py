from django.urls import path

from portal import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("tilslut/", views.join, name="join"),
    path("tilslut/<id:pk>/", views.join_request, name="join_request"),
    path("registrer/", views.register, name="register"),
    path("<id:pk>/medlemmer/", views.members, name="members"),
    path("medlemskaber/<id:pk>/rolle/", views.membership_role, name="membership_role"),
    path(
        "medlemskaber/<id:pk>/fjern/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "anmodninger/<id:pk>/",
        views.join_request_decide,
        name="join_request_decide",
    ),
    path("godkendelser/", views.moderation, name="moderation"),
    path(
        "godkendelser/organisationer/<id:pk>/",
        views.organisation_decide,
        name="organisation_decide",
    ),
    path(
        "partnerskaber/inviter/",
        views.partnership_invite,
        name="partnership_invite",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
