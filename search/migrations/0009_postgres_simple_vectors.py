"""The vectors hold our analysed terms as they are (the `simple`
configuration), no longer stemmed again by PostgreSQL's `danish` one."""

from django.db import migrations

SQL = """
UPDATE archive_search_archivematch a
SET search_vector = to_tsvector('simple', d.terms),
    restricted_vector = to_tsvector('simple', d.restricted_terms)
FROM archive_search_archivedocument d
WHERE d.id = a.id
"""


def revector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0008_fts_rowid_keys")]

    operations = [migrations.RunPython(revector, migrations.RunPython.noop)]
