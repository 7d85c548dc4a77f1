"""The edit history of each task: what Ctrl+Z / Ctrl+Shift+Z undo and redo. No Jupyter imports.

An edit is ``{"before": {control: cell}, "after": {control: cell}}`` for the controls it
changed (a span drawn, a box moved, a choice picked). Each task keeps its own stacks until it
is submitted, so undoing an edit never reaches another task or anything submitted (undoing a
submit is the separate ``Annotator.undo_submit``).

The browser keeps the same stacks so that undo redraws within a frame; it reports every change
to them as an operation (``push``, ``merge``, ``undo``, ``redo``) that :meth:`apply` replays
here, and Python sends its whole stacks for a task when it changed them itself (``set``,
``undo_edit``), so both sides always hold the same history.
"""

from __future__ import annotations

from typing import Any

LIMIT = 200  # edits kept per task; the oldest go first


class EditHistory:
    def __init__(self) -> None:
        self._undo: dict[int, list[dict]] = {}
        self._redo: dict[int, list[dict]] = {}

    def push(self, pos: int, before: dict[str, Any], after: dict[str, Any]) -> None:
        stack = self._undo.setdefault(pos, [])
        stack.append({"before": dict(before), "after": dict(after)})
        del stack[:-LIMIT]
        self._redo.pop(pos, None)

    def undo(self, pos: int) -> dict | None:
        """The edit to revert (apply its ``before``), or None when there is none."""
        stack = self._undo.get(pos)
        if not stack:
            return None
        entry = stack.pop()
        self._redo.setdefault(pos, []).append(entry)
        return entry

    def redo(self, pos: int) -> dict | None:
        """The edit to apply again (its ``after``), or None when there is none."""
        stack = self._redo.get(pos)
        if not stack:
            return None
        entry = stack.pop()
        self._undo.setdefault(pos, []).append(entry)
        return entry

    def clear(self, pos: int) -> None:
        self._undo.pop(pos, None)
        self._redo.pop(pos, None)

    def depth(self, pos: int) -> tuple[int, int]:
        return len(self._undo.get(pos, ())), len(self._redo.get(pos, ()))

    def stacks(self, pos: int) -> dict[str, list[dict]]:
        return {"undo": list(self._undo.get(pos, [])), "redo": list(self._redo.get(pos, []))}

    def apply(self, pos: int, op: str, entry: dict | None) -> None:
        """Replay an operation the browser made on its copy of the stacks."""
        if op == "push" and isinstance(entry, dict):
            self.push(pos, entry.get("before") or {}, entry.get("after") or {})
        elif op == "merge" and isinstance(entry, dict):
            # Typing in a field: the keys of one run of typing are one edit.
            stack = self._undo.get(pos)
            if stack:
                stack[-1] = {"before": stack[-1]["before"], "after": dict(entry.get("after") or {})}
                self._redo.pop(pos, None)
            else:
                self.push(pos, entry.get("before") or {}, entry.get("after") or {})
        elif op == "undo":
            self.undo(pos)
        elif op == "redo":
            self.redo(pos)
        elif op == "clear":
            self.clear(pos)
        else:
            raise ValueError(f"unknown edit history operation {op!r}")
