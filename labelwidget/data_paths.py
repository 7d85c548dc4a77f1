"""Reading ``$pages[0]`` and ``$pdf[1].page``: a step into a list or dict cell of a task.

Label Studio resolves such a value against the task's data (its Repeater writes them, with
the item's index in place of the indexFlag). A path that does not resolve (no such item, a
cell that is not a list) reads as missing, like an empty cell; the Repeater names the task and
column of a list that is missing or not a list before anything is shown (config/repeater.py).
"""

from __future__ import annotations

import json
import re
from typing import Any

_STEP = re.compile(r"\[([^\[\]]+)\]|\.([A-Za-z0-9_]+)")


def split(path: str) -> tuple[str, list[str | int]] | None:
    """``"pdf[1].page"`` -> ``("pdf", [1, "page"])``; None when ``path`` has no ``[``."""
    if "[" not in path:
        return None
    base, rest = path.split("[", 1)
    rest = "[" + rest
    steps: list[str | int] = []
    pos = 0
    while pos < len(rest):
        found = _STEP.match(rest, pos)
        if not found:
            return None
        index, key = found.groups()
        if index is not None:
            index = index.strip().strip("'\"")
            steps.append(int(index) if index.lstrip("-").isdigit() else index)
        else:
            steps.append(key)
        pos = found.end()
    return base, steps


def walk(cell: Any, steps: list[str | int]) -> Any:
    """The value ``steps`` lead to in ``cell`` (a list's JSON text is read as the list, as a
    CSV holds it), or None."""
    for step in steps:
        if isinstance(cell, str) and cell[:1] in "[{":
            try:
                cell = json.loads(cell)
            except ValueError:
                return None
        if isinstance(step, int):
            if not isinstance(cell, (list, tuple)) or not 0 <= step < len(cell):
                return None
            cell = cell[step]
        elif isinstance(cell, dict):
            cell = cell.get(step)
        else:
            return None
    return cell


def as_list(cell: Any) -> list | None:
    """A list cell, or its JSON text (CSV), as a list; None for anything else."""
    if isinstance(cell, str) and cell.lstrip()[:1] == "[":
        try:
            cell = json.loads(cell)
        except ValueError:
            return None
    if isinstance(cell, tuple):
        cell = list(cell)
    return cell if isinstance(cell, list) else None


class ItemRow:
    """A task's row as one item of a Repeater sees it: the indexFlag in a path is the item's
    index (``$pdf[{{idx}}].page`` reads ``pdf[2].page`` for item 2); plain columns read the
    task's row."""

    __slots__ = ("_flag", "_row", "index")

    def __init__(self, row, flag: str, index: int):
        self._row = row
        self._flag = flag
        self.index = index

    @property
    def name(self):
        return getattr(self._row, "name", None)

    def _path(self, column: str) -> str:
        return column.replace(self._flag, str(self.index))

    def get(self, column: str, default: Any = None) -> Any:
        return read(self._row, self._path(column), default)

    def raw(self, column: str, default: Any = None) -> Any:
        raw = getattr(self._row, "raw", None)
        path = self._path(column)
        if raw is not None and split(path) is None:
            return raw(path, default)
        return read(self._row, path, default)

    def __getitem__(self, column: str) -> Any:
        return self.get(column)

    def __contains__(self, column: str) -> bool:
        return self._path(column).split("[", 1)[0] in self._row


def read(row, column: str, default: Any = None) -> Any:
    """``row.get(column)``, following a path into a list cell when ``column`` is one."""
    parts = split(column)
    if parts is None:
        return row.get(column, default)
    base, steps = parts
    value = walk(row.get(base), steps)
    return default if value is None else value
