"""Archiving is only for accepted inputs now (states.py). An input the old
state machine let a moderator archive after it was withdrawn or rejected goes
back to that status, so nobody beyond BL and its organisation sees it. The
archive index follows with `manage.py search_index_check --repair`."""

from django.db import migrations

NEVER_PUBLISHED = ("withdrawn", "rejected")


def unarchive_never_accepted(apps, schema_editor):
    Input = apps.get_model("inputs", "Input")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label="inputs", model="input")
    entries = ModelLogEntry.objects.filter(content_type__in=content_type)
    accepted = set(entries.filter(action="inputs.accept").values_list("object_id"))
    for input in Input.objects.filter(status="archived", accepted_at__isnull=True):
        if (str(input.pk),) in accepted:
            continue
        archived = (
            entries.filter(action="inputs.archive", object_id=str(input.pk))
            .order_by("-timestamp", "-pk")
            .first()
        )
        source = (archived.data or {}).get("from") if archived else None
        # Unknown history: "rejected" is BL's own decision to keep it unseen.
        input.status = source if source in NEVER_PUBLISHED else "rejected"
        input.save(update_fields=["status"])


class Migration(migrations.Migration):
    dependencies = [
        ("inputs", "0011_no_cpr_numbers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(unarchive_never_accepted, migrations.RunPython.noop),
    ]
