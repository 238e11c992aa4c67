"""The data the load benchmark runs on (bench/load.py runs this first).

On the database DATABASE_URL names: migrate, the demo (seed_demo: pages,
partnerships, open calls, the demo people), N generated inputs (as
bench/search_latency.py makes them, default 100,000), the archive index, and
the load's own people: organisation members, partnership members and
moderators with TOTP, all with the demo password. With --reuse nothing is
generated again when the database already holds the inputs; the people are
made idempotently every time.

Writes bench/.load-people.json (who logs in as what) for the locustfile."""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
sys.path[:0] = [str(Path(__file__).resolve().parent)]

from common import ROOT, bulk_inputs, kept_database, make_organisations  # noqa: E402

PEOPLE_FILE = ROOT / "bench" / ".load-people.json"


def _person(email: str):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from portal.organisations.demo import DEMO_PASSWORD

    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": "Belastning", "last_name": email[:20]}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def make_people(*, members: int, partners: int, moderators: int) -> dict:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from inputs.models import CallPage
    from portal.accounts.roles import Role
    from portal.organisations.demo import DEMO_TOTP_SECRET
    from portal.organisations.models import (
        Membership,
        Organisation,
        PartnershipMembership,
    )
    from portal.organisations.services import membership_set

    call = next(c for c in CallPage.objects.live().order_by("pk") if c.is_open())
    partnership = call.partnerships.first()
    organisation = Organisation.objects.get(name__icontains="AAB")
    people = {"call": call.pk, "members": [], "partners": [], "moderators": []}
    for n in range(members):
        user = _person(f"belastning-medlem{n}@aab.demo")
        if not Membership.objects.filter(user=user).exists():
            membership_set(
                user=user, organisation=organisation, role=Membership.Role.MEMBER
            )
        people["members"].append(user.email)
    for n in range(partners):
        user = _person(f"belastning-partner{n}@sim.demo")
        PartnershipMembership.objects.get_or_create(user=user, partnership=partnership)
        user.groups.add(Group.objects.get(name=Role.PARTNERSHIP_MEMBER))
        people["partners"].append(user.email)
    for n in range(moderators):
        user = _person(f"belastning-moderator{n}@bl.demo")
        user.groups.add(Group.objects.get(name=Role.MODERATOR))
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        people["moderators"].append(user.email)
    people["form"] = _form_data(call, organisation)
    people["pages"] = _page_urls()
    return people


def _form_data(call, organisation) -> dict:
    """A complete input form for the call, as a member fills it in."""
    from inputs.models import TargetGroup, Theme

    data = {
        "organisation": organisation.pk,
        "kind": "both",
        "partnerships": [p.pk for p in call.partnerships.all()],
        "themes": [Theme.objects.order_by("pk").first().pk],
        "target_groups": [TargetGroup.objects.order_by("pk").first().pk],
        "municipality": organisation.municipality_id,
        "estate": "Afdeling 7",
        "residents_reached": "25",
        "consent": "named",
    }
    for question in call.questions.all():
        name = f"question_{question.clean_name or question.get_field_clean_name()}"
        if question.field_type == "yesno":
            data[name] = "Ja"
        elif question.field_type == "radio":
            data[name] = question.choices.splitlines()[0]
        else:
            data[name] = "Flere frivillige og et lokale til lektiecaféen."
    return data


def _page_urls() -> list[str]:
    """The public pages besides the home page: partnership pages, calls,
    summaries, privacy."""
    from wagtail.models import Page

    return [
        page.url
        for page in Page.objects.live().public().filter(depth__gt=2).specific()
        if page.url
    ][:40]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--partners", type=int, default=6)
    parser.add_argument("--moderators", type=int, default=4)
    parser.add_argument("--address", default="127.0.0.1:8820")
    args = parser.parse_args()
    from search_latency import specs

    rng = random.Random(2020)
    with kept_database():
        from django.core.management import call_command

        from inputs.models import Input
        from search.services import archive_rebuild

        call_command("seed_demo", "--address", args.address, verbosity=0)
        if Input.objects.count() < args.n:
            started = time.perf_counter()
            orgs = make_organisations(max(20, args.n // 300), rng)
            bulk_inputs(specs(args.n, orgs, rng), rng)
            print(f"generated {args.n} inputs in {time.perf_counter() - started:.0f} s")
            started = time.perf_counter()
            indexed = archive_rebuild()
            print(f"indexed {indexed} in {time.perf_counter() - started:.0f} s")
        people = make_people(
            members=args.members, partners=args.partners, moderators=args.moderators
        )
        people["inputs"] = Input.objects.count()
    PEOPLE_FILE.write_text(json.dumps(people, indent=1))
    print(f"{people['inputs']} inputs; people in {PEOPLE_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
