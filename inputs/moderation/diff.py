"""Word-level comparison of two versions of an input's text."""

import difflib
import re

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


def content_diff(old: dict, new: dict) -> list[dict]:
    """One entry per text field (and answer) that differs."""
    fields = ["title", "challenge", "solution"]
    old_answers, new_answers = old.get("answers") or {}, new.get("answers") or {}
    rows = []
    for name in fields:
        if (old.get(name) or "") != (new.get(name) or ""):
            rows.append(
                {"field": name, "pieces": word_diff(old.get(name), new.get(name))}
            )
    for key in dict.fromkeys([*old_answers, *new_answers]):
        before, after = str(old_answers.get(key, "")), str(new_answers.get(key, ""))
        if before != after:
            rows.append({"field": key, "pieces": word_diff(before, after)})
    return rows
