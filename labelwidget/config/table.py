"""``<Table>``: an object tag that shows a task's dict (or its JSON text) as key/value rows.

Label Studio's Table lists each key of the cell with its value; a value that is itself a list
or a dict is shown as JSON. It labels nothing itself: whole-task controls (Choices, TextArea,
Rating ...) name it in ``toName``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..values import is_missing, short
from .attributes import Attr
from .registry import registry
from .tags import ObjectTag


@registry.register("Table")
class Table(ObjectTag):
    attributes = (Attr("valueType", "enum", "json", choices=("json", "url")),)

    def check(self, config, issues):
        super().check(config, issues)
        if self.attrs.get("valueType") == "url":
            issues.add(self, f"not supported yet: attribute {self.quote('valuetype')}")


def table_rows(cell: Any, where: str) -> tuple[list[list[str]], str | None]:
    """``[[key, shown value], ...]`` of a Table cell, and what is wrong with it (or None).

    ``where`` names the cell in messages (the row and column)."""
    if isinstance(cell, str):
        try:
            cell = json.loads(cell)  # a CSV keeps the dict as its JSON text
        except ValueError:
            return [], f"{where} is not a dict of keys and values (JSON that does not parse: " \
                       f"{short(cell)})"
    if cell is None or is_missing(cell):
        return [], f"{where} is empty: no table to show"
    if not isinstance(cell, Mapping):
        return [], f"{where} must be a dict of keys and values, got {type(cell).__name__} " \
                   f"{short(cell)}"
    return [[str(key), _shown(value)] for key, value in cell.items()], None


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (Mapping, list, tuple, bool)) or not isinstance(value, (int, float)):
        try:
            return json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            return str(value)
    return str(value)
