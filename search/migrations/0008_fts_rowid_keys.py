"""SQLite: each full-text row's rowid becomes its document's id with the
document's facet sets and audience packed below it (search/backends/
sqlite.py), so counting facets reads the full-text index alone. The index
is copied over; no rebuild is needed."""

from django.db import migrations

FTS = "archive_search_fts"
MATCH = "archive_search_archivematch"
CREATE = (
    "CREATE VIRTUAL TABLE {} USING fts5(terms, restricted_terms, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
# The layout as of this migration: id << 34 | facet set << 14 | place set
# << 2 | audience. Rows whose numbers do not fit are left for a rebuild.
PACK = (
    f"INSERT INTO new_fts (rowid, terms, restricted_terms) SELECT "  # noqa: S608
    # SQLite's << and | bind equally tightly, left to right.
    "(m.id << 34) | (m.facet_set << 14) | (m.place_set << 2) | m.audience, "
    f"f.terms, f.restricted_terms FROM {FTS} f JOIN {MATCH} m ON m.id = f.rowid "
    "WHERE m.id < 536870912 AND m.facet_set < 1048576 AND m.place_set < 4096"
)
UNPACK = (
    "INSERT INTO new_fts (rowid, terms, restricted_terms) SELECT "  # noqa: S608
    f"rowid >> 34, terms, restricted_terms FROM {FTS}"
)


def _copy(insert):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in (
            CREATE.format("new_fts"),
            insert,
            f"DROP TABLE {FTS}",
            f"ALTER TABLE new_fts RENAME TO {FTS}",
        ):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0007_audience_gin_indexes")]

    operations = [migrations.RunPython(_copy(PACK), _copy(UNPACK))]
