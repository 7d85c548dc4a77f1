"""Ranker on a List: order items, or sort them into buckets. Mirrors ``js/ranker.js``.

``columns`` are ``[{"name", "title"}]`` (the Ranker's own column, or its buckets with ``_``, the
list, first); a task's data is ``{"items": [{"id", "title", "body", "html"}]}`` (or ``error``).
The cell is ``{column: [item ids]}``. Without a Ranker (``name`` empty) the list is only shown.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import specs
from ._specs import RankerColumn


class RankerWidget(TaskWidget):
    _esm = bundle("ranker")
    name = t.Unicode("").tag(sync=True)  # the Ranker's name ("" when the List is only shown)
    list_name = t.Unicode("").tag(sync=True)
    title = t.Unicode("").tag(sync=True)
    columns = specs(RankerColumn)
    default_column = t.Unicode("").tag(sync=True)  # where items start
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,) if self.name else ()
