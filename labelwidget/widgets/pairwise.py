"""Pairwise: two buttons, "left" and "right", for the two objects of ``toName="a,b"``.
Mirrors ``js/pairwise.js``. The cell is ``"left"`` or ``"right"``."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class PairwiseWidget(TaskWidget):
    _esm = bundle("pairwise")
    name = t.Unicode().tag(sync=True)
    left = t.Unicode("").tag(sync=True)  # name of the object tag on the left
    right = t.Unicode("").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
