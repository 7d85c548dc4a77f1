"""The next message of a ``<Chat>``, from a Python callable (Label Studio's ``llm``).

``Annotator(df, config, chat=fn)`` takes any client the user already has: ``fn(messages)``
gets the conversation so far as ``[{"role", "content"}]`` (task data first, then the messages
added) and returns the reply: its text (an ``assistant`` message) or a ``{"role", "content"}``
dict. ``chat={"chat_a": fn_a, "chat_b": fn_b}`` gives each Chat tag its own. The reply is
added like a typed message, with ``origin: "model"``; a callable that raises, or answers
something that is not a message, is said in the widget and the toolbar, naming the task, and
nothing already written is lost.

Asked from the browser inside a kernel, the callable runs on a worker thread and its reply is
added on the kernel's loop, so a slow client never holds the kernel (navigation, submits) while
it thinks; ``ann.reply()`` (a script, a test) waits for it in line.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from .config.chat import OWN_KEYS, Chat
from .kernel import in_kernel
from .tasks import RowView, plain
from .values import short
from .widgets._contract import message
from .widgets._messages import ReplyDoneMsg, ReplyMsg


def new_message_id() -> str:
    """An id for an added message (never ``m<n>``, the ids of the task data's messages)."""
    return "c" + secrets.token_hex(5)


def now_ms() -> int:
    return int(time.time() * 1000)


def chat_tags(config) -> dict[str, Chat]:
    return {name: tag for name, tag in config.objects.items() if isinstance(tag, Chat)}


def models_of(config, chat: Any) -> dict[str, Callable]:
    """Chat name -> callable, from ``Annotator(chat=...)``."""
    tags = chat_tags(config)
    if chat is None:
        return {}
    if not tags:
        raise ValueError("chat= answers the messages of a <Chat> tag, and the config has none")
    if callable(chat):
        return dict.fromkeys(tags, chat)
    if isinstance(chat, Mapping):
        for name, fn in chat.items():
            if name not in tags:
                raise ValueError(f"chat= names {name!r}, which is not a <Chat> of the config "
                                 f"(chats: {', '.join(tags)})")
            if not callable(fn):
                raise TypeError(f"chat={{{name!r}: ...}} must be a callable "
                                "(messages -> reply), got " + type(fn).__name__)
        return dict(chat)
    raise TypeError("chat= takes a callable (messages -> reply) or {chat name: callable}, got "
                    + type(chat).__name__)


def as_message(answer: Any) -> dict:
    """A callable's answer as a message, or ValueError saying what it was."""
    if isinstance(answer, str):
        return {"role": "assistant", "content": answer}
    if isinstance(answer, Mapping):
        content = answer.get("content")
        role = answer.get("role") or "assistant"
        if isinstance(content, str) and isinstance(role, str):
            extra = {k: plain(v) for k, v in answer.items()
                     if k not in ("role", "content", *OWN_KEYS)}
            return {"role": role, "content": content, **extra}
    raise ValueError("a reply is text or a {'role', 'content'} dict, got " + short(answer))



class ChatReplies:
    """What the Annotator asks of the callables; one per Annotator."""

    def __init__(self, ann, chat: Any):
        self.ann = ann
        self.models = models_of(ann.config, chat)
        self.tags = chat_tags(ann.config)
        try:
            self.loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            self.loop = None
        # Browser requests run the callable on a worker thread when a kernel's loop runs.
        self.background = self.loop is not None and in_kernel()
        self.pending: set[int] = set()  # tasks whose reply is being written
        for part in ann._parts:
            name = getattr(part.widget, "name", None)
            if name in self.tags:
                part.widget.has_model = name in self.models
                if name in self.models:
                    part.widget.roles = self.tags[name].roles(has_model=True)
                part.widget.on_msg(self._on_msg)

    def tag(self, name: str | None) -> Chat:
        if name is None:
            if len(self.tags) != 1:
                raise ValueError("the config has " + (f"several chats ({', '.join(self.tags)}): "
                                 "name one" if self.tags else "no <Chat>"))
            name = next(iter(self.tags))
        if name not in self.tags:
            raise ValueError(f"no <Chat> named {name!r} (chats: {', '.join(self.tags) or 'none'})")
        return self.tags[name]

    def conversation(self, tag: Chat, pos: int) -> tuple[list[dict], list[dict]]:
        """(every message shown, the added ones) of a task."""
        shown, error = tag.data_messages(RowView(self.ann.df, pos))
        if error:
            raise ValueError(f"task {plain(self.ann.df.index[pos])!r}: {error}")
        added = list(self.ann._values(pos).get(tag.name) or [])
        return shown + added, added

    def add(self, pos: int, tag: Chat, message: dict) -> dict:
        _, added = self.conversation(tag, pos)
        full = {"id": new_message_id(), **message, "createdAt": now_ms()}
        value = self.ann._check(tag, [*added, full], pos)
        before = self.ann._values(pos)[tag.name]
        self.ann._edits.push(pos, {tag.name: before}, {tag.name: value})
        self.ann._put(pos, {tag.name: value})
        return full

    def reply(self, pos: int, name: str | None = None) -> dict:
        tag = self.tag(name)
        fn = self.models.get(tag.name)
        task = plain(self.ann.df.index[pos])
        if fn is None:
            raise ValueError(f"no model answers <Chat name=\"{tag.name}\">: pass "
                             "Annotator(..., chat=lambda messages: reply)")
        messages, _ = self.conversation(tag, pos)
        asked = [{k: v for k, v in m.items() if k not in OWN_KEYS} for m in messages]
        return self._written(pos, tag, self._ask(fn, asked, tag, task))

    @staticmethod
    def _ask(fn, asked, tag, task) -> dict | ValueError:
        """The callable's reply as a message, or the ValueError that says why there is none."""
        try:
            return as_message(fn(asked))
        except Exception as exc:  # any client's failure is the user's to read, not a crash
            error = ValueError(f"{tag.name}: the model failed on task {task!r}: "
                               f"{type(exc).__name__}: {exc}")
            error.__cause__ = exc
            return error

    def _written(self, pos: int, tag: Chat, answer: dict | ValueError) -> dict:
        if isinstance(answer, ValueError):
            raise answer
        return self.add(pos, tag, {**answer, "origin": "model"})

    def _on_msg(self, widget, content, _buffers) -> None:
        key = content.get("task") if isinstance(content, dict) else None
        try:
            asked: ReplyMsg | None = message(content, ReplyMsg)
            if asked is None:
                return
            pos = self.ann._pos_of(asked["task"])
            if self.background:
                self._ask_in_background(widget, key, pos)
                return
            self.reply(pos, widget.name)
        except (ValueError, KeyError) as exc:
            self._done(widget, key, exc)
            return
        self._done(widget, key, None)

    def _done(self, widget, key, exc: Exception | None) -> None:
        error = None if exc is None else str(exc).strip("'\"")
        if error:
            self.ann.toolbar.status = {"kind": "error", "text": error}
        widget.send(ReplyDoneMsg(type="reply_done", task=key, error=error))

    def _ask_in_background(self, widget, key, pos: int) -> None:
        tag = self.tag(widget.name)
        fn = self.models.get(tag.name)
        if fn is None:
            raise ValueError(f"no model answers <Chat name=\"{tag.name}\">")
        if pos in self.pending:
            return  # (the browser asks once; a second request waits for the same reply)
        messages, _ = self.conversation(tag, pos)
        asked = [{k: v for k, v in m.items() if k not in OWN_KEYS} for m in messages]
        task = plain(self.ann.df.index[pos])
        self.pending.add(pos)
        loop = self.loop

        def work():  # worker thread: only the callable runs here
            answer = self._ask(fn, asked, tag, task)
            with contextlib.suppress(RuntimeError):  # a closed loop: the kernel is gone
                loop.call_soon_threadsafe(finish, answer)

        def finish(answer):  # the kernel's thread again
            self.pending.discard(pos)
            try:
                self._written(pos, tag, answer)
            except ValueError as exc:
                self._done(widget, key, exc)
                return
            self._done(widget, key, None)

        threading.Thread(target=work, name="labelwidget-chat-reply", daemon=True).start()
