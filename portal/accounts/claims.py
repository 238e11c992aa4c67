"""E-mail addresses added to an account but never verified. allauth lets
anyone add any address (telling them nothing, so that no one learns which
addresses have accounts); until it is verified it is only a claim. It stands
for nobody (export.emails_of), and it gives way to the address's owner."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def only_claimed(email: str) -> bool:
    """Some account lists the address, none has verified it, and none logs
    in with it."""
    rows = EmailAddress.objects.filter(email__iexact=email)
    return (
        rows.exists()
        and not rows.filter(verified=True).exists()
        and not get_user_model().objects.filter(email__iexact=email).exists()
    )


def claims_release(email: str) -> None:
    """Remove other accounts' unverified claims on the address, for its
    owner's sign-up."""
    if only_claimed(email):
        EmailAddress.objects.filter(email__iexact=email, verified=False).delete()
