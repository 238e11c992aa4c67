"""How the personal-data scan reads a text: character for character, every
dash as "-", every space as " ", every comma, semicolon and colon as ",",
";" and ":", every digit Unicode knows as an ASCII digit
(０, 𝟎, ², ①, ⑴, ⒈; ⑩ as "10"), and the characters that show nothing
(format and control characters, combining marks) once as a separator and
once as nothing. Each reading says where its characters come from, so what
is found is reported as it was written."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

# Characters that show nothing of their own: format and control characters
# (zero-width spaces, direction marks, the soft hyphen) and combining marks.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Mn", "Me"})


def _piece(char: str, *, join: bool) -> str | None:
    """What the scan reads for `char`, or None for the char itself. A hidden
    character is read both as a separator and as nothing (`join`):
    "010190\u200b1234" and "01019\u200b01234" hold the same number."""
    category = unicodedata.category(char)
    if category in _HIDDEN_CATEGORIES and not char.isspace():
        if join:
            return ""
        if category in ("Mn", "Me"):  # 1️⃣, 0̸
            return None
        return "-" if char == "\u00ad" else " "
    digit = unicodedata.digit(char, None)
    if digit is not None:  # every digit system, and ², ①, ⑴, ⒈, 𝟏
        return None if char.isascii() else str(digit)
    if category == "No":  # 🄋 is a zero, ⑩ and ⒇ two digits; ½ none
        value = unicodedata.numeric(char, None)
        return str(int(value)) if value in range(100) else None
    if category == "Pd" or char in "\u2043\u2212":
        return "-"
    if char.isspace() or char == "_":  # "_": a file name's space (010190_1234)
        return " "
    if char in "\u2044\u2215\uff0f":
        return "/"
    if char in "\u2024\u2027\u00b7\uff0e":
        return "."
    if char in "\uff0c\ufe50\ufe51\uff64\u060c\u3001":  # full-width, Arabic
        return ","
    if char in "\uff1b\ufe54\u037e\u061b":  # ";" and the Greek question mark
        return ";"
    if char in "\uff1a\ufe55\u2236":
        return ":"
    return None


_ASTRAL = "\U00010000-\U0010ffff"


def _class(chars: Iterable[str]) -> re.Pattern:
    return re.compile(f"[{''.join(re.escape(c) for c in chars)}{_ASTRAL}]")


@dataclass(frozen=True)
class _Table:
    """One reading's table of the first 65,536 characters, and the pattern
    of the characters that change the text's length (read as none, or as
    two) or lie beyond them (rare; read one at a time)."""

    pieces: dict[int, str]
    uneven: re.Pattern


@dataclass(frozen=True)
class _Tables:
    apart: _Table
    joined: _Table
    hidden: re.Pattern  # what they read differently: without, read once


@cache
def _tables() -> _Tables:
    """The readings with hidden characters apart and joined. Built on first
    use (some 50 ms)."""
    apart, hidden = {}, []
    for code in range(0x10000):
        piece = _piece(chr(code), join=False)
        if piece is not None:
            apart[code] = piece
        if unicodedata.category(chr(code)) in _HIDDEN_CATEGORIES:
            hidden.append(chr(code))
    hidden = [char for char in hidden if not char.isspace()]
    joined = {**apart, **dict.fromkeys(map(ord, hidden), "")}
    apart, joined = (
        _Table(table, _class(chr(c) for c, p in table.items() if len(p) != 1))
        for table in (apart, joined)
    )
    return _Tables(apart, joined, _class(hidden))


@lru_cache(maxsize=4096)
def _astral_piece(char: str, join: bool) -> str:
    piece = _piece(char, join=join)
    return char if piece is None else piece


# The text as the scan reads it, and where each of its characters comes from.
Reading = tuple[str, list[int] | None]


def _reading(text: str, *, join: bool) -> Reading:
    """The text as the scan reads it, and where each of its characters comes
    from in `text` (None: the same place, one character for one), so that
    what is found is reported as it was written."""
    table = _tables().joined if join else _tables().apart
    if not table.uneven.search(text):
        return text.translate(table.pieces), None
    plain, origin = [], []
    for at, char in enumerate(text):
        code = ord(char)
        piece = (
            _astral_piece(char, join) if code > 0xFFFF else table.pieces.get(code, char)
        )
        plain.append(piece)
        origin.extend([at] * len(piece))
    return "".join(plain), origin


def readings(text: str) -> list[Reading]:
    """The text with hidden characters read apart, and if it has any, joined."""
    if _tables().hidden.search(text):
        return [_reading(text, join=False), _reading(text, join=True)]
    return [_reading(text, join=False)]
