"""Demo summaries for `manage.py seed_demo`: one published summary per
partnership, built on its public demo inputs (inputs/demo.py runs first)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from inputs.selectors import inputs_visible_to

from .demo import page_date
from .models import PartnershipPage, SummaryPage, SummarySource
from .workflows import summary_workflow_ensure

MODERATOR_EMAIL = "moderator@bl.demo"
# A summary is published a week after the last input it quotes was accepted.
PUBLISHED_AFTER = timedelta(days=7)


def _quotable(partnership):
    # A summary is public, so it quotes what anyone may see (cms.citations).
    return (
        inputs_visible_to(user=AnonymousUser())
        .filter(partnerships=partnership)
        .order_by("submitted_at", "pk")
    )


def seed_summaries() -> list[SummaryPage]:
    summary_workflow_ensure()
    User = get_user_model()
    moderator = User.objects.get(email=MODERATOR_EMAIL)
    summaries = []
    for page in PartnershipPage.objects.select_related("partnership"):
        partnership = page.partnership
        existing = SummaryPage.objects.child_of(page).first()
        if existing is not None:
            summaries.append(existing)
            continue
        # The summary builds on every public input to its partnership, so its
        # statistics block has counts to show; it quotes the first two.
        sources = list(_quotable(partnership))
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
        summary.sources = [SummarySource(input=item) for item in sources]
        page.add_child(instance=summary)
        # Seeded demo content is published directly; editors' summaries go
        # through the approval workflow.
        summary.save_revision(user=moderator).publish(
            user=moderator, skip_permission_checks=True
        )
        accepted = [item.accepted_at for item in sources if item.accepted_at]
        if accepted:
            page_date(summary, at=max(accepted) + PUBLISHED_AFTER)
        summaries.append(summary)
    return summaries
