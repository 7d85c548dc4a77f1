"""``<Chat>`` -> one chat widget: the object and its own control (config/chat.py)."""

from __future__ import annotations

from ..config.chat import Chat
from ..widgets._task_payloads import ChatData
from ..widgets.chat import ChatWidget
from .base import Part, builders


def chat_data(tag: Chat, row) -> ChatData:
    """The task's messages for the browser, its message limits, and what is wrong (if any)."""
    messages, error = tag.data_messages(row)
    task = getattr(row, "task", None)
    where = f"task {task!r}: " if task is not None else ""
    out = {"messages": messages, "min": tag.limit("minMessages", row),
           "max": tag.limit("maxMessages", row)}
    if error:
        out["error"] = where + error
    elif not messages and tag.column:
        # (an empty chat is how a conversation written from scratch starts: said, not refused)
        out["empty"] = f"{where}the {tag.column!r} cell holds no messages yet"
    return out


@builders.register(Chat)
def build_chat(tag: Chat, ctx):
    editable = tag.editable_roles()
    widget = ChatWidget(
        name=tag.name,
        roles=tag.roles(),
        editable=["*"] if editable is True else (editable or []),
    )

    def problem(row) -> str | None:
        return tag.data_messages(row)[1]

    return Part(widget, controls=(tag,), data=lambda row: chat_data(tag, row), problem=problem)
