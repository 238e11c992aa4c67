"""Factories for every model the tests build."""

import time

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from inputs.models import Input, TargetGroup, Theme
from inputs.models.inputs import Kind
from portal.organisations.models import (
    Membership,
    Municipality,
    Organisation,
    Partnership,
)
from portal.organisations.services import membership_set

PASSWORD = "correct-Horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    first_name = "Karen"
    last_name = factory.Sequence(lambda n: f"Hansen{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self,
                email=self.email,
                defaults={"verified": True, "primary": True},
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Boligforeningen {n}")
    # Valid CVR numbers: 8 digits whose weighted sum is divisible by 11.
    cvr = factory.Sequence(lambda n: _valid_cvr(n))
    kind = Organisation.Kind.HOUSING_ORGANISATION
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code=101))
    status = Organisation.Status.APPROVED


def _valid_cvr(n: int) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    base = 1_000_000 + n * 7
    while True:
        digits = f"{base:07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        check = (11 - remainder) % 11
        if check < 10 and digits[0] != "0":
            return digits + str(check)
        base += 1


def member_of(organisation, role=Membership.Role.MEMBER, **user_kwargs):
    user = UserFactory(**user_kwargs)
    membership_set(user=user, organisation=organisation, role=role)
    return user


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    author = None
    kind = Kind.BOTH
    title = "Ensomme ældre i afdelingen"
    challenge = "Mange ældre beboere har isoleret sig under nedlukningen."
    solution = "Frivillige ringer til de ældre hver uge og inviterer til kaffe."
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(
                extracted or Partnership.objects.filter(slug="svaekkede-aeldre")
            )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def submitted(self, create, extracted, **kwargs):
        if create and extracted:
            self.submitted_at = timezone.now()
            self.save()


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def target_group(slug: str) -> TargetGroup:
    return TargetGroup.objects.get(slug=slug)


def moderator(**user_kwargs):
    """A BL moderator with TOTP set up, so the admin lets them in."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role

    user = UserFactory(**user_kwargs)
    user.groups.add(Group.objects.get(name=Role.MODERATOR))
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def log_in(client, user, *, second_factor: bool = True):
    """Log `user` in as the login page would: with the second factor passed
    when they have one set up. `second_factor=False` is a session that
    stopped after the password (staff must not get their rights there)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    client.force_login(user)
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if second_factor and totp:
        records.append(
            {"method": "mfa", "at": time.time(), "id": totp.pk, "type": totp.type}
        )
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    # allauth trusts the records only for the user they were made for.
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    # force_login marked the test's own `user` object as its login request's
    # user, before the records above existed. The object goes on standing for
    # the person (in services the test calls), not for a request: unmark it.
    user.__dict__.pop("second_factor_passed", None)
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def partnership_member(partnership):
    """A member of `partnership` in the partnership-member role."""
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role
    from portal.organisations.models import PartnershipMembership

    user = UserFactory()
    PartnershipMembership.objects.create(user=user, partnership=partnership)
    user.groups.add(Group.objects.get(name=Role.PARTNERSHIP_MEMBER))
    return user


NEW_PASSWORD = "Stærkt-kodeord-2020"


def sign_up_data(email: str) -> dict[str, str]:
    """What a newcomer types into the sign-up form (Sofie Berg)."""
    return {
        "first_name": "Sofie",
        "last_name": "Berg",
        "email": email,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }


def error_beside(html: str, field: str) -> str:
    """The error shown beside a form field (its id_<field>_error), as text."""
    start = html.index(f'id="id_{field}_error"')
    return html[start : html.index("</span>\n", start)]
