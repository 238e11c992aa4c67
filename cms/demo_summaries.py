"""Demo summaries for `manage.py seed_demo`: one published summary per
partnership, quoting accepted inputs. Uses the accepted inputs already
there; where a partnership has none, it takes a few demo inputs through the
state machine first, so it also works on its own."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from inputs.models import Input, TargetGroup, Theme
from inputs.models.inputs import Consent, Kind, Visibility
from inputs.services import input_transition
from inputs.services.moderation import input_accept
from inputs.states import Status
from portal.organisations.models import Organisation

from .models import PartnershipPage, SummaryPage
from .workflows import summary_workflow_ensure

MODERATOR_EMAIL = "moderator@bl.demo"
AUTHOR_EMAIL = "medlem@aab.demo"

# partnership slug -> (title, challenge, solution, consent, themes, target group)
DEMO_INPUTS = {
    "svaekkede-aeldre": [
        (
            "Telefonkæde til ensomme ældre",
            "Mange ældre beboere har siddet alene i deres lejligheder under "
            "nedlukningen og har mistet kontakten til naboer og familie.",
            "Frivillige beboere ringer hver uge til de ældre i afdelingen, "
            "handler ind for dem og inviterer til kaffe på afstand i gården.",
            Consent.NAMED,
            ["ensomhed", "tryghedsopkald"],
            "aeldre",
        ),
        (
            "Digital hjælp til ældre beboere",
            "Ældre beboere kan ikke bruge video og NemID, og de er derfor "
            "afskåret fra både lægen og familien.",
            "Unge beboere giver ældre en tablet og lærer dem at videoringe.",
            Consent.ANONYMISED,
            ["digital-kontakt"],
            "aeldre",
        ),
    ],
    "udsatte-voksne": [
        (
            "Opsøgende arbejde i opgangene",
            "Socialt udsatte voksne har mistet kontakten til kommunens tilbud, "
            "da værestederne lukkede.",
            "Boligsociale medarbejdere banker på og bygger bro til kommunen.",
            Consent.NAMED,
            ["opsoegende-arbejde", "misbrug"],
            "udsatte-voksne",
        ),
        (
            "Gældsrådgivning i beboerhuset",
            "Flere beboere har mistet arbejde og er kommet bagud med huslejen.",
            "Frivillige gældsrådgivere holder åben rådgivning hver uge.",
            Consent.ANONYMISED,
            ["gaeld-og-oekonomi"],
            "udsatte-voksne",
        ),
    ],
    "udsatte-boern-og-unge": [
        (
            "Lektiecafé udendørs",
            "Børn i afdelingen er kommet bagud i skolen under hjemmeundervisningen.",
            "Lektiecaféen flyttede ud i gården med frivillige studerende.",
            Consent.NAMED,
            ["lektiehjaelp-og-skole"],
            "boern-og-unge",
        ),
        (
            "Sommeraktiviteter for unge",
            "Unge har kedet sig og samlet sig i grupper, fordi klubberne lukkede.",
            "Helhedsplanen arrangerer fodbold og ture i små hold hele sommeren.",
            Consent.ANONYMISED,
            ["kultur-og-idraet", "faellesskaber-og-foreningsliv"],
            "boern-og-unge",
        ),
    ],
}


def _demo_input(partnership, spec, author, moderator) -> Input:
    title, challenge, solution, consent, themes, target_group = spec
    organisation = Organisation.objects.get(name="AAB")
    item = Input.objects.filter(title=title, organisation=organisation).first()
    if item is None:
        item = Input.objects.create(
            organisation=organisation,
            author=author,
            kind=Kind.BOTH,
            title=title,
            challenge=challenge,
            solution=solution,
            consent=consent,
            municipality=organisation.municipality,
        )
        item.partnerships.set([partnership])
        item.themes.set(Theme.objects.filter(slug__in=themes))
        item.target_groups.set(TargetGroup.objects.filter(slug=target_group))
    if item.status == Status.DRAFT:
        input_transition(input=item, action="submit", user=author)
    if not item.reference:
        # The submission service gives references; demo inputs made before it
        # runs still need one to be quoted.
        Input.objects.filter(pk=item.pk).update(reference=f"DEMO-{item.pk:04d}")
    if item.status == Status.SUBMITTED:
        input_transition(input=item, action="start_review", user=moderator)
    if item.status == Status.IN_REVIEW:
        input_accept(input=item, user=moderator, visibility=Visibility.PUBLIC)
    item.refresh_from_db()
    return item


def _quotable(partnership):
    return (
        Input.objects.filter(partnerships=partnership, status=Status.ACCEPTED)
        .filter(Q(consent=Consent.NAMED) | Q(consent=Consent.ANONYMISED))
        .order_by("submitted_at", "pk")
    )


def seed_summaries() -> list[SummaryPage]:
    summary_workflow_ensure()
    User = get_user_model()
    moderator = User.objects.get(email=MODERATOR_EMAIL)
    author = User.objects.get(email=AUTHOR_EMAIL)
    summaries = []
    for page in PartnershipPage.objects.select_related("partnership"):
        partnership = page.partnership
        if not _quotable(partnership).exists():
            for spec in DEMO_INPUTS.get(partnership.slug, []):
                _demo_input(partnership, spec, author, moderator)
        existing = SummaryPage.objects.child_of(page).first()
        if existing is not None:
            summaries.append(existing)
            continue
        sources = list(_quotable(partnership)[:6])
        body = [
            ("heading", {"text": "Det fortæller boligorganisationerne", "level": "h2"}),
            (
                "paragraph",
                "<p>BL har samlet boligorganisationernes input til partnerskabet. "
                "Her er de erfaringer, der går igen.</p>",
            ),
            *[("quote", {"input": item, "excerpt": ""}) for item in sources[:2]],
            (
                "statistics",
                {"heading": "Input fordelt på temaer", "dimension": "theme"},
            ),
            (
                "recommendations",
                {
                    "heading": "Centrale anbefalinger",
                    "items": [
                        {
                            "title": "Byg videre på de frivillige",
                            "text": "Beboerne selv har nået dem, kommunen ikke nåede.",
                        },
                        {
                            "title": "Hold kontakten, når samfundet åbner",
                            "text": "Opsporingen skal fortsætte efter genåbningen.",
                        },
                    ],
                },
            ),
        ]
        summary = SummaryPage(
            title=f"Opsamling: {partnership.name}",
            slug="opsamling",
            introduction=(
                "Hvad boligorganisationerne har fortalt BL om genåbningen, og "
                "hvad partnerskabet kan gøre nu."
            ),
            body=body,
        )
        page.add_child(instance=summary)
        summary.inputs.set(sources)
        # Seeded demo content is published directly; editors' summaries go
        # through the approval workflow.
        summary.save_revision(user=moderator).publish(user=moderator)
        summaries.append(summary)
    return summaries
