"""Number: a number field, or a slider that shows its number. Mirrors ``js/number.js``.

The cell is a ``float``. Entries that are not numbers or fall outside ``min``..``max`` are shown
as an inline message in the browser, never sent, and block submit until fixed.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class NumberWidget(TaskWidget):
    _esm = bundle("number")
    name = t.Unicode().tag(sync=True)
    min = t.Float(None, allow_none=True).tag(sync=True)
    max = t.Float(None, allow_none=True).tag(sync=True)
    step = t.Float(1.0).tag(sync=True)
    slider = t.Bool(False).tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
