from django.urls import path

from .feeds import PartnershipSummariesFeed

app_name = "cms"

urlpatterns = [
    path(
        "<slug:slug>/opsamlinger.atom",
        PartnershipSummariesFeed(),
        name="summary_feed",
    ),
]
