"""Rating: 1..``max_rating`` stars by click or ``hotkey`` (one star more, cleared after the
top). Mirrors ``js/rating.js``. The cell is an ``int``."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class RatingWidget(TaskWidget):
    _esm = bundle("rating")
    name = t.Unicode().tag(sync=True)
    max_rating = t.Int(5).tag(sync=True)
    hotkey = t.Unicode("").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
