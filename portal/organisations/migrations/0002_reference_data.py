"""Load the 98 municipalities, the 5 regions and the partnerships."""

import csv
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("organisations", "Region")
    Municipality = apps.get_model("organisations", "Municipality")
    Partnership = apps.get_model("organisations", "Partnership")
    with open(DATA / "kommuner.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            region, _ = Region.objects.update_or_create(
                code=int(row["regionskode"]), defaults={"name": row["region"]}
            )
            Municipality.objects.update_or_create(
                code=int(row["kommunekode"]),
                defaults={"name": row["kommune"], "region": region},
            )
    for item in json.loads((DATA / "partnerships.json").read_text(encoding="utf-8")):
        Partnership.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "name_en": item["name_en"],
                "anchored_in": item["anchored_in"],
                "facilitators": item["facilitators"],
                "bl_member": item["bl_member"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
