"""Every input of the portal is about the corona reopening, so "corona"
names no theme: it is taken out of the starter words of Smitteforebyggelse
og værnemidler (inputs/data/theme_search_words.csv no longer has it). A
theme whose words a moderator has changed keeps them."""

from django.db import migrations

SLUG = "smitteforebyggelse-og-vaernemidler"
BEFORE = "smitte, mundbind, værnemidler, håndsprit, afstand, test, hygiejne, corona"
AFTER = "smitte, mundbind, værnemidler, håndsprit, afstand, test, hygiejne"


def forwards(apps, schema_editor):
    Theme = apps.get_model("inputs", "Theme")
    Theme.objects.filter(slug=SLUG, search_words=BEFORE).update(search_words=AFTER)


class Migration(migrations.Migration):
    dependencies = [("inputs", "0007_theme_search_words")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
