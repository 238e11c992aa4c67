"""PostgreSQL only: keep the document rows narrow. Text columns (body,
terms, meta) move out of line as soon as a row passes 128 bytes, while the
search vector stays in the row (compressed), so counting and matching read
few pages. Affects rows written afterwards: run rebuild_search_index."""

from django.db import migrations

TABLE = "archive_search_archivedocument"
UP = [
    f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN",
]
DOWN = [
    f"ALTER TABLE {TABLE} RESET (toast_tuple_target)",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0004_archive_doc_counts_index")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
