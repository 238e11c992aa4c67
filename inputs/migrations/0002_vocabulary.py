"""Seed the themes and target groups; moderators extend them later."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    for model_name, filename, name_column, english_column in [
        ("Theme", "themes.csv", "tema", "theme_en"),
        ("TargetGroup", "target_groups.csv", "navn", "name_en"),
    ]:
        model = apps.get_model("inputs", model_name)
        with open(DATA / filename, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                model.objects.update_or_create(
                    slug=row["slug"],
                    defaults={"name": row[name_column], "name_en": row[english_column]},
                )


class Migration(migrations.Migration):
    dependencies = [("inputs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
