"""Demo organisations and people for `manage.py seed_demo`. Local use only."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.roles import Role

from .models import Membership, Municipality, Organisation, Partnership
from .services import membership_set, partnership_membership_add

DEMO_PASSWORD = "demo-Partner-2020"  # noqa: S105 - local demo only; DEBUG is on.
# A fixed TOTP secret so the demo moderator and site administrator can log in
# with any authenticator app, and the browser test can compute the code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

ORGANISATIONS = [
    # name, CVR, kind, municipality
    ("AAB", "93170601", Organisation.Kind.HOUSING_ORGANISATION, "København"),
    ("fsb", "69388949", Organisation.Kind.HOUSING_ORGANISATION, "København"),
    ("KAB", "22303775", Organisation.Kind.HOUSING_ORGANISATION, "København"),
    ("Domea.dk", "64993372", Organisation.Kind.HOUSING_ORGANISATION, "Frederiksberg"),
    (
        "Boligselskabet Sjælland",
        "69426956",
        Organisation.Kind.HOUSING_ORGANISATION,
        "Køge",
    ),
    ("Østjysk Bolig", "26320887", Organisation.Kind.HOUSING_ORGANISATION, "Aarhus"),
    (
        "Himmerland Boligforening",
        "51225937",
        Organisation.Kind.HOUSING_ORGANISATION,
        "Aalborg",
    ),
    ("Smedetoften, afd. af 3B", "79175501", Organisation.Kind.ESTATE, "København"),
    (
        "Boligsocial helhedsplan Gellerup-Toveshøj",
        "48947492",
        Organisation.Kind.MASTER_PLAN,
        "Aarhus",
    ),
    ("Helhedsplan Vollsmose", "21932647", Organisation.Kind.MASTER_PLAN, "Odense"),
    (
        "Næstved Boligselskab",
        "41523174",
        Organisation.Kind.HOUSING_ORGANISATION,
        "Næstved",
    ),
]
# With the public demo inputs (inputs/demo_public.py): three organisations in
# every region, or /statistik/ may show no region but the capital's.
MORE_ORGANISATIONS = [
    (
        "Slagelse Boligselskab",
        "77216308",
        Organisation.Kind.HOUSING_ORGANISATION,
        "Slagelse",
    ),
    (
        "Brabrand Boligforening",
        "74037259",
        Organisation.Kind.HOUSING_ORGANISATION,
        "Aarhus",
    ),
    ("Alabu Bolig", "24887421", Organisation.Kind.HOUSING_ORGANISATION, "Aalborg"),
    ("Vivabolig", "40436448", Organisation.Kind.HOUSING_ORGANISATION, "Aalborg"),
    ("Civica", "81822794", Organisation.Kind.HOUSING_ORGANISATION, "Odense"),
    ("FAB", "13143749", Organisation.Kind.HOUSING_ORGANISATION, "Odense"),
]

# email, first name, last name, role, organisation or partnership slug
PEOPLE = [
    ("medlem@aab.demo", "Mette", "Nielsen", Role.ORGANISATION_MEMBER, "AAB"),
    ("admin@aab.demo", "Lars", "Christensen", Role.ORGANISATION_ADMIN, "AAB"),
    ("medlem@fsb.demo", "Fatima", "Hassan", Role.ORGANISATION_MEMBER, "fsb"),
    ("moderator@bl.demo", "Hanne", "Jørgensen", Role.MODERATOR, None),
    # A second moderator: a summary needs one who did not submit it.
    ("moderator2@bl.demo", "Karim", "Said", Role.MODERATOR, None),
    ("partner@sim.demo", "Peter", "Madsen", Role.PARTNERSHIP_MEMBER, "udsatte-voksne"),
    ("admin@bl.demo", "Anders", "Holm", Role.SITE_ADMIN, None),
]


def seed_organisations() -> list[Organisation]:
    organisations = []
    for name, cvr, kind, municipality in ORGANISATIONS + MORE_ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            cvr=cvr,
            defaults={
                "name": name,
                "kind": kind,
                "municipality": Municipality.objects.get(name=municipality),
                "status": Organisation.Status.APPROVED,
            },
        )
        organisations.append(organisation)
    return organisations


def seed_people() -> list[tuple[str, str]]:
    """Create one demo user per role; return (role, e-mail) for the README."""
    User = get_user_model()
    logins = []
    for email, first, last, role, target in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role in (Role.ORGANISATION_MEMBER, Role.ORGANISATION_ADMIN):
            membership_set(
                user=user,
                organisation=Organisation.objects.get(name=target),
                role=Membership.Role.ADMIN
                if role == Role.ORGANISATION_ADMIN
                else Membership.Role.MEMBER,
            )
        elif role == Role.PARTNERSHIP_MEMBER:
            partnership_membership_add(
                user=user,
                partnership=Partnership.objects.get(slug=target),
                affiliation="Social- og Indenrigsministeriet",
            )
        else:
            user.groups.add(Group.objects.get(name=role))
            if not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
        logins.append((role, email))
    return logins
