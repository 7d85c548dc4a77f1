"""The contract's messages: every custom message between Python and the browser (``navigate``,
``ack``, ``edits``, image and audio bytes, chat replies, the playground's template and file).
Part of the typed Python<->browser contract (widgets/_contract.py), mirrored by
``js/_contract.js``."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

# -- messages -------------------------------------------------------------------------------


class EditEntry(TypedDict):
    before: dict[str, Any]
    after: dict[str, Any]


class _NavigateMsgKeys(TypedDict):
    type: Literal["navigate"]
    action: Literal["previous", "next", "submit", "skip", "undo_submit", "redo_submit"]


class NavigateMsg(_NavigateMsgKeys, total=False):
    """Browser -> Python: a move or a write made in the browser (``to``: the task it shows
    next, None at the end of its queue; ``values``: what a submit submits). The toolbar
    numbers each message (``seq``, echoed by the ack) and says how long the task was shown
    (``lead_time``, seconds); Python takes a message without them (from a script, a test).
    ``task``: the task shown when the action was taken (undo/redo of a submit need none).
    ``ahead``: how many tasks the browser still holds past ``to`` (labelwidget/prefetch.py
    deepens the window it is sent while that runs low)."""

    task: str | None
    to: str | None
    values: dict[str, Any] | None
    seq: int
    lead_time: float
    ahead: int


class _EditsOpMsgKeys(TypedDict):
    type: Literal["edits"]
    op: Literal["push", "merge", "undo", "redo", "clear"]
    task: str


class EditsOpMsg(_EditsOpMsgKeys, total=False):
    """Browser -> Python: the browser changed its copy of a task's edit history (``entry``:
    the edit pushed or merged)."""

    entry: EditEntry | None
    seq: int
    lead_time: float


class AckMsg(TypedDict):
    """Python -> browser: the ``navigate`` or ``edits`` message ``seq`` was handled."""

    type: Literal["ack"]
    seq: int | None
    error: str | None


class EditsMsg(TypedDict):
    """Python -> browser: Python changed a task's edit history itself (set, undo)."""

    type: Literal["edits"]
    task: str
    undo: list[EditEntry]
    redo: list[EditEntry]


class ImagesMsg(TypedDict):
    """Browser -> Python: send the bytes of these images."""

    type: Literal["images"]
    keys: list[str]


class _ImageMsgKeys(TypedDict):
    type: Literal["image"]
    key: str


class ImageMsg(_ImageMsgKeys, total=False):
    """Python -> browser: an image's bytes (in the message's one buffer), or why not."""

    mime: str
    width: int
    height: int
    error: str


class AudiosMsg(TypedDict):
    """Browser -> Python: send the bytes of these audio files."""

    type: Literal["audios"]
    keys: list[str]


class _AudioMsgKeys(TypedDict):
    type: Literal["audio"]
    key: str


class AudioMsg(_AudioMsgKeys, total=False):
    """Python -> browser: audio bytes (first buffer) and, with ``peaks``, the waveform's peaks
    (second buffer, one per ``block`` samples), or why not. With ``early``, the peaks alone
    (first buffer), sent before the bytes of a long file so that its waveform is drawn while
    the audio still travels."""

    mime: str
    peaks: bool
    block: int
    error: str
    early: bool


class ReplyMsg(TypedDict):
    """Browser -> Python: ask the Chat's model for the next message of ``task``."""

    type: Literal["reply"]
    task: str


class ReplyDoneMsg(TypedDict):
    """Python -> browser: the reply to ``task`` arrived as its new value (or ``error``)."""

    type: Literal["reply_done"]
    task: str | None
    error: str | None


class TemplateMsg(TypedDict):
    """Browser -> Python: start the playground from the template ``name``."""

    type: Literal["template"]
    name: str


class OpenMsg(TypedDict):
    """Browser -> Python: open the config file at ``path``."""

    type: Literal["open"]
    path: str
