"""Input keywords move from taggit's shared Tag table to their own
(inputs.Keyword), so the admin's tag autocomplete for pages, images and
documents no longer lists them. Each keyword in use is copied with its name
and slug, its inputs point at the copy, and the Tag rows that were only
keywords are deleted."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models
from django.db.models import Q


def copy_keywords(apps, schema_editor):
    InputKeyword = apps.get_model("inputs", "InputKeyword")
    Keyword = apps.get_model("inputs", "Keyword")
    used = InputKeyword.objects.values_list("tag_id", "tag__name", "tag__slug")
    for tag_id, name, slug in used.distinct():
        keyword = Keyword.objects.create(name=name, slug=slug)
        InputKeyword.objects.filter(tag_id=tag_id).update(keyword=keyword)


def delete_tags_only_keywords_used(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    Keyword = apps.get_model("inputs", "Keyword")
    unused = Q()
    # Every tagged-item table's foreign key (the managers' relations go
    # through these, and GenericForeignKeys are not in a migration's state).
    for relation in Tag._meta.related_objects:
        if relation.one_to_many:
            unused &= Q(**{f"{relation.name}__isnull": True})
    names = Keyword.objects.values("name")
    Tag.objects.filter(unused, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inputs", "0012_archived_only_if_accepted"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.CreateModel(
            name="Keyword",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=100, unique=True, verbose_name="name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        max_length=100,
                        unique=True,
                        verbose_name="slug",
                    ),
                ),
            ],
            options={
                "verbose_name": "nøgleord",
                "verbose_name_plural": "nøgleord",
            },
        ),
        migrations.AddField(
            model_name="inputkeyword",
            name="keyword",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="inputs.keyword",
            ),
        ),
        migrations.RunPython(copy_keywords, migrations.RunPython.noop),
        migrations.RemoveField(model_name="input", name="keywords"),
        migrations.RemoveField(model_name="inputkeyword", name="tag"),
        migrations.RenameField(
            model_name="inputkeyword", old_name="keyword", new_name="tag"
        ),
        migrations.AlterField(
            model_name="inputkeyword",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_inputs",
                to="inputs.keyword",
            ),
        ),
        migrations.AddField(
            model_name="input",
            name="keywords",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="inputs.InputKeyword",
                to="inputs.Keyword",
                verbose_name="nøgleord",
            ),
        ),
        migrations.RunPython(delete_tags_only_keywords_used, migrations.RunPython.noop),
    ]
