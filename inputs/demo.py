"""Demo calls and inputs for `manage.py seed_demo`. Local use only.

One open call under each partnership page, and 42 inputs drawn from the
efforts in BL's 2020 material, spread over the demo organisations and moved
through every status by the right people via input_transition(). After them
come the public inputs of inputs/demo_public.py, each sent, reviewed and
accepted as public, so /statistik/ has counts to show.

The demo tells one story in 2020: the calls open on 23 June, an input is sent
every third day from 24 June, and each step of its path follows the one
before by STEP_GAP. The services date what they write "now"; the seeding
moves each step's log entries and revisions to the step's own time."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, uuid5

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ModelLogEntry

from cms.demo import page_date
from cms.models import PartnershipPage
from portal.organisations.demo import ORGANISATIONS
from portal.organisations.models import Membership, Organisation, Partnership
from portal.organisations.services import membership_set

from .demo_public import PUBLIC_EFFORTS
from .models import CallPage, CallQuestion, Input, InputRevision, TargetGroup, Theme
from .models.inputs import Consent, Visibility
from .services import input_create, input_transition
from .services.moderation import input_accept
from .services.submission import reference_for

CALL_SLUG = "input-til-genaabningen"

QUESTIONS = [
    ("Hvad har I brug for fra partnerskabet?", "multiline", True, ""),
    ("Samarbejder I med kommunen om indsatsen?", "yesno", True, ""),
    (
        "Hvordan finansieres indsatsen?",
        "radio",
        False,
        "Boligsocial helhedsplan\nKommunen\nFonde\nAfdelingens egne midler",
    ),
]
ANSWERS = [
    (
        "Erfaringsudveksling med andre afdelinger og hjælp til at nå kommunen.",
        "Ja",
        "Boligsocial helhedsplan",
    ),
    ("Midler til at fortsætte efter sommeren.", "Nej", "Fonde"),
    ("Kontakt til de frivillige organisationer i området.", "Ja", "Kommunen"),
]

# title, kind, partnership, themes, target groups, challenge, solution
EFFORTS = [
    (
        "Tryghedsopkald til ældre beboere",
        "both",
        "svaekkede-aeldre",
        ["tryghedsopkald", "ensomhed"],
        ["aeldre"],
        "Mange ældre beboere har isoleret sig under nedlukningen. Nogle har ikke talt med andre i flere uger og tør ikke gå ned i kælderen efter post.",
        "Boligsociale medarbejdere og frivillige ringer hver uge til de ældre, hjælper med indkøb og inviterer til kaffe i gården, når det er forsvarligt.",
    ),
    (
        "Aktivitetsposer til børnefamilier",
        "solution",
        "udsatte-boern-og-unge",
        ["faellesskaber-og-foreningsliv", "kultur-og-idraet"],
        ["boern-og-unge", "familier"],
        "",
        "Vi delte aktivitetsposer ud med spil, kridt, bøger og opskrifter til familier i små lejligheder. Poserne blev hentet i beboerhuset med god afstand.",
    ),
    (
        "Lektiehjælp over video",
        "both",
        "udsatte-boern-og-unge",
        ["lektiehjaelp-og-skole", "digital-kontakt"],
        ["boern-og-unge"],
        "Lektiecaféen lukkede, og mange børn havde hverken computer eller ro til skolearbejdet derhjemme.",
        "Frivillige fortsatte lektiehjælpen over video, og afdelingen lånte computere ud til de familier, der manglede.",
    ),
    (
        "Akut Social Drive Out i afdelingerne",
        "solution",
        "udsatte-voksne",
        ["mad-og-fornoedenheder", "opsoegende-arbejde"],
        ["udsatte-voksne", "hjemloese"],
        "",
        "Sammen med Akut Social Drive Out kørte frivillige ud med mad, tøj og fornødenheder til beboere, der ikke selv kunne komme ud.",
    ),
    (
        "Brobygning til kommunens tilbud",
        "both",
        "udsatte-voksne",
        ["brobygning-til-kommunen"],
        ["udsatte-voksne", "psykisk-saarbare"],
        "Da kommunens tilbud lukkede, mistede beboere med misbrug og psykisk sårbarhed kontakten til deres sagsbehandler.",
        "Den boligsociale medarbejder følger beboeren til møder og ringer til kommunen sammen med beboeren, så kontakten genopbygges.",
    ),
    (
        "Ensomhed blandt ældre efter genåbningen",
        "challenge",
        "svaekkede-aeldre",
        ["ensomhed", "selvisolation"],
        ["aeldre"],
        "Selv efter genåbningen bliver mange ældre hjemme af frygt for smitte. De deltager ikke længere i seniorklubben, og familien kommer sjældnere.",
        "",
    ),
    (
        "Fællesspisning med god afstand",
        "solution",
        "svaekkede-aeldre",
        ["faellesskaber-og-foreningsliv", "ensomhed"],
        ["aeldre", "udsatte-voksne"],
        "",
        "Beboerhuset genoptog fællesspisningen med færre pladser, faste borde og tilmelding, så de mest ensomme fik en plads hver uge.",
    ),
    (
        "Boligsociale medarbejdere som brobyggere",
        "both",
        "udsatte-voksne",
        ["brobygning-til-kommunen", "opsoegende-arbejde"],
        ["udsatte-voksne", "familier"],
        "Beboerne kender ikke kommunens medarbejdere og er skeptiske over for myndighederne.",
        "De boligsociale medarbejdere kender beboerne og bygger bro: de tager kommunens rådgivere med ud i afdelingen til åben rådgivning.",
    ),
    (
        "Værnemidler til frivillige",
        "challenge",
        "svaekkede-aeldre",
        ["smitteforebyggelse-og-vaernemidler"],
        ["aeldre"],
        "De frivillige, der handler ind for ældre beboere, har svært ved at skaffe mundbind og håndsprit, og flere er selv i risikogruppen.",
        "",
    ),
    (
        "Videoopkald med familien",
        "solution",
        "svaekkede-aeldre",
        ["digital-kontakt", "ensomhed"],
        ["aeldre"],
        "",
        "Unge frivillige i afdelingen viste ældre beboere, hvordan de ringer op til familien over video på en tablet.",
    ),
    (
        "Gældsrådgivning efter fyringer",
        "both",
        "udsatte-voksne",
        ["gaeld-og-oekonomi", "beskaeftigelse"],
        ["udsatte-voksne", "familier"],
        "Flere familier har mistet arbejdet under nedlukningen og er kommet bagud med huslejen.",
        "Åben gældsrådgivning i beboerhuset med frivillige rådgivere og en aftale med administrationen om afdragsordninger.",
    ),
    (
        "Forældrevejledning på flere sprog",
        "both",
        "udsatte-boern-og-unge",
        ["foraeldrevejledning", "smitteforebyggelse-og-vaernemidler"],
        ["familier", "etniske-minoriteter"],
        "Sundhedsmyndighedernes råd nåede ikke ud til forældre, der ikke læser dansk.",
        "Bydelsmødre oversatte rådene og holdt små møder i opgangene om smitte, skole og fritid.",
    ),
    (
        "Opsøgende gåture for psykisk sårbare",
        "solution",
        "udsatte-voksne",
        ["angst-og-psykiske-lidelser", "opsoegende-arbejde"],
        ["psykisk-saarbare"],
        "",
        "Medarbejderne inviterer beboere med angst på gåture i området, en og en, som et første skridt ud af lejligheden.",
    ),
    (
        "Sommeraktiviteter for unge",
        "both",
        "udsatte-boern-og-unge",
        ["kultur-og-idraet", "faellesskaber-og-foreningsliv"],
        ["boern-og-unge"],
        "De unge har ikke haft fritidsjob eller klubtilbud i foråret og samles sent om aftenen i gårdene.",
        "Sommerferieaktiviteter med den lokale idrætsforening: fodbold, kanotur og en uge med streetart på muren ved vaskeriet.",
    ),
]

# The estates each demo organisation's municipality holds (by its code):
# an input from Aalborg is not about Gellerup.
_STORY_ESTATES = {
    101: ["Tingbjerg", "Mjølnerparken", "Smedetoften"],
    147: ["Finsensvej"],
    259: ["Ellemarken"],
    370: ["Kalbyris"],
    461: ["Vollsmose"],
    751: ["Gellerup", "Bispehaven"],
    851: ["Kildeparken"],
}
# Named only by the public inputs; kept apart, so the story's inputs keep the
# estates they take in turn from _STORY_ESTATES.
_MORE_ESTATES = {
    330: ["Ringparken"],
    461: ["Korsløkkeparken"],
    751: ["Skovgårdsparken"],
    851: ["Løvvangen"],
}
ESTATES = {
    code: _STORY_ESTATES.get(code, []) + _MORE_ESTATES.get(code, [])
    for code in _STORY_ESTATES | _MORE_ESTATES
}

# Danish letters in an e-mail domain, as people write them (slugify drops them).
_ASCII = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def _estate(organisation: Organisation, n: int) -> str:
    """An estate of the organisation's municipality; its own when it is
    named after one ("Smedetoften, afd. af 3B")."""
    estates = _STORY_ESTATES[organisation.municipality.code]
    own = [e for e in estates if e in organisation.name]
    return own[0] if own else estates[n % len(estates)]


# The actions that bring an input to each status, with the moderators' notes.
# One accepted input stays with BL (BL-2020-0064), so the demo shows every
# visibility: a visitor, a partnership member and the organisation's
# neighbours can each check what they may not see.
BL_ONLY_INPUT = 31

PATHS = [
    [],
    [("submit", "")],
    [("submit", ""), ("start_review", "")],
    [
        ("submit", ""),
        ("start_review", ""),
        (
            "request_changes",
            "Vil I uddybe, hvor mange beboere indsatsen når, og hvem der driver den?",
        ),
    ],
    [
        ("submit", ""),
        ("start_review", ""),
        ("accept", "Tak! Vi tager jeres erfaringer med til partnerskabets næste møde."),
    ],
    [
        ("submit", ""),
        ("start_review", ""),
        (
            "reject",
            "Inputtet ligger uden for partnerskabets område; vi har sendt det videre til BL's sekretariat.",
        ),
    ],
    [("submit", ""), ("withdraw", "")],
    [
        ("submit", ""),
        ("start_review", ""),
        ("accept", "Godt eksempel."),
        ("archive", ""),
    ],
    [
        ("submit", ""),
        ("start_review", ""),
        ("request_changes", "Skriv gerne mere om løsningen."),
        ("resubmit", ""),
    ],
]
# The public inputs' one path, and what the moderator wrote when accepting.
PUBLIC_PATH = [("submit", ""), ("start_review", ""), ("accept", "")]
PUBLIC_NOTES = [
    "Tak! Vi deler jeres erfaringer med partnerskabet og på portalen.",
    "Godt eksempel, som andre afdelinger kan lære af.",
    "Tak for et konkret input. Det indgår i BL's næste opsamling.",
]
STORY_COUNT = 42
DEMO_COUNT = STORY_COUNT + len(PUBLIC_EFFORTS)
MODERATOR_ACTIONS = {"start_review", "request_changes", "accept", "reject", "archive"}

CALLS_OPEN = datetime(2020, 6, 23, 9, 0)
FIRST_SUBMISSION = datetime(2020, 6, 24, 10, 0)
# A draft is written the afternoon before it is sent.
DRAFTED_BEFORE = timedelta(hours=20)
STEP_GAP = timedelta(days=2, hours=1)
SUBMIT_ACTIONS = {"submit", "resubmit"}


def path_of(n: int) -> list[tuple[str, str]]:
    """The actions, with notes, that bring demo input `n` to its status."""
    if n >= STORY_COUNT:
        note = PUBLIC_NOTES[n % len(PUBLIC_NOTES)]
        return [*PUBLIC_PATH[:-1], ("accept", note)]
    return PATHS[n % len(PATHS)]


def _step_times(n: int) -> tuple[datetime, list[datetime]]:
    """When demo input `n` was created and when each step of its path was
    taken: the story's first submission every third day from
    FIRST_SUBMISSION, a public input's on its own day, and each further step
    STEP_GAP after the one before."""
    if n >= STORY_COUNT:
        sent = timezone.make_aware(PUBLIC_EFFORTS[n - STORY_COUNT].sent_at)
    else:
        sent = timezone.make_aware(FIRST_SUBMISSION) + timedelta(days=(n * 3) % 150)
    steps = [sent + i * STEP_GAP for i in range(len(path_of(n)))]
    return sent - DRAFTED_BEFORE, steps


@contextmanager
def _dated(input: Input, *, at: datetime):
    """Dates the audit-log entries and revisions the block writes for `input`
    `at` (log entries a second apart, in the order written)."""
    entries = ModelLogEntry.objects.for_instance(input)
    revisions = InputRevision.objects.filter(input=input)
    last_entry = entries.aggregate(pk=Max("pk"))["pk"] or 0
    last_revision = revisions.aggregate(pk=Max("pk"))["pk"] or 0
    yield
    new = entries.filter(pk__gt=last_entry).order_by("pk").values_list("pk", flat=True)
    for i, pk in enumerate(list(new)):
        ModelLogEntry.objects.filter(pk=pk).update(timestamp=at + timedelta(seconds=i))
    revisions.filter(pk__gt=last_revision).update(created_at=at)


def _calls() -> dict[str, CallPage]:
    calls = {}
    opens = timezone.make_aware(CALLS_OPEN)
    for parent in PartnershipPage.objects.select_related("partnership"):
        call = CallPage.objects.child_of(parent).filter(slug=CALL_SLUG).first()
        if call is None:
            call = CallPage(
                title=f"Input til {parent.partnership.name.lower()}",
                slug=CALL_SLUG,
                introduction=(
                    "Socialministeren har bedt boligorganisationerne om input til "
                    "genåbningen. Fortæl os om de udfordringer, I ser hos sårbare "
                    "beboere, og de løsninger, der virker hos jer."
                ),
                guidance=(
                    "<p>Skriv kort og konkret. Skriv ikke navne eller andet, der kan "
                    "identificere en beboer. Gem en kladde undervejs, så kan dine "
                    "kolleger arbejde videre.</p>"
                ),
                opens_at=opens,
                closes_at=timezone.now() + timedelta(days=365),
            )
            call.questions = [
                CallQuestion(
                    label=label, field_type=kind, required=required, choices=choices
                )
                for label, kind, required, choices in QUESTIONS
            ]
            parent.add_child(instance=call)
            call.partnerships.set([parent.partnership])
            call.save_revision().publish()
            page_date(call, at=opens - timedelta(days=1))
        calls[parent.partnership.slug] = call
    return calls


def _authors() -> dict[int, object]:
    """A member per demo organisation: the seeded people, plus one more for
    each organisation that has none (no password: they only author demo data)."""
    User = get_user_model()
    authors = {}
    for organisation in Organisation.objects.approved():
        membership = (
            Membership.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            domain = slugify(organisation.name.translate(_ASCII))[:30]
            email = f"boligsocial@{domain}.demo"
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "first_name": "Boligsocial",
                    "last_name": organisation.name[:30],
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            membership_set(
                user=user, organisation=organisation, role=Membership.Role.MEMBER
            )
            authors[organisation.pk] = user
        else:
            authors[organisation.pk] = membership.user
    return authors


def _answers(call: CallPage, n: int) -> dict:
    values = ANSWERS[n % len(ANSWERS)]
    return {
        q.clean_name: {"label": q.label, "value": values[i], "order": i}
        for i, q in enumerate(call.questions.all())
    }


def _effort(n: int, organisations: dict[str, Organisation]) -> tuple:
    """(organisation, estate, kind, partnership, themes, target groups,
    title, challenge, solution) of demo input `n`."""
    if n >= STORY_COUNT:
        e = PUBLIC_EFFORTS[n - STORY_COUNT]
        return (
            organisations[e.organisation],
            e.estate,
            e.kind,
            e.partnership,
            e.themes,
            e.target_groups,
            e.title,
            e.challenge,
            e.solution,
        )
    title, kind, partnership, themes, groups, challenge, solution = EFFORTS[
        n % len(EFFORTS)
    ]
    # The story's inputs go round its own organisations, by CVR number.
    story = sorted(
        (organisations[name] for name, *_rest in ORGANISATIONS), key=lambda o: o.cvr
    )
    organisation = story[n % len(story)]
    estate = _estate(organisation, n)
    return (
        organisation,
        estate,
        kind,
        partnership,
        themes,
        groups,
        title,
        challenge,
        solution,
    )


def seed_inputs(count: int = DEMO_COUNT) -> list[Input]:
    """The first `count` demo inputs (the story's, then the public ones).
    Idempotent: each demo input has a fixed idempotency token, so running
    it again finds them instead of adding more."""
    calls = _calls()
    authors = _authors()
    moderator = get_user_model().objects.get(email="moderator@bl.demo")
    organisations = {
        o.name: o
        for o in Organisation.objects.approved().select_related("municipality")
    }
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    partnerships = {p.slug: p for p in Partnership.objects.all()}
    inputs = []
    # Created in the order they were written, so the references (the pk)
    # follow the dates, the story's and the public inputs' interleaved.
    for n in sorted(range(count), key=lambda n: (_step_times(n)[0], n)):
        (
            organisation,
            estate,
            kind,
            partnership,
            theme_slugs,
            group_slugs,
            title,
            challenge,
            solution,
        ) = _effort(n, organisations)
        author = authors[organisation.pk]
        call = calls.get(partnership)
        public = n >= STORY_COUNT
        result = input_create(
            organisation=organisation,
            author=None,  # set below, so seeding sends no e-mails
            call=call,
            token=uuid5(NAMESPACE_URL, f"partnerportalen-demo-input-{n}"),
            enforce_call_window=False,
            data={
                "kind": kind,
                "title": f"{title} i {estate}",
                "challenge": challenge,
                "solution": solution,
                "municipality": organisation.municipality,
                "estate": estate,
                "residents_reached": 20 + (n * 37) % 400,
                "ongoing": n % 3 != 0,
                "consent": "named"
                if public
                else ["named", "anonymised", "none"][n % 3],
                "answers": _answers(call, n) if call else {},
                "partnerships": [partnerships[partnership]],
                "themes": [themes[s] for s in theme_slugs],
                "target_groups": [groups[s] for s in group_slugs],
                "keywords": ["covid-19", "genåbning"],
            },
        )
        input = result.input
        if result.created:
            created, times = _step_times(n)
            path = path_of(n)
            for (action, note), at in zip(path, times, strict=True):
                actor = moderator if action in MODERATOR_ACTIONS else author
                with _dated(input, at=at):
                    if action == "accept":
                        # Public as far as the organisation consented, but
                        # every other one of the story stays with its
                        # partnership's members, so the demo partnership
                        # member finds more than a visitor.
                        visibility = (
                            Visibility.PARTNERSHIP
                            if input.consent == Consent.NONE or (n % 2 and not public)
                            else Visibility.PUBLIC
                        )
                        if n == BL_ONLY_INPUT:
                            visibility = Visibility.BL_ONLY
                        input_accept(
                            input=input, user=actor, visibility=visibility, note=note
                        )
                    else:
                        input_transition(
                            input=input, action=action, user=actor, note=note
                        )
            steps = list(zip((action for action, _note in path), times, strict=True))
            Input.objects.filter(pk=input.pk).update(
                author=author,
                created_at=created,
                updated_at=times[-1] if times else created,
                submitted_at=max(
                    (at for action, at in steps if action in SUBMIT_ACTIONS),
                    default=None,
                ),
                accepted_at=next(
                    (at for action, at in steps if action == "accept"), None
                ),
            )
            input.refresh_from_db()
            # The reference carries the year the input was created; the
            # history names the input as it is now, not as it was logged.
            Input.objects.filter(pk=input.pk).update(reference=reference_for(input))
            input.refresh_from_db()
            ModelLogEntry.objects.for_instance(input).update(label=str(input))
        inputs.append(input)
    return inputs
