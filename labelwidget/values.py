"""What a labeled value may hold, checked in one place for every way in (``Annotator.set``,
the browser, a pre-filled DataFrame, Label Studio JSON, predictions, the store):

- numbers are finite floats: an int with hundreds of digits, NaN and infinity are refused
  with a message that says which, never an ``OverflowError`` from ``float()``;
- text is valid Unicode: a lone surrogate (half of a UTF-16 pair, which a browser text field
  or a ``"\\ud83d"`` JSON escape can produce) is refused where it enters, because no file
  can be written with one in it and every later export would fail;
- messages quote values shortly (a 5,000-digit int is not printed, nor a 10 kB text).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any

import pandas as pd

SHORT = 60
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_missing(value: Any) -> bool:
    """True for None, NaN and pd.NA; lists and dicts are never missing. The one test of a
    missing cell (tasks, config, compile and formats all ask here)."""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def is_empty(value: Any) -> bool:
    """Whether a control's cell holds no answer: missing, "" or an empty list (a dict, even
    an empty one, is an answer)."""
    if isinstance(value, str):
        return value == ""
    if isinstance(value, (list, tuple)):
        return not value
    return not isinstance(value, dict) and is_missing(value)


def text_of(value: Any) -> str:
    """A data cell as the text shown: missing cells (None, NaN, pd.NA, NaT) show as empty text,
    other non-text values as ``str(value)``. Span offsets count in this text, so the config
    (checking spans) and the widgets (showing them) must read a cell the same way."""
    if is_missing(value):
        return ""
    return value if isinstance(value, str) else str(value)


def short(value: Any, limit: int = SHORT) -> str:
    """``repr(value)`` cut to ``limit`` characters; huge ints are described, not printed
    (``repr`` of an int over 4300 digits raises ValueError in Python 3.11+)."""
    if isinstance(value, Integral) and not isinstance(value, bool):
        digits = _digits(int(value))
        if digits > limit:
            sign = "-" if value < 0 else ""
            return f"{sign}<an integer of {digits} digits>"
    try:
        text = repr(value)
    except Exception:  # a repr that fails (huge nested ints, broken objects)
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _digits(number: int) -> int:
    # log10 via the bit length: exact enough to say "about N digits" without str().
    bits = abs(number).bit_length()
    return max(1, int(bits * math.log10(2)) + 1)


def finite_number(value: Any, what: str = "the value") -> float:
    """``value`` (an int or float, not a bool) as a finite float, or a ValueError naming
    ``what`` and saying why (not a number, too large, NaN, infinite)."""
    if type(value) is float and value - value == 0.0:  # finite (NaN and infinities give NaN)
        return value
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{what}={short(value)} is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{what}={short(value)} is too large for a number "
                         "(beyond about 1.8e308)") from None
    if math.isnan(number):
        raise ValueError(f"{what}=nan is not a number")
    if math.isinf(number):
        raise ValueError(f"{what}={short(value)} is not a finite number")
    return number


def number_or_none(value: Any) -> float | None:
    """``value`` as a float when it is an int or float (not a bool), else None. NaN and
    infinity come back as they are (callers say what they need); an int too large for a
    float raises ValueError instead of OverflowError."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return None
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{short(value)} is too large for a number "
                         "(beyond about 1.8e308)") from None


def whole_number(value: Any, what: str = "the value") -> int:
    """An int (or a float with no fraction) as an int; ValueError saying why otherwise."""
    if type(value) is int:
        return value
    if isinstance(value, Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value) \
            or not float(value).is_integer():
        raise ValueError(f"{what} must be a whole number, got {short(value)}")
    return int(value)


# -- text -----------------------------------------------------------------------------------------


def lone_surrogate(value: Any, _path: str = "") -> str | None:
    """Where the first lone surrogate in a JSON-like value is (a path such as ``[2]["text"]``
    and the character offset), or None when every text in it is valid Unicode."""
    if isinstance(value, str):
        if _valid_text(value):
            return None
    else:
        # Fast path: one C-level pass over the value as JSON text (what exports check, per
        # cell). Only a value that holds a surrogate, or that is not plain JSON, is walked
        # below, where the path to the offending text is worked out for the message.
        try:
            text = json.dumps(value, ensure_ascii=False, check_circular=False)
        except (TypeError, ValueError, RecursionError):
            text = None
        if text is not None and _valid_text(text):
            return None
    stack: list[tuple[str, Any]] = [(_path, value)]
    while stack:  # iterative: a deeply nested value must not exhaust the stack
        path, item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                where = f"{path} " if path else ""
                return (f"{where}character {found.start()} (a lone surrogate "
                        f"{found.group()!a}, half of a UTF-16 pair)")
        elif isinstance(item, Mapping):
            for key, sub in reversed(list(item.items())):
                if isinstance(key, str) and _SURROGATE.search(key):
                    return f"{path} key {short(key)} (a lone surrogate, half of a UTF-16 pair)"
                stack.append((f"{path}[{short(key, 30)}]", sub))
        elif isinstance(item, (list, tuple)):
            for index in range(len(item) - 1, -1, -1):
                stack.append((f"{path}[{index}]", item[index]))
    return None


def _valid_text(text: str) -> bool:
    """No lone surrogate in ``text``: only they make UTF-8 encoding fail (a C pass, much
    faster than the regex, which then finds where)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(value: Any) -> None:
    """Raise ValueError when ``value`` (text, or lists/dicts of them) holds a lone surrogate."""
    if isinstance(value, (int, float, bool)) or value is None:
        return
    where = lone_surrogate(value)
    if where is not None:
        raise ValueError(f"text is not valid Unicode at {where}; it cannot be saved or "
                         "exported: retype or remove that character")


def texts_are_valid(texts: list) -> bool:
    """Fast path for many texts at once: True when none holds a lone surrogate."""
    try:
        "\x00".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
