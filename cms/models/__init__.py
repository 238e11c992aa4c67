from .pages import HomePage, PartnershipPage, StandardPage
from .settings import ContactSettings

__all__ = ["ContactSettings", "HomePage", "PartnershipPage", "StandardPage"]
