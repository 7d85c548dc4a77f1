"""The pager of a ``<Repeater>``: which item of the task's list the widgets inside show.
Mirrors ``js/repeater.js``. Every widget inside has ``per_item`` naming this pager."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class RepeaterWidget(TaskWidget):
    _esm = bundle("repeater")
    name = t.Unicode("").tag(sync=True)
    #: The id the widgets inside name in their ``per_item``.
    repeater = t.Unicode("").tag(sync=True)
    #: The data column of the list (shown in the pager's title).
    on = t.Unicode("").tag(sync=True)
    #: The item shown (0-based): set by the browser's pager, or by Python (Annotator.show_item).
    index = t.Int(0).tag(sync=True)
