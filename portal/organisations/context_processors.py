from django.utils.functional import SimpleLazyObject

from .selectors import organisations_of


def membership(request):
    """Whether the person belongs to an organisation: only then does the
    header link to "Vores input", which tells anyone else that they must be a
    member. One query, and only on a page that asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"belongs_to_organisation": False}
    return {
        "belongs_to_organisation": SimpleLazyObject(
            lambda: organisations_of(user=user).exists()
        )
    }
