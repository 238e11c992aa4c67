from .index import (
    ArchiveDocument,
    ArchiveFacetSet,
    ArchiveFacetValue,
    ArchiveMatch,
    ArchiveTerm,
)
from .saved import SavedSearch
from .synonyms import Synonym

__all__ = [
    "ArchiveDocument",
    "ArchiveFacetSet",
    "ArchiveFacetValue",
    "ArchiveMatch",
    "ArchiveTerm",
    "SavedSearch",
    "Synonym",
]
