from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from cms.demo import seed_pages
from cms.demo_summaries import seed_summaries
from inputs.demo import seed_inputs
from portal.organisations.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    seed_organisations,
    seed_people,
)
from portal.site import site_base_url
from search.synonyms import synonyms_load_starter


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content. Refuses when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default=None,
            help="host:port the site is served on (default: SITE_URL's); links "
            "in e-mails and the Wagtail site record follow SITE_URL",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates users with a known password; it runs only "
                "with DEBUG on."
            )
        # The demo's own notifications (receipts, decisions) go nowhere: a
        # newcomer scrolled past 2,400 lines of them to find the logins.
        quiet = {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
        with (
            override_settings(MAILERS={**settings.MAILERS, "default": quiet}),
            transaction.atomic(),
        ):
            seed_pages()
            seed_organisations()
            logins = seed_people()
            seed_inputs()
            seed_summaries()
            synonyms_load_starter()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        configured = urlsplit(site_base_url()).netloc
        address = options["address"] or configured
        if address != configured:
            self.stdout.write(
                self.style.WARNING(
                    f"SITE_URL is {site_base_url()}: e-mails link there, not to "
                    f"{address}. Set SITE_URL=http://{address} for both."
                )
            )
        self.stdout.write(f"\nLog in at http://{address}/konto/login/ as:")
        for role, email in logins:
            self.stdout.write(f"  {role:<28} {email:<22} password: {DEMO_PASSWORD}")
        self.stdout.write(
            "\nBL-moderator and Sideadministrator use two-factor authentication.\n"
            f"Add this TOTP secret to an authenticator app: {DEMO_TOTP_SECRET}\n"
            "or print the current code with: .venv/bin/python manage.py demo_totp\n"
        )
