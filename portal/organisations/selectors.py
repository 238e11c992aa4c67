from .models import Organisation


def organisations_of(*, user):
    """The approved organisations the user is a member of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.approved().filter(memberships__user=user)
