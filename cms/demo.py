"""The demo page tree for `manage.py seed_demo`."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site

from inputs.models.calls import DEFAULT_RETENTION_MONTHS
from portal.organisations.models import Partnership
from portal.site import site_base_url

from .models import ContactSettings, HomePage, PartnershipPage, StandardPage

HOME_INTRO = (
    "Socialministeren har nedsat partnerskaber, der skal hjælpe sårbare grupper "
    "gennem genåbningen efter COVID-19. BL – Danmarks Almene Boliger sidder i tre "
    "af dem og bringer boligorganisationernes erfaringer, udfordringer og "
    "løsninger videre. Her kan boligorganisationer, afdelinger og boligsociale "
    "helhedsplaner sende deres input."
)

PARTNERSHIP_INTROS = {
    "udsatte-boern-og-unge": (
        "Partnerskabet samler kommuner, organisationer og boligsektoren om børn og "
        "unge, der har været isoleret under nedlukningen: lektiehjælp, "
        "fritidsaktiviteter og kontakt til familier, der er faldet ud af "
        "fællesskaberne."
    ),
    "udsatte-voksne": (
        "Partnerskabet arbejder for socialt udsatte voksne, som har mistet den "
        "hjælp og kontakt, de plejer at have: hjemløse, mennesker med misbrug og "
        "psykisk sårbare beboere. De almene boligafdelinger kan bygge bro til "
        "kommunens tilbud."
    ),
    "svaekkede-aeldre": (
        "Partnerskabet sætter fokus på svækkede ældre, der har isoleret sig under "
        "epidemien. Boligsociale medarbejdere og frivillige i afdelingerne kan "
        "opspore ensomme ældre og hjælpe dem tilbage til fællesskabet."
    ),
}

PRIVACY_TEXT = (
    "<p>Partnerportalen behandler oplysninger om de medarbejdere, der logger ind: "
    "navn, arbejdsmail og organisation. Input må ikke indeholde oplysninger, der "
    "kan identificere beboere. Portalen afviser CPR-numre og advarer om "
    "e-mailadresser og telefonnumre i teksten.</p>"
    f"<p>Vi gemmer input i den periode, der står på hver indkaldelse, som "
    f"standard {DEFAULT_RETENTION_MONTHS} måneder efter, at indkaldelsen er "
    "lukket. Derefter sletter vi kontaktpersonernes navn, e-mail og telefon og "
    "alle bilag, og input, der aldrig blev accepteret (kladder, afviste og "
    "tilbagetrukne), slettes helt. Accepterede input bliver i arkivet uden "
    "kontaktoplysninger.</p>"
    "<p>Under »Min konto« kan du selv hente alle oplysninger om dig (»Mine "
    "data«) og slette din konto. Sletter du kontoen, fjernes dit navn og din "
    "e-mail fra de input, du har skrevet; selve inputtene tilhører din "
    "organisation og bliver liggende.</p>"
    "<p>BL – Danmarks Almene Boliger er dataansvarlig. Kontakt os på "
    "partnerskaber@bl.dk, hvis du har spørgsmål til, hvordan vi behandler dine "
    "oplysninger.</p>"
)


# The demo's portal opened the day before the calls (inputs/demo.py).
LAUNCHED = datetime(2020, 6, 22, 9, 0)


def page_date(page: Page, *, at: datetime) -> None:
    """Dates a page the demo has just created and published `at`: its
    publication, its revisions and its audit log (a second apart, in the
    order written), as if it had been published then and not on the day the
    demo was seeded."""
    page.revisions.update(created_at=at)
    entries = PageLogEntry.objects.filter(page=page).order_by("pk")
    for i, pk in enumerate(list(entries.values_list("pk", flat=True))):
        PageLogEntry.objects.filter(pk=pk).update(timestamp=at + timedelta(seconds=i))
    Page.objects.filter(pk=page.pk).update(
        first_published_at=at, last_published_at=at, latest_revision_created_at=at
    )
    page.refresh_from_db()


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page_date(page, at=timezone.make_aware(LAUNCHED))
    return page


def seed_pages() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Partnerportalen", slug="partnerportalen", introduction=HOME_INTRO
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        page_date(home, at=timezone.make_aware(LAUNCHED))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    # Wagtail's own absolute links (page.full_url) follow the configured
    # address, as every e-mail's links do (portal.site).
    address = urlsplit(site_base_url())
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = settings.WAGTAIL_SITE_NAME
    if site.root_page_id != home.pk:
        old_root = site.root_page if site.pk else None
        site.root_page = home
        site.save()
        # Wagtail's "Welcome" page is no use to anyone.
        if old_root and old_root.pk != home.pk and not old_root.get_children():
            old_root.delete()
    else:
        site.save()
    for partnership in Partnership.objects.hosted():
        _child(
            home,
            PartnershipPage,
            partnership.slug,
            title=partnership.name,
            partnership=partnership,
            introduction=PARTNERSHIP_INTROS.get(partnership.slug, ""),
            show_in_menus=True,
        )
    privacy = _child(
        home,
        StandardPage,
        "privatliv",
        title="Privatlivspolitik",
        introduction="Sådan behandler vi oplysninger på Partnerportalen.",
        body=[("paragraph", PRIVACY_TEXT)],
    )
    contact = ContactSettings.for_site(site)
    if contact.privacy_page_id is None:
        contact.privacy_page = privacy
        contact.save()
    return home
