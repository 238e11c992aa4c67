from .pages import HomePage, PartnershipPage, StandardPage
from .settings import ContactSettings
from .summaries import SummaryPage, SummarySource
from .workflows import SummaryApprovalTask

__all__ = [
    "ContactSettings",
    "HomePage",
    "PartnershipPage",
    "StandardPage",
    "SummaryApprovalTask",
    "SummaryPage",
    "SummarySource",
]
