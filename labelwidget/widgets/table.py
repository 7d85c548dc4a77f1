"""Shows a task's dict as key/value rows (Label Studio's ``<Table>``). Mirrors ``js/table.js``.

Task data: ``{"rows": [[key, value], ...]}``, values already turned into text, or ``{"error":
...}`` naming the row and column when the cell is no dict.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class TableWidget(TaskWidget):
    _esm = bundle("table")
    name = t.Unicode().tag(sync=True)
