"""Quotation marks: the Danish text uses »…«, its English translation “…”."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import login

pytestmark = pytest.mark.django_db

PO = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"


def _msgids() -> list[str]:
    entries = re.findall(r'^msgid ((?:".*"\n)+)', PO.read_text(), re.M)
    return ["".join(re.findall(r'"(.*)"', entry)) for entry in entries]


def test_no_danish_text_uses_english_quotes():
    english = [m for m in _msgids() if "“" in m or "”" in m]
    assert english == []
    # Nor straight quotes around a value: "%(name)s" (an HTML attribute's
    # quotes follow a "=").
    straight = [m for m in _msgids() if re.search(r'(?<!=)\\"%\(\w+\)s\\"', m)]
    assert straight == []


@pytest.mark.parametrize(
    ("language", "hint"),
    [("da", "Fx »AAB« eller »93 17 06 01«."), ("en", "For example “AAB” or")],
)
def test_the_join_search_hint(client, outsider, language, hint):
    login(client, outsider)
    client.cookies["django_language"] = language
    assert hint in client.get(reverse("organisations:join")).text


def test_the_danish_e_mails_quote_with_guillemets():
    templates = Path(settings.BASE_DIR) / "templates"
    quoted = [
        f"{path.relative_to(templates)}: {line.strip()}"
        for path in templates.glob("**/emails/*.txt")
        for line in path.read_text().splitlines()
        if re.search(r'"\{\{|\}\}"', line)
    ]
    assert quoted == []
