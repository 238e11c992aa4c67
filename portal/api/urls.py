from django.urls import path

from .api import api
from .views import api_token_revoke_view, api_tokens

# Mounted at the project root: the token pages live beside the account pages.
urlpatterns = [
    path("api/v1/", api.urls),
    path("konto/api-noegler/", api_tokens, name="api_tokens"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        api_token_revoke_view,
        name="api_token_revoke",
    ),
]
