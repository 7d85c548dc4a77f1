"""Navigation, progress, save state and the keyboard of one Annotator. Mirrors ``js/toolbar.js``.

The browser moves between tasks on its own (``nav`` lists the keys before and after the shown
one) and tells Python afterwards with a ``navigate`` message; Python answers each message with
an ``ack`` carrying the same ``seq``, so the toolbar can show what is not yet confirmed.
"""

from __future__ import annotations

import anywidget
import traitlets as t

from ._base import STATIC, bundle
from ._contract import message, spec
from ._messages import AckMsg, EditEntry, EditsMsg, EditsOpMsg, NavigateMsg
from ._specs import Nav, Progress, Status, UndoInfo

__all__ = ["ToolbarWidget"]


class ToolbarWidget(anywidget.AnyWidget):
    _esm = bundle("toolbar")
    _css = STATIC / "labelwidget.css"
    group = t.Unicode("").tag(sync=True)
    nav = spec(Nav)
    progress = spec(Progress)
    status = spec(Status)
    # action -> keys; "keys" is taken by ipywidgets, hence shortcuts. Set by the Annotator, which
    # owns the keys (config/keys.py): a widget knows nothing of the config.
    shortcuts = t.Dict().tag(sync=True)
    help = t.List().tag(sync=True)  # [[keys, what they do]] for the cheat-sheet
    storage = t.Unicode("").tag(sync=True)  # where submits go, shown beside the save state
    durable = t.Bool(False).tag(sync=True)  # True once submits are written to a store on disk
    only_unlabeled = t.Bool(False).tag(sync=True)
    # What Undo submit / Redo submit would revert or do again, shown before the click:
    # {"undo": "submit of task 'r3' (sentiment: Positive)", "undo_task": "r3", "redo": ...}
    undo_info = spec(UndoInfo)

    #: Messages the browser sends, and those Python answers with.
    from_browser = (NavigateMsg, EditsOpMsg)
    to_browser = (AckMsg, EditsMsg)

    def read(self, content) -> NavigateMsg | EditsOpMsg | None:
        """A message from the browser as its contract type; None for no message of ours.
        Raises ValueError for one of ours that breaks its contract."""
        return message(content, *self.from_browser)

    def ack(self, seq: int | None, error: str | None = None) -> None:
        """Say that the browser's message ``seq`` was handled (``error``: why it failed)."""
        self.send(AckMsg(type="ack", seq=seq, error=error))

    def send_edits(self, task: str, undo: list[EditEntry], redo: list[EditEntry]) -> None:
        """Give the browser Python's copy of a task's edit history."""
        self.send(EditsMsg(type="edits", task=task, undo=undo, redo=redo))
