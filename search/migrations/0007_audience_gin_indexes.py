"""PostgreSQL: GIN indexes that hold only the documents everyone may find, and
only those shared with partnership members. A visitor's search then visits
just the rows it may see, instead of every match and discarding the rest."""

from django.db import migrations

MATCH = "archive_search_archivematch"
# audience(): 3 public, 2 partnership members.
UP = [
    f"CREATE INDEX archive_match_public_gin ON {MATCH} USING gin (search_vector) "
    "WHERE audience = 3",
    f"CREATE INDEX archive_match_partnership_gin ON {MATCH} USING gin "
    "(search_vector) WHERE audience = 2",
]
DOWN = [
    "DROP INDEX IF EXISTS archive_match_public_gin",
    "DROP INDEX IF EXISTS archive_match_partnership_gin",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0006_archive_match")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
