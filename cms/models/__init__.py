from .pages import HomePage, PartnershipPage, StandardPage
from .settings import ContactSettings
from .summaries import SummaryPage

__all__ = [
    "ContactSettings",
    "HomePage",
    "PartnershipPage",
    "StandardPage",
    "SummaryPage",
]
