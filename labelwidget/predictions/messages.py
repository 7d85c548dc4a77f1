"""Messages about suggestions fit to show: long values cut, long lists of ids counted, and the
error and warning that list unusable suggestions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Prediction

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


MAX_LISTED = 10


class PredictionError(ValueError):
    """Suggestions that cannot be used, each problem naming its task (and prediction, result
    and control). ``answers`` holds what could be used, one list per task asked for (or None
    when nothing could)."""

    def __init__(self, problems: list[str], answers: list[list[Prediction]] | None = None,
                 intro: str = "unusable suggestions",
                 by_task: dict[int, list[str]] | None = None):
        self.problems = list(problems)
        self.answers = answers
        # index of the task in the batch -> its problems (when answers is given)
        self.by_task = dict(by_task or {})
        shown = self.problems[:MAX_LISTED]
        more = len(self.problems) - len(shown)
        text = f"{intro}: " + "; ".join(shown)
        if more:
            text += f"; ... and {more} more"
        super().__init__(text)


class PredictionWarning(UserWarning):
    """Some suggestions were left out (each named by task and prediction); the rest are used."""
