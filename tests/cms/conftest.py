import pytest

from cms.models import PartnershipPage
from inputs.models.inputs import Consent, Visibility
from tests.cms.summary_data import STATISTICS, _draft
from tests.cms.test_summaries import _accepted, _summary
from tests.factories import moderator, theme


@pytest.fixture
def mod(db):
    return moderator()


@pytest.fixture
def elderly_page(demo_site):
    return PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")


@pytest.fixture
def linked(mod):
    """Four public inputs of four organisations (all on loneliness, three
    on self-isolation, one on digital contact), and, linked as old data
    could be, one BL-only, one shared with the partnership and a draft,
    each on loneliness (and the BL-only also on digital contact)."""
    public = [
        _accepted(
            mod,
            title=f"Offentligt {n}",
            themes=[theme("ensomhed")]
            + ([theme("selvisolation")] if n < 3 else [])
            + ([theme("digital-kontakt")] if n == 0 else []),
        )
        for n in range(4)
    ]
    bl_only = _accepted(
        mod,
        consent=Consent.ANONYMISED,
        visibility=Visibility.BL_ONLY,
        title="Kun for BL",
        themes=[theme("ensomhed"), theme("digital-kontakt")],
    )
    shared = _accepted(
        mod,
        visibility=Visibility.PARTNERSHIP,
        title="Delt med partnerskabet",
        themes=[theme("ensomhed")],
    )
    return {"public": public, "bl_only": bl_only, "shared": shared, "draft": _draft()}


@pytest.fixture
def summary(elderly_page, linked):
    return _summary(
        elderly_page,
        [*linked["public"], linked["bl_only"], linked["shared"], linked["draft"]],
        [STATISTICS],
    )
