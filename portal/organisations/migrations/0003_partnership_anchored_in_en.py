"""The ministries' English names beside the Danish ones (the reference data's
anchored_in_en), shown on English pages as the partnerships' names are."""

import json
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Partnership = apps.get_model("organisations", "Partnership")
    for item in json.loads((DATA / "partnerships.json").read_text(encoding="utf-8")):
        Partnership.objects.filter(slug=item["slug"]).update(
            anchored_in_en=item.get("anchored_in_en", "")
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_reference_data")]
    operations = [
        migrations.AddField(
            model_name="partnership",
            name="anchored_in_en",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="forankret i, på engelsk"
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
