"""``<Relations>``: links between regions, listed and drawn as arrows. Mirrors ``js/relations.js``.

``value`` is ``{name: [{"from_id", "to_id", "direction", "labels"}]}`` (DESIGN.md section 2).
The browser asks the region views where their regions are (any object tag) and draws the
arrows itself; Python only receives the finished list. ``options``: the ``<Relation>``
labels; ``choice``: ``"single"`` or ``"multiple"``; ``link_key``: the key that starts
linking the selected region (Label Studio's Alt+R).
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import specs
from ._specs import OptionSpec


class RelationsWidget(TaskWidget):
    _esm = bundle("relations")
    name = t.Unicode().tag(sync=True)
    options = specs(OptionSpec)
    choice = t.Enum(["single", "multiple"], "single").tag(sync=True)
    link_key = t.Unicode("alt+r").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
