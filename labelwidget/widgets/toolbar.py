"""Navigation, progress, save state and the keyboard of one Annotator. Mirrors ``js/toolbar.js``.

The browser moves between tasks on its own (``nav`` lists the keys before and after the shown
one) and tells Python afterwards with a ``navigate`` message; Python answers each message with
an ``ack`` carrying the same ``seq``, so the toolbar can show what is not yet confirmed.
"""

from __future__ import annotations

import anywidget
import traitlets as t

from ._base import STATIC, bundle

__all__ = ["ToolbarWidget"]


class ToolbarWidget(anywidget.AnyWidget):
    _esm = bundle("toolbar")
    _css = STATIC / "labelwidget.css"
    group = t.Unicode("").tag(sync=True)
    # {"center": key, "prev": [keys, nearest first], "next": [keys], "jump": int}; "jump" grows
    # when Python moves to another task itself (go_to, undo), so the browser follows.
    nav = t.Dict().tag(sync=True)
    progress = t.Dict().tag(sync=True)  # {"done", "skipped", "total", "position", "label"}
    status = t.Dict().tag(sync=True)  # {"kind": "info"|"error"|"saved", "text"}
    # action -> keys; "keys" is taken by ipywidgets, hence shortcuts. Set by the Annotator, which
    # owns the keys (config/keys.py): a widget knows nothing of the config.
    shortcuts = t.Dict().tag(sync=True)
    help = t.List().tag(sync=True)  # [[keys, what they do]] for the cheat-sheet
    storage = t.Unicode("").tag(sync=True)  # where submits go, shown beside the save state
    durable = t.Bool(False).tag(sync=True)  # True once submits are written to a store on disk
    only_unlabeled = t.Bool(False).tag(sync=True)
    # What Undo submit / Redo submit would revert or do again, shown before the click:
    # {"undo": "submit of task 'r3' (sentiment: Positive)", "undo_task": "r3", "redo": ...}
    undo_info = t.Dict().tag(sync=True)
