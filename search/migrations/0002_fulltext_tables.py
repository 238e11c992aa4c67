"""The full-text structures Django's schema editor cannot express: an FTS5
table on SQLite, GIN indexes on PostgreSQL's tsvector columns."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE archive_search_fts USING fts5("
    "terms, restricted_terms, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS archive_search_fts"]
POSTGRES_UP = [
    "CREATE INDEX archive_search_vector_gin ON archive_search_archivedocument "
    "USING gin (search_vector)",
    "CREATE INDEX archive_search_restricted_gin ON archive_search_archivedocument "
    "USING gin (restricted_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS archive_search_vector_gin",
    "DROP INDEX IF EXISTS archive_search_restricted_gin",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0001_archive_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
