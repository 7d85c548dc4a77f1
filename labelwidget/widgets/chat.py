"""A conversation: messages shown, added, edited and selected one at a time. Mirrors
``js/chat.js``.

A task's data is ``{"messages": [{"id", "role", "content"}], "min", "max", "error"}`` (the
task data's messages; ``error`` says why they cannot be shown). The cell is the list of
messages the annotator added (``{"id", "role", "content", "createdAt", "origin"}``). A
message is a region: selecting it announces ``{id, controls, labels, role, text}`` so that
perRegion controls rate it and ``whenRole`` views show. ``{"type": "reply", "task"}`` from the
browser asks Python's model for the next message; Python answers ``{"type": "reply_done",
"task", "error"}`` (the reply itself arrives as the task's new value).
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._messages import ReplyDoneMsg, ReplyMsg


class ChatWidget(TaskWidget):
    _esm = bundle("chat")
    name = t.Unicode("").tag(sync=True)
    roles = t.List(t.Unicode()).tag(sync=True)  # roles the annotator may write as
    #: roles whose added messages may be edited; ``["*"]``: every role
    editable = t.List(t.Unicode()).tag(sync=True)
    has_model = t.Bool(False).tag(sync=True)  # a Python callable answers "reply"

    #: Messages the browser sends, and those Python answers with (labelwidget/chat_replies.py).
    from_browser = (ReplyMsg,)
    to_browser = (ReplyDoneMsg,)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,) if self.name else ()
