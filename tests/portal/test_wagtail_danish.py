"""The Wagtail admin is in Danish: every one of Wagtail's interface strings
has a Danish translation, in Wagtail's own catalogue or in ours
(locale/wagtail). After a Wagtail upgrade this names the new strings."""

import ast
from pathlib import Path

import wagtail
from django.conf import settings
from django.utils import translation

WAGTAIL = Path(wagtail.__file__).parent


def read_po(path: Path) -> dict[tuple[str | None, str], bool]:
    """(msgctxt, msgid) -> whether it is translated, for each entry."""
    entries, entry, field = {}, {}, None

    def close():
        if entry.get("msgid"):
            translated = any(v for k, v in entry.items() if k.startswith("msgstr"))
            entries[(entry.get("msgctxt"), entry["msgid"])] = translated

    for line in path.read_text().splitlines() + [""]:
        if not line.strip():
            close()
            entry, field = {}, None
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        elif not line.startswith("#"):
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


def msgids(paths, *, translated_only: bool) -> set:
    found = set()
    for path in paths:
        if path.exists():
            found |= {
                key
                for key, done in read_po(path).items()
                if done or not translated_only
            }
    return found


def test_every_wagtail_string_has_danish():
    for domain in ("django", "djangojs"):
        english = msgids(
            WAGTAIL.rglob(f"locale/en/LC_MESSAGES/{domain}.po"), translated_only=False
        )
        ours = [
            Path(p) / "da" / "LC_MESSAGES" / f"{domain}.po"
            for p in settings.LOCALE_PATHS
        ]
        danish = msgids(
            [*WAGTAIL.rglob(f"locale/da/LC_MESSAGES/{domain}.po"), *ours],
            translated_only=True,
        )
        missing = sorted(english - danish, key=str)
        assert len(english) > 50
        assert not missing, (
            f"{len(missing)} Wagtail strings ({domain}) lack Danish: {missing[:20]}"
        )


def test_the_admin_menu_reads_in_danish():
    with translation.override("da"):
        assert translation.gettext("Reports") == "Rapporter"
        assert translation.gettext("Help") == "Hjælp"
        assert translation.gettext("Approve with comment") == "Godkend med kommentar"
        assert translation.gettext("Awaiting your review") == "Venter på din gennemgang"
    with translation.override("en"):
        assert translation.gettext("Reports") == "Reports"


def test_wagtails_own_danish_is_corrected_where_it_is_wrong():
    from django.utils.translation import gettext

    with translation.override("da"):
        sent = gettext("Page '%(page_title)s' has been submitted for moderation.")
        assert "blevet" in sent and "blivet" not in sent
        assert gettext("Search term") == "Søgeord"
