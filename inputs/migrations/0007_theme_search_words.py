"""Themes' search words (search/themes.py), with starter words for the
portal's own themes; a theme a moderator has given words keeps them."""

import csv
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parent.parent / "data" / "theme_search_words.csv"


def load(apps, schema_editor):
    Theme = apps.get_model("inputs", "Theme")
    with open(DATA, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Theme.objects.filter(slug=row["slug"], search_words="").update(
                search_words=row["search_words"]
            )


class Migration(migrations.Migration):
    dependencies = [("inputs", "0006_callpage_retention_months")]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="search_words",
            field=models.TextField(
                blank=True,
                help_text="Ord og udtryk, som folk bruger om temaet, adskilt af komma, fx »ledighed, fritidsjob, læreplads« for Beskæftigelse. En søgning på et af dem finder også input under temaet, efter dem der bruger ordene selv. Gælder fra næste søgning.",  # noqa: E501
                verbose_name="søgeord",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
