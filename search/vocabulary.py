"""The index's vocabulary: every indexed term with the number of documents
holding it, and of public documents holding it. Every backend keeps it as it
indexes and removes documents; misspelt query words are corrected against it
(spelling.py), and the query parser asks it which terms exist.

Counts change by deltas (a replaced document's old terms out, its new terms
in), so a document indexed on its own and the same document in a rebuild
leave the same counts."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from .analysis import lexicon
from .models import ArchiveTerm

TERM = ArchiveTerm._meta.db_table
MAX_TERM = ArchiveTerm._meta.get_field("term").max_length
# A term no text yields, held by every document: its count is the number
# of documents (search/feedback.py weighs terms by it).
ALL_DOCUMENTS = ""
_ROWS_PER_STATEMENT = 300
# "term = ANY(array)" on PostgreSQL: one parameter, however many candidates.
_CHUNK = 900


class VocabularyChange:
    """The document-frequency changes of a batch of documents (or of a whole
    rebuild), written in one go by save()."""

    def __init__(self):
        self.documents: Counter[str] = Counter()
        self.public: Counter[str] = Counter()

    def add(self, terms: Iterable[str], *, public: bool, sign: int = 1) -> None:
        """Count one document's terms in (sign 1) or out (sign -1)."""
        distinct = {t[:MAX_TERM] for t in terms} | {ALL_DOCUMENTS}
        if sign > 0:
            self.documents.update(distinct)
            if public:
                self.public.update(distinct)
        else:
            self.documents.subtract(distinct)
            if public:
                self.public.subtract(distinct)

    def save(self) -> None:
        """Apply the changes: one upsert that adds to the stored counts. In
        term order, so concurrent batches lock rows in the same order."""
        rows = [
            (t, n, self.public.get(t, 0))
            for t, n in sorted(self.documents.items())
            if n or self.public.get(t, 0)
        ]
        self.documents.clear()
        self.public.clear()
        with connection.cursor() as cursor:
            for start in range(0, len(rows), _ROWS_PER_STATEMENT):
                chunk = rows[start : start + _ROWS_PER_STATEMENT]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {TERM} (term, documents, public_documents) "  # noqa: S608 - our table name
                    f"VALUES {values} ON CONFLICT (term) DO UPDATE SET "
                    f"documents = {TERM}.documents + excluded.documents, "
                    f"public_documents = {TERM}.public_documents "
                    "+ excluded.public_documents",
                    [v for row in chunk for v in row],
                )


def vocabulary_clear() -> None:
    """Forget every count: a rebuild counts the archive afresh."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TERM}")  # noqa: S608 - our table name


def document_frequencies(candidates, *, public: bool) -> dict[str, int]:
    """Of these candidate terms, those some document holds, with how many
    documents hold them; `public`: counting only public documents. One
    query (a few on SQLite for thousands of candidates)."""
    column = "public_documents" if public else "documents"
    rest = sorted(set(candidates))
    found: dict[str, int] = {}
    if not rest:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT term, {column} FROM {TERM} WHERE term = ANY(%s) "  # noqa: S608 - our names
                f"AND {column} > 0",
                [rest],
            )
            return dict(cursor.fetchall())
        for start in range(0, len(rest), _CHUNK):
            chunk = rest[start : start + _CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT term, {column} FROM {TERM} WHERE term IN ({marks}) "  # noqa: S608 - our names
                f"AND {column} > 0",
                chunk,
            )
            found.update(cursor.fetchall())
    return found


def terms_near(term: str, *, spread: int, public: bool) -> dict[str, int]:
    """Terms that begin with the same letter as `term` and are at most
    `spread` letters longer or shorter, with their document frequency: the
    candidates for a correction two edits away (a first letter is rarely
    the one mistyped). Reads the primary key's range for that letter."""
    column = "public_documents" if public else "documents"
    first = term[0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, {column} FROM {TERM} WHERE term >= %s AND term < %s "  # noqa: S608 - our names
            f"AND LENGTH(term) BETWEEN %s AND %s AND {column} > 0",
            [first, chr(ord(first) + 1), len(term) - spread, len(term) + spread],
        )
        return dict(cursor.fetchall())


def known_terms(candidates, *, public: bool) -> dict[str, int]:
    """Which candidate terms are in the lexicon or in some indexed document,
    with how many documents hold them (a lexicon word no document holds: 1)."""
    candidates = set(candidates)
    found = document_frequencies(candidates, public=public)
    return dict.fromkeys(candidates & lexicon(), 1) | found
