"""Options read from a task's data: a control with ``value="$column"`` (Choices, Labels,
RectangleLabels ...) offers, on each task, the options its ``$column`` cell lists. The one
reading of such a cell, for checking values and for the widgets alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def column_options(row: Any, column: str | None) -> list[str] | None:
    """The options listed in ``row``'s ``column`` cell, None when the task is not known.

    A cell is one option (a text or ``{"value": ...}``) or a list of them, as Label Studio
    reads it; a missing cell lists none, any other single value is one option (its text).
    """
    if not column or row is None:
        return None
    cell = row.get(column)
    if cell is None or isinstance(cell, float):  # a missing cell (None, NaN)
        return []
    items = [cell] if isinstance(cell, (str, Mapping)) or not isinstance(cell, Iterable) \
        else list(cell)
    return [str(i.get("value")) if isinstance(i, Mapping) else str(i) for i in items]
