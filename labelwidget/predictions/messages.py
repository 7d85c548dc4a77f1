"""Messages about suggestions fit to show: long values cut, long lists of ids counted."""

from __future__ import annotations

import re

MAX_IDS = 8  # task ids named in one message
MAX_VALUE = 60  # characters of a quoted value kept in a message
MAX_MESSAGE = 400

# A quoted value (repr of a str, or a "double-quoted" one) of MAX_VALUE characters or more.
_QUOTED = re.compile("|".join(rf"{q}(?:[^{q}\\]|\\.){{{MAX_VALUE},}}{q}" for q in "'\""))


def shorten(message: str, limit: int = MAX_MESSAGE) -> str:
    """A message fit to show: long quoted values cut in the middle (with their length), the
    whole capped at ``limit`` characters."""
    def cut(match: re.Match) -> str:
        text = match.group(0)
        quote, inner = text[0], text[1:-1]
        keep = MAX_VALUE // 2
        return (f"{quote}{inner[:keep]}…{inner[-keep // 2:]}{quote} "
                f"({len(inner)} characters)")

    message = _QUOTED.sub(cut, str(message))
    return message if len(message) <= limit else message[:limit - 1] + "…"


def listed(ids: list, limit: int = MAX_IDS) -> str:
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
