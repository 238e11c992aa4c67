from .index import ArchiveDocument, ArchiveFacet, ArchiveTerm
from .saved import SavedSearch
from .synonyms import Synonym

__all__ = ["ArchiveDocument", "ArchiveFacet", "ArchiveTerm", "SavedSearch", "Synonym"]
