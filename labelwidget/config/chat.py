"""``<Chat>``: a conversation shown from a ``$column`` of ``{role, content}`` messages, which the
annotator may extend (and, where ``editable`` says so, edit), and whose messages are regions that
perRegion controls rate one by one.

Label Studio's Chat tag is both the object (it shows ``value="$chat"``) and its own control
(``from_name == to_name``, result ``type: "chatmessage"``), as its SDK models it. Its cell
(DESIGN.md section 2) holds the messages the annotator added, in order: ``[{"id", "role",
"content", "createdAt", "origin"}]``; each is one Label Studio result
``{"id", "from_name": name, "to_name": name, "type": "chatmessage", "value": {"chatmessage":
{"role", "content", "createdAt"}}}``. Messages of the task data are never edited (Label Studio:
"annotators cannot edit messages from the imported task data") and are not repeated in the
result; they are regions too, with the ids ``m0``, ``m1`` ... (their place in the task's list),
so a perRegion control rates them like the added ones.

``origin`` says who wrote an added message: ``manual`` (typed), ``model`` (the Python callable
given as ``Annotator(chat=...)``, Label Studio's ``llm``) or ``model-changed`` (a model's message
edited since). Label Studio keeps extra keys of a message (``additionalProperties``), so it
travels in the result's ``chatmessage``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from ..values import short
from .attributes import TRUE, Attr, AttributeError_
from .registry import registry
from .tags import ControlTag, ObjectTag

ORIGINS = ("manual", "model", "model-changed")
# Keys of a message that are ours, not the conversation's: not sent to a model.
OWN_KEYS = ("id", "origin")


def data_id(index: int) -> str:
    """The region id of the task data's message ``index``."""
    return f"m{index}"


def _roles(raw: str | None) -> list[str]:
    return [r.strip() for r in (raw or "").replace("|", ",").split(",") if r.strip()]


def conversation(raw: Any, where: str) -> tuple[list[dict], str | None]:
    """The messages of a Chat's data cell, and what is wrong with them (or None).

    A missing cell (None, NaN) is an empty conversation; a CSV keeps the list as JSON text.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return [], None
    if isinstance(raw, str):
        if not raw.strip():
            return [], None
        try:
            raw = json.loads(raw)
        except ValueError:
            return [], (f"{where} is not a list of messages (JSON that does not parse: "
                        f"{short(raw)})")
    if hasattr(raw, "tolist") and not isinstance(raw, (list, dict)):
        raw = raw.tolist()  # a numpy array of dicts
    if not isinstance(raw, (list, tuple)):
        return [], f"{where} is not a list of {{role, content}} messages, got {short(raw)}"
    out = []
    for i, message in enumerate(raw):
        if not isinstance(message, Mapping):
            return [], f"{where}: message {i} is not a {{role, content}} dict, got {short(message)}"
        role = message.get("role")
        if not isinstance(role, str) or not role.strip():
            return [], (f"{where}: message {i} has no role (each message needs a role such as "
                        f"'user' or 'assistant'), got {short(dict(message))}")
        content = message.get("content")
        if content is None:
            content = ""
        if not isinstance(content, str):
            return [], f"{where}: message {i} ({role}): content is not text, got {short(content)}"
        out.append({"id": data_id(i), "role": role, "content": content})
    return out, None


def _count(raw: Any) -> int | None:
    """A message limit read from the task (``maxMessages="$max"``), None when unusable."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str) and raw.strip().lstrip("+").isdigit():
        return int(raw)
    if isinstance(raw, (int, float)) and not (isinstance(raw, float) and not raw.is_integer()):
        return int(raw)
    return None


class Limit:
    """An attribute that is a whole number or a ``$column`` (Label Studio reads either)."""

    @staticmethod
    def parse(raw: str | None, name: str):
        if raw is None or not raw.strip():
            return None
        text = raw.strip()
        if text.startswith("$"):
            return ("column", text[1:])
        if not text.lstrip("+").isdigit():
            raise AttributeError_(f'{name}="{raw}" must be a whole number or a $column')
        return ("number", int(text))


