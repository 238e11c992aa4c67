from .index import ArchiveDocument, ArchiveFacetSet, ArchiveFacetValue, ArchiveTerm
from .saved import SavedSearch
from .synonyms import Synonym

__all__ = [
    "ArchiveDocument",
    "ArchiveFacetSet",
    "ArchiveFacetValue",
    "ArchiveTerm",
    "SavedSearch",
    "Synonym",
]
