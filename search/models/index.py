"""The denormalised archive index: one row per searchable document, its facet
values in a side table so facet counts are one GROUP BY, and the vocabulary
that typo tolerance and compound splitting look words up in."""

from django.db import models


class TsVectorField(models.Field):
    """PostgreSQL's tsvector; plain text elsewhere, where it stays empty.
    (django.contrib.postgres's field would need that app on SQLite too.)"""

    description = "Full-text vector"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class ArchiveDocument(models.Model):
    class Source(models.TextChoices):
        INPUT = "input", "Input"
        SUMMARY = "summary", "Opsamling"

    # "input:12" or "summary:7": the one id the service's callers know.
    key = models.CharField(max_length=40, unique=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=255)
    # Plain text shown in excerpts. For an anonymised input it never holds
    # the organisation's name.
    body = models.TextField(blank=True)
    url = models.CharField(max_length=255, blank=True)
    # NULL when the input is anonymised: nothing downstream can show it.
    organisation_name = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 - NULL means "anonymised", not unknown
    status = models.CharField(max_length=20)
    visibility = models.CharField(max_length=12)
    published_at = models.DateTimeField(null=True)
    # What to show beside a hit (municipality, kind, partnerships), so the
    # results page needs no further queries.
    meta = models.JSONField(default=dict, blank=True)
    # Analysed Danish terms (stems, folded, compound parts). `terms` is what
    # everyone may search; `restricted_terms` only moderators (the name of an
    # anonymised organisation).
    terms = models.TextField(blank=True)
    restricted_terms = models.TextField(blank=True)
    # Searches read the narrow ArchiveMatch row, not this one: this row is
    # what a hit shows.

    class Meta:
        verbose_name = "arkivdokument"
        verbose_name_plural = "arkivdokumenter"

    def __str__(self):
        return self.key


class ArchiveMatch(models.Model):
    """The narrow half of a document: all that matching, visibility, facet
    counting and ranking read. Searches scan many of these rows and fetch
    the wide ArchiveDocument only for the page of hits."""

    class Audience(models.IntegerChoices):
        # Who may find the document besides moderators (who find all).
        NOBODY = 0, "kun moderatorer"
        BL = 1, "kun BL"
        PARTNERSHIP = 2, "partnerskabets medlemmer"
        PUBLIC = 3, "alle"

    # Always its ArchiveDocument's id; the backend writes and deletes both.
    # An auto field only for its column type: on SQLite that makes the id
    # the table's rowid, so a full-text match finds its row in one lookup.
    id = models.BigAutoField(primary_key=True)
    audience = models.PositiveSmallIntegerField(choices=Audience.choices)
    published_at = models.DateTimeField(null=True)
    # The document's facet values: its place (region, municipality), and
    # all the others. Plain integers, no foreign keys: sets are shared, never
    # deleted with a document, and a rebuild bulk-loads without checks.
    place_set = models.IntegerField(default=0)
    facet_set = models.IntegerField(default=0)
    # PostgreSQL only: to_tsvector('simple', terms), GIN-indexed; the
    # restricted one holds what only moderators may search.
    search_vector = TsVectorField(null=True, editable=False)
    restricted_vector = TsVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "arkivtræf"
        verbose_name_plural = "arkivtræf"
        indexes = [
            # Counting facets without a query reads this index alone.
            models.Index(
                fields=["audience", "facet_set", "place_set"],
                name="archive_match_counts",
            ),
            # "Newest first".
            models.Index(fields=["published_at"], name="archive_match_newest"),
        ]

    def __str__(self):
        return str(self.id)


class ArchiveFacetSet(models.Model):
    """One distinct combination of facet values. Documents point at two sets
    (their place and everything else), so the archive holds few sets however
    many documents it has, and facet counts are a GROUP BY on two integer
    columns of the matching documents, expanded here per set."""

    # SHA-256 of the sorted values: what makes a set the same set.
    signature = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return self.signature[:60]


class ArchiveFacetValue(models.Model):
    """One facet value of one set (a set has several themes)."""

    facet_set = models.ForeignKey(
        ArchiveFacetSet, on_delete=models.CASCADE, related_name="values"
    )
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=64)
    label = models.CharField(max_length=200)

    class Meta:
        indexes = [
            # Facet filters and partnership visibility: the sets with a value.
            models.Index(fields=["name", "value", "facet_set"]),
            # Expanding counted sets into their values reads the index only.
            models.Index(fields=["facet_set", "name", "value", "label"]),
        ]

    def __str__(self):
        return f"{self.name}={self.value}"


class ArchiveTerm(models.Model):
    """The index's vocabulary with each term's document frequency, kept by
    every backend as it indexes and removes documents (search/vocabulary.py):
    what misspelt query words are corrected against (search/spelling.py).
    `public_documents` counts only documents everyone may find, so a visitor
    is never offered a word from a text they may not read. A term whose
    documents are all gone stays with zero counts until the next rebuild."""

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.IntegerField(default=0)
    public_documents = models.IntegerField(default=0)

    def __str__(self):
        return self.term
