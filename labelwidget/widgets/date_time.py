"""DateTime: the browser's date, time, month or datetime input (a number for a year).
Mirrors ``js/date_time.js``.

The cell is text in ``format`` (strftime, as Label Studio stores it); the browser converts
between its input's value and ``format`` itself (``js/_strftime.js``). ``min``/``max`` are ISO
8601 datetimes (``"2021-01-12T14:30:00"``, empty for none), compared as Python compares them.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle

MODES = ["datetime", "date", "time", "month", "year"]


class DateTimeWidget(TaskWidget):
    _esm = bundle("date_time")
    name = t.Unicode().tag(sync=True)
    only = t.Enum(MODES, "datetime").tag(sync=True)
    format = t.Unicode("%Y-%m-%dT%H:%M").tag(sync=True)
    min = t.Unicode("").tag(sync=True)
    max = t.Unicode("").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
