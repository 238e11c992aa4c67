"""Split each archive document in two: the narrow ArchiveMatch row that
searches scan (audience, facet sets, date, and on PostgreSQL the vectors),
and the wide ArchiveDocument row that only the page of hits reads. The
existing index moves over as it is; no rebuild is needed."""

from django.db import migrations, models

import search.models.index

DOC = "archive_search_archivedocument"
MATCH = "archive_search_archivematch"
# audience(): 3 public, 2 partnership, 1 BL, 0 not published.
COPY = (
    f"INSERT INTO {MATCH} (id, audience, published_at, place_set, "  # noqa: S608 - our table names
    "facet_set, search_vector, restricted_vector) SELECT id, CASE WHEN status "
    "NOT IN ('accepted', 'archived') THEN 0 WHEN visibility = 'public' THEN 3 "
    "WHEN visibility = 'partnership' THEN 2 ELSE 1 END, published_at, place_set, "
    f"facet_set, search_vector, restricted_vector FROM {DOC}"
)
POSTGRES_AFTER = [
    f"CREATE INDEX archive_match_vector_gin ON {MATCH} USING gin (search_vector)",
    f"CREATE INDEX archive_match_restricted_gin ON {MATCH} USING gin "
    "(restricted_vector)",
    f"ALTER TABLE {MATCH} ALTER COLUMN search_vector SET STORAGE MAIN",
    # Migration 0005's setting; the wide rows are no longer scanned.
    f"ALTER TABLE {DOC} RESET (toast_tuple_target)",
]


def copy_rows(apps, schema_editor):
    schema_editor.execute(COPY)


def postgres_after(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_AFTER:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("archive_search", "0005_narrow_rows_postgres"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArchiveMatch",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                (
                    "audience",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "kun moderatorer"),
                            (1, "kun BL"),
                            (2, "partnerskabets medlemmer"),
                            (3, "alle"),
                        ]
                    ),
                ),
                ("published_at", models.DateTimeField(null=True)),
                ("place_set", models.IntegerField(default=0)),
                ("facet_set", models.IntegerField(default=0)),
                (
                    "search_vector",
                    search.models.index.TsVectorField(editable=False, null=True),
                ),
                (
                    "restricted_vector",
                    search.models.index.TsVectorField(editable=False, null=True),
                ),
            ],
            options={
                "verbose_name": "arkivtræf",
                "verbose_name_plural": "arkivtræf",
            },
        ),
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="archivedocument", name="archive_doc_narrow"),
        migrations.RemoveIndex(model_name="archivedocument", name="archive_doc_counts"),
        migrations.AddIndex(
            model_name="archivematch",
            index=models.Index(
                fields=["audience", "facet_set", "place_set"],
                name="archive_match_counts",
            ),
        ),
        migrations.AddIndex(
            model_name="archivematch",
            index=models.Index(fields=["published_at"], name="archive_match_newest"),
        ),
        migrations.RemoveField(model_name="archivedocument", name="facet_set"),
        migrations.RemoveField(model_name="archivedocument", name="place_set"),
        migrations.RemoveField(model_name="archivedocument", name="restricted_vector"),
        migrations.RemoveField(model_name="archivedocument", name="search_vector"),
        migrations.RunPython(postgres_after, migrations.RunPython.noop),
    ]
