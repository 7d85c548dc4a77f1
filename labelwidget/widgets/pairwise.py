"""Pairwise: which of two objects wins, for ``toName="a,b"``. Mirrors ``js/pairwise.js``.

As in Label Studio, the two objects themselves are what the labeler clicks: the compiler puts
each in a card (class ``card`` plus ``lw-pw-left``/``lw-pw-right``); this widget takes no room,
finds the cards of its Annotator, reads their clicks and the side keys, and marks the chosen
card. The cell is ``"left"`` or ``"right"``.
"""

from __future__ import annotations

import ipywidgets as ipw
import traitlets as t

from ._base import TaskWidget, bundle


class PairwiseWidget(TaskWidget):
    _esm = bundle("pairwise")
    name = t.Unicode().tag(sync=True)
    left = t.Unicode("").tag(sync=True)  # name of the object tag on the left
    right = t.Unicode("").tag(sync=True)
    card = t.Unicode("").tag(sync=True)  # class of the two cards of this Pairwise
    left_key = t.Unicode("").tag(sync=True)  # picks the left object ("" when none)
    right_key = t.Unicode("").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        # No room of its own (Label Studio draws nothing for it): in a flex row of the config's
        # layout an empty box would still take a place.
        kwargs.setdefault("layout", ipw.Layout(display="none"))
        super().__init__(**kwargs)
        self.controls = (self.name,)
