from django.urls import path, re_path
from django.views.generic import RedirectView

from .api import api, api_not_found
from .views import api_token_revoke_view, api_tokens

# Mounted at the project root: the token pages live beside the account pages.
urlpatterns = [
    # Where a developer looks first: the documentation of the current version.
    path("api/", RedirectView.as_view(pattern_name="api-v1:openapi-view")),
    path("api/v1/", api.urls),
    # Any other path under the API (a typo, a trailing slash): its JSON 404.
    re_path(r"^api/v1/", api_not_found),
    path("konto/api-noegler/", api_tokens, name="api_tokens"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        api_token_revoke_view,
        name="api_token_revoke",
    ),
]