@registry.register("Chat")
class Chat(ControlTag, ObjectTag):
    """Object and control at once (Label Studio's self-referencing tag)."""

    kind = "object"
    attributes = (
        Attr("name"), Attr("value", "source"), Attr("toName", "names"),
        Attr("editable"), Attr("messageRoles"), Attr("minMessages"), Attr("maxMessages"),
        Attr("llm"),
    )
    result_type = "chatmessage"
    scope = "region"  # its added messages are regions of itself (perRegion controls rate them)

    def parse_attributes(self, issues):
        super().parse_attributes(issues)
        for key in ("minMessages", "maxMessages"):
            try:
                self.attrs[key] = Limit.parse(self.attrs.get(key), key)
            except AttributeError_ as exc:
                issues.add(self, str(exc))
                self.attrs[key] = None

    @property
    def to_name(self) -> list[str]:
        return [self.name] if self.name else []

    @property
    def extra_columns(self) -> list[str]:
        """Data columns read besides the conversation (``maxMessages="$max"``)."""
        return [v[1] for k in ("minMessages", "maxMessages")
                if (v := self.attrs.get(k)) and v[0] == "column"]

    def check(self, config, issues):
        ObjectTag.check(self, config, issues)
        given = self.attrs.get("toName")
        if given and given != [self.name]:
            issues.add(self, f'{self.quote("toname")} must be the Chat\'s own name '
                             f'("{self.name}"): a Chat is the object of its own messages')

    # -- attributes as the widget reads them -----------------------------------------------------
    def roles(self, has_model: bool = False) -> list[str]:
        """Roles the annotator may write as (Label Studio: "user" when a model answers, else
        both). ``llm`` names a provider labelwidget never calls: without a Python callable
        nobody answers, so the person writes both sides."""
        given = _roles(self.attrs.get("messageRoles"))
        if given:
            return given
        return ["user"] if has_model else ["user", "assistant"]

    def editable_roles(self) -> list[str] | bool:
        """True (every added message), False, or the roles whose added messages are editable."""
        raw = (self.attrs.get("editable") or "").strip()
        if raw.lower() in TRUE:
            return True
        if raw.lower() in ("", "false", "0", "no", "off"):
            return False
        return _roles(raw)

    def limit(self, key: str, row) -> int | None:
        spec = self.attrs.get(key)
        if spec is None:
            return None
        if spec[0] == "number":
            return spec[1]
        return _count(row.get(spec[1])) if row is not None else None

    def data_messages(self, row) -> tuple[list[dict], str | None]:
        where = f"the {self.column!r} cell" if self.column else f'<Chat name="{self.name}">'
        if self.column is None:
            return conversation(self.literal, where)
        return conversation(None if row is None else row.get(self.column), where)

    # -- value model -----------------------------------------------------------------------------
    def empty_answer(self):
        return []

    def check_value(self, value, row=None):
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list):
            raise ValueError(f"expected a list of added messages [{{role, content}}], got "
                             f"{short(value)}")
        taken = {m["id"] for m in self.data_messages(row)[0]} if row is not None else set()
        out = []
        for i, message in enumerate(value):
            if not isinstance(message, Mapping):
                raise ValueError(f"message {i} is not a dict, got {short(message)}")
            message = dict(message)
            ident = message.get("id")
            if not isinstance(ident, str) or not ident:
                raise ValueError(f"message {i} has no id (text), got {short(message)}")
            if ident in taken:
                raise ValueError(f"message {i}: id {ident!r} is already a message of this chat")
            taken.add(ident)
            role = message.get("role")
            if not isinstance(role, str) or not role.strip():
                raise ValueError(f"message {i} has no role (e.g. 'user', 'assistant'), got "
                                 f"{short(message)}")
            if not isinstance(message.get("content"), str):
                raise ValueError(f"message {i} ({role}): content must be text, got "
                                 f"{short(message.get('content'))}")
            stamp = message.get("createdAt")
            if stamp is not None and (isinstance(stamp, bool) or
                                      not isinstance(stamp, (int, float))):
                raise ValueError(f"message {i}: createdAt is a time in ms, got {short(stamp)}")
            if message.get("origin", "manual") not in ORIGINS:
                raise ValueError(f"message {i}: origin must be one of {', '.join(ORIGINS)}, "
                                 f"got {short(message.get('origin'))}")
            out.append(message)
        limit = self.limit("maxMessages", row)
        if row is not None and limit is not None:
            total = len(self.data_messages(row)[0]) + len(out)
            if total > limit:
                raise ValueError(f"{total} messages, more than maxMessages ({limit})")
        return out

    def submit_problem(self, cell, row) -> str | None:
        """Why the chat cannot be submitted yet (minMessages), or None."""
        shown, error = self.data_messages(row)
        if error:
            return None  # the data's own problem says it (the task can only be skipped)
        limit = self.limit("minMessages", row)
        total = len(shown) + len(cell or [])
        if total == 0:
            return f"{self.name}: the conversation is empty (write a message, or skip the task)"
        if limit is not None and total < limit:
            return f"{self.name}: needs at least {limit} messages (has {total})"
        return None

    def region_entries(self, cell, row=None) -> dict[str, dict]:
        """Region id -> ``{"controls", "labels", "role", "region"}`` of every message."""
        messages = self.data_messages(row)[0] if row is not None else []
        messages = messages + [m for m in cell or [] if isinstance(m, Mapping)]
        return {str(m["id"]): {"controls": [self.name], "labels": [], "role": m.get("role"),
                               "region": {"text": m.get("content", "")}}
                for m in messages if m.get("id") is not None}

    def to_results(self, cell) -> list[dict]:
        out = []
        for message in cell:
            body = {k: v for k, v in message.items() if k != "id"}
            out.append({"id": message["id"], "type": self.result_type,
                        "value": {"chatmessage": body}})
        return out

    def from_results(self, items) -> list[dict]:
        out = []
        for item in items:
            body = item["value"]["chatmessage"]
            if not isinstance(body, Mapping):
                raise ValueError(f"'chatmessage' must be an object, got {short(body)}")
            message = {"id": item.get("id"), **body}
            out.append(message)
        return out

    def to_result(self, value):  # (a Chat's cell is a list of results: see to_results)
        raise NotImplementedError

    def hotkeys(self) -> dict[str, str]:
        """The chat's keys, for the cheat-sheet (js/chat.js)."""
        return {"enter (in the message box)": "send the message (shift+enter: a new line)",
                "enter (on a message)": "select it, to rate it"}


def message_ids_in(config, row) -> dict[str, list[str]]:
    """Chat name -> the ids of its task-data messages (for checks that have the row)."""
    return {name: [m["id"] for m in tag.data_messages(row)[0]]
            for name, tag in config.objects.items() if isinstance(tag, Chat)}
