"""The archive index, its vocabulary, synonyms and saved searches: the former
migrations 0001-0010 in one. Beside the tables, what Django's schema editor
cannot express: an FTS5 table over the analysed terms on SQLite; on
PostgreSQL, GIN indexes on the vectors (two partial ones, for what visitors
and partnership members may find) and the vector kept in the narrow row."""

import django.db.models.deletion
import search.models.index
from django.conf import settings
from django.db import migrations, models


FTS = "archive_search_fts"
MATCH = "archive_search_archivematch"
FULLTEXT = {
    "sqlite": (
        [
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(terms, restricted_terms, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        ],
        [f"DROP TABLE IF EXISTS {FTS}"],
    ),
    "postgresql": (
        [
            f"CREATE INDEX archive_match_vector_gin ON {MATCH} USING gin (search_vector)",
            f"CREATE INDEX archive_match_restricted_gin ON {MATCH} "
            "USING gin (restricted_vector)",
            # audience: 3 everyone, 2 partnership members.
            f"CREATE INDEX archive_match_public_gin ON {MATCH} "
            "USING gin (search_vector) WHERE audience = 3",
            f"CREATE INDEX archive_match_partnership_gin ON {MATCH} "
            "USING gin (search_vector) WHERE audience = 2",
            f"ALTER TABLE {MATCH} ALTER COLUMN search_vector SET STORAGE MAIN",
        ],
        [
            "DROP INDEX IF EXISTS archive_match_vector_gin",
            "DROP INDEX IF EXISTS archive_match_restricted_gin",
            "DROP INDEX IF EXISTS archive_match_public_gin",
            "DROP INDEX IF EXISTS archive_match_partnership_gin",
        ],
    ),
}


def _fulltext(direction):
    def run(apps, schema_editor):
        statements = FULLTEXT.get(schema_editor.connection.vendor, ([], []))
        for sql in statements[direction]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("archive_search", "0001_archive_index"),
        ("archive_search", "0002_fulltext_tables"),
        ("archive_search", "0003_facet_sets"),
        ("archive_search", "0004_archive_doc_counts_index"),
        ("archive_search", "0005_narrow_rows_postgres"),
        ("archive_search", "0006_archive_match"),
        ("archive_search", "0007_audience_gin_indexes"),
        ("archive_search", "0008_fts_rowid_keys"),
        ("archive_search", "0009_postgres_simple_vectors"),
        ("archive_search", "0010_term_document_counts"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ArchiveDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=40, unique=True)),
                ('source', models.CharField(choices=[('input', 'Input'), ('summary', 'Opsamling')], max_length=10)),
                ('object_id', models.PositiveBigIntegerField()),
                ('title', models.CharField(max_length=255)),
                ('body', models.TextField(blank=True)),
                ('url', models.CharField(blank=True, max_length=255)),
                ('organisation_name', models.CharField(blank=True, max_length=200, null=True)),
                ('status', models.CharField(max_length=20)),
                ('visibility', models.CharField(max_length=12)),
                ('published_at', models.DateTimeField(null=True)),
                ('meta', models.JSONField(blank=True, default=dict)),
                ('terms', models.TextField(blank=True)),
                ('restricted_terms', models.TextField(blank=True)),
            ],
            options={
                'verbose_name': 'arkivdokument',
                'verbose_name_plural': 'arkivdokumenter',
            },
        ),
        migrations.CreateModel(
            name='ArchiveFacetSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signature', models.CharField(max_length=64, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='ArchiveTerm',
            fields=[
                ('term', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('documents', models.IntegerField(default=0)),
                ('public_documents', models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.CharField(help_text='Adskil ordene med komma, fx: seniorer, pensionister, ældre', max_length=500, unique=True, verbose_name='ord med samme betydning')),
            ],
            options={
                'verbose_name': 'synonymgruppe',
                'verbose_name_plural': 'synonymer',
                'ordering': ['terms'],
            },
        ),
        migrations.CreateModel(
            name='ArchiveMatch',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('audience', models.PositiveSmallIntegerField(choices=[(0, 'kun moderatorer'), (1, 'kun BL'), (2, 'partnerskabets medlemmer'), (3, 'alle')])),
                ('published_at', models.DateTimeField(null=True)),
                ('place_set', models.IntegerField(default=0)),
                ('facet_set', models.IntegerField(default=0)),
                ('search_vector', search.models.index.TsVectorField(editable=False, null=True)),
                ('restricted_vector', search.models.index.TsVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name': 'arkivtræf',
                'verbose_name_plural': 'arkivtræf',
                'indexes': [models.Index(fields=['audience', 'facet_set', 'place_set'], name='archive_match_counts'), models.Index(fields=['published_at'], name='archive_match_newest')],
            },
        ),
        migrations.CreateModel(
            name='ArchiveFacetValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=20)),
                ('value', models.CharField(max_length=64)),
                ('label', models.CharField(max_length=200)),
                ('facet_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='archive_search.archivefacetset')),
            ],
            options={
                'indexes': [models.Index(fields=['name', 'value', 'facet_set'], name='archive_sea_name_c972c3_idx'), models.Index(fields=['facet_set', 'name', 'value', 'label'], name='archive_sea_facet_s_d64ee5_idx')],
            },
        ),
        migrations.CreateModel(
            name='SavedSearch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='navn')),
                ('query_string', models.CharField(blank=True, max_length=2000)),
                ('frequency', models.CharField(choices=[('daily', 'Dagligt'), ('weekly', 'Ugentligt')], default='weekly', max_length=10, verbose_name='hvor ofte')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('last_sent_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='saved_searches', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'gemt søgning',
                'verbose_name_plural': 'gemte søgninger',
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(fields=('user', 'query_string'), name='unique_saved_search')],
            },
        ),
        migrations.RunPython(_fulltext(0), _fulltext(1)),
    ]
