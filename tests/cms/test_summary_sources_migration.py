"""cms 0009 turns each summary's chosen inputs into source rows, in the live
page and in every revision (a draft waiting for approval keeps its own), and
back again when rolled back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.demo import seed_pages
from cms.models import PartnershipPage, SummaryPage
from tests.cms.test_summaries import _accepted, _summary
from tests.factories import moderator

BEFORE = [("cms", "0008_no_cpr_number_in_email")]
AFTER = [("cms", "0009_summary_sources")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_summarys_sources(reference_data):
    seed_pages()
    mod = moderator()
    items = [_accepted(mod, title=f"Input {n}") for n in range(4)]
    parent = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    page = _summary(parent, items[:2], [])
    draft = page.get_latest_revision_as_object()
    draft.sources = draft.sources.all()[:1]
    draft.save_revision(user=mod)  # the draft drops one source

    chosen = _migrate(BEFORE).get_model("cms", "SummaryPage").inputs.through.objects
    assert {c.input_id for c in chosen.filter(summarypage_id=page.pk)} == {
        i.pk for i in items[:2]
    }
    # Chosen while the field was a multi-select.
    chosen.create(summarypage_id=page.pk, input_id=items[2].pk)

    _migrate(AFTER)
    page = SummaryPage.objects.get(pk=page.pk)
    live = [s.input_id for s in page.sources.all()]
    assert sorted(live) == sorted(i.pk for i in items[:3])
    latest = page.get_latest_revision_as_object()
    assert [s.input_id for s in latest.sources.all()] == [items[0].pk]
    live_revision = page.live_revision.as_object()
    assert {s.input_id for s in live_revision.sources.all()} == {
        i.pk for i in items[:2]
    }
