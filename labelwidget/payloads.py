"""The payloads of the tasks the browser holds around the shown one, kept between moves.

Each move sends the widgets the window of tasks around the shown one (``Annotator._refresh``).
Most of the window is the same as one move earlier, and a task's payload changes only when its
values do (a submit, an edit, ``set``, undo, suggestions arriving): those bump the task's
stamp, and a payload is rebuilt only when its stamp differs from the one it was built with.
Reading a task's cells from the DataFrame is what a payload costs, so a move rebuilds one or
two payloads instead of every one of the window.

Task data is read when a task enters the window: a data cell changed in the DataFrame while
its task is held shows once the task has left the window and comes back (values must go
through the Annotator anyway, which stamps them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class PayloadCache:
    """Payloads by (widget, task position), each with the stamp it was built for."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Hashable, int], tuple[Hashable, Any]] = {}
        self._used: dict[tuple[Hashable, int], tuple[Hashable, Any]] = {}

    def get(self, owner: Hashable, pos: int, stamp: Hashable, build: Callable[[], Any]) -> Any:
        """The payload of task ``pos`` for ``owner``, rebuilt when ``stamp`` changed."""
        key = (owner, pos)
        kept = self._kept.get(key)
        if kept is None or kept[0] != stamp:
            kept = (stamp, build())
        self._used[key] = kept
        return kept[1]

    def settle(self) -> None:
        """End of a refresh: keep only the payloads it used (the tasks still held)."""
        self._kept, self._used = self._used, {}

    def clear(self) -> None:
        self._kept.clear()
        self._used.clear()
