"""A person's own API tokens, on Wagtail's APIToken (only an HMAC of the
token is stored; the text is shown once)."""

import uuid

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import APIToken

MAX_ACTIVE_TOKENS = 10


def api_tokens_of(*, user):
    return APIToken.objects.filter(user=user).order_by("-created", "-pk")


def api_token_create(*, user, name: str, request_id: uuid.UUID):
    """A new token for `user`: (APIToken, its text). The same form sent
    twice (`request_id`) makes one token: the second call gets None, since
    the first one's text can't be shown again."""
    if api_tokens_of(user=user).filter(revoked_at__isnull=True).count() >= (
        MAX_ACTIVE_TOKENS
    ):
        raise ValidationError(
            _("Du kan højst have %(n)s aktive API-nøgler. Tilbagekald en først.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    # cache.add is atomic, in the shared cache across processes too.
    if not cache.add(f"api-token-request:{user.pk}:{request_id}", True, 24 * 3600):
        return None
    return APIToken.create_token(user=user, name=name.strip())
