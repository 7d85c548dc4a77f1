"""Reading task data cells for display."""

from __future__ import annotations

from typing import Any

import pandas as pd


def is_missing(value: Any) -> bool:
    """True for None, NaN and pd.NA; lists and dicts are never missing."""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def text_of(value: Any) -> str:
    """A data cell as display text; missing cells show as empty text."""
    if is_missing(value):
        return ""
    return value if isinstance(value, str) else str(value)
