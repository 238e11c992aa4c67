"""Word-level comparison of two versions of an input's text."""

import difflib
import re

from django.utils.text import capfirst

from ..models import Input
from ..models.inputs import answer_text

_TOKEN = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces: op is 'same', 'removed' or 'added'."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces


def _answer(answer) -> tuple[str, str]:
    """(label, text) of a stored answer ({label, value, order})."""
    if not isinstance(answer, dict):
        return "", str(answer or "")
    return str(answer.get("label") or ""), answer_text(answer)


def content_diff(old: dict, new: dict) -> list[dict]:
    """One entry per text field (and answer) that differs, headed by the
    field's label or the question, as the input's page shows them."""
    texts = [
        (
            capfirst(Input._meta.get_field(name).verbose_name),
            old.get(name),
            new.get(name),
        )
        for name in Input.CONTENT_FIELDS
    ]
    old_answers, new_answers = old.get("answers") or {}, new.get("answers") or {}
    for key in dict.fromkeys([*old_answers, *new_answers]):
        before_label, before = _answer(old_answers.get(key))
        after_label, after = _answer(new_answers.get(key))
        texts.append((after_label or before_label or key, before, after))
    return [
        {"field": label, "pieces": word_diff(before, after)}
        for label, before, after in texts
        if (before or "") != (after or "")
    ]
