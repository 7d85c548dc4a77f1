"""Dialogues: ``<Paragraphs>`` (an object tag: a list of turns) and ``<ParagraphLabels>``.

A task's cell is a list of turns, each a dict with a speaker under ``nameKey`` (default
``author``) and what they said under ``textKey`` (default ``text``), or that list as JSON text.

A ParagraphLabels cell is a list of spans in Label Studio's coordinates: ``{"id", "start",
"end", "startOffset", "endOffset", "text", "paragraphlabels": [...]}``, where ``start``/``end``
are the indices of the first and last turn as text (``"0"``, as Label Studio's editor writes
them) and the offsets count code points inside those turns' texts, end exclusive. A span may
run across turns; its ``text`` is then the turns' texts joined by a line break.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..values import is_missing, short, text_of, whole_number
from .attributes import Attr
from .objects import GRANULARITIES
from .registry import registry
from .spans import SpanControl
from .tags import ObjectTag

SEPARATOR = "\n"  # between two turns in a span's text


@registry.register("Paragraphs")
class Paragraphs(ObjectTag):
    attributes = (
        Attr("valueType", "enum", "json", choices=("json", "url")),
        Attr("layout", "enum", "none", choices=("none", "dialogue")),
        Attr("nameKey", default="author"),
        Attr("textKey", default="text"),
        Attr("contextScroll", "bool", False),
        Attr("saveTextResult", "enum", "yes", choices=("yes", "no", "none")),
        Attr("granularity", "enum", "symbol", choices=GRANULARITIES),
        Attr("audioUrl"),
        Attr("sync"),
        Attr("showPlayer", "bool", False),
    )

    def check(self, config, issues):
        super().check(config, issues)
        if self.attrs.get("valueType") == "url":
            issues.add(self, f"not supported yet: attribute {self.quote('valuetype')}")
        self._check_sync(config, issues)
        if self.attrs.get("granularity") == "sentence":
            issues.add(self, f"not supported yet: attribute {self.quote('granularity')}")
        if "contextscroll" in self.raw_attrs and not self.synced_audio:
            issues.note(self, "it scrolls the dialogue along with audio playback, and this "
                              'tag has no sync="<Audio name>"', self.spelling("contextscroll"))
        if "showplayer" in self.raw_attrs:
            issues.note(self, "the synced <Audio> is the player" if self.synced_audio else
                        "it shows a player for audioUrl, which this tag does not have",
                        self.spelling("showplayer"))
        if self.attrs.get("saveTextResult") != "yes":
            issues.note(self, "span cells and exports always carry the span's text",
                        self.spelling("savetextresult"))

    synced_audio: str | None = None  # the <Audio> whose playback the turns follow

    def _check_sync(self, config, issues) -> None:
        """Label Studio plays turns with an ``<Audio>`` named by ``sync`` (the Audio names the
        Paragraphs back); ``audioUrl`` is that audio. A player of the Paragraphs' own (audioUrl
        without an Audio) is not built."""
        target = self.attrs.get("sync")
        if target is None:
            if "audiourl" in self.raw_attrs:
                issues.add(self, f"not supported yet: attribute {self.quote('audiourl')} "
                                 'without sync="<Audio name>" (a player of the dialogue\'s own)')
            return
        obj = config.objects.get(target)
        if obj is None and target in config.unsupported_names:
            return
        if obj is None or obj.tag_name not in ("Audio", "AudioPlus"):
            what = f"<{obj.tag_name}>" if obj is not None else "nothing"
            issues.add(self, f"{self.quote('sync')} must name an <Audio> of this config "
                             f"(it names {what})")
            return
        audio_url = self.raw_attrs.get("audiourl")
        if audio_url is not None and audio_url.strip() != (obj.raw_attrs.get("value") or ""):
            issues.add(self, f"{self.quote('audiourl')} must be what <Audio name=\"{target}\"> "
                             f"plays ({obj.quote('value')}): the turns follow that audio")
            return
        self.synced_audio = target

    @property
    def turn_keys(self) -> tuple[str, str]:
        return self.attrs.get("nameKey") or "author", self.attrs.get("textKey") or "text"

    def where(self, row) -> str:
        """The cell of ``row`` named for messages: column and, when known, task id."""
        if self.column is None:
            return f'<Paragraphs name="{self.name}">'
        task = getattr(row, "name", None)
        return f"the {self.column!r} cell" + (f" of task {task!r}" if task is not None else "")

    def turns(self, row) -> list[dict]:
        """The task's turns as ``[{"name", "text"}]``; ValueError naming the cell and the turn
        when the cell is not a list of dicts with both keys."""
        raw = self.literal if self.column is None else row.get(self.column)
        return read_turns(raw, self.turn_keys, self.where(row))


def read_turns(raw: Any, keys: tuple[str, str], where: str) -> list[dict]:
    name_key, text_key = keys
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)  # a CSV keeps the list as its JSON text
        except ValueError:
            raise ValueError(f"{where} is not a list of turns (JSON that does not parse: "
                             f"{short(raw)})") from None
    if raw is None or is_missing(raw) or (isinstance(raw, (list, tuple)) and not raw):
        raise ValueError(f"{where} is empty: no dialogue to show")
    if not isinstance(raw, (list, tuple)):
        raise ValueError(f"{where} must be a list of turns ({{{name_key!r}: ..., "
                         f"{text_key!r}: ...}}), got {type(raw).__name__} {short(raw)}")
    turns = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ValueError(f"{where}: turn {i} must be a dict with {name_key!r} and "
                             f"{text_key!r}, got {short(item)}")
        missing = [k for k in (name_key, text_key) if k not in item]
        if missing:
            keys_seen = ", ".join(map(repr, item)) or "none"
            raise ValueError(f"{where}: turn {i} has no {' and no '.join(map(repr, missing))} "
                             f"(its keys: {keys_seen}; nameKey/textKey name them)")
        turn = {"name": text_of(item[name_key]), "text": text_of(item[text_key])}
        turn.update(_times(item))
        turns.append(turn)
    return turns


def _times(item: Mapping) -> dict:
    """A turn's ``start``/``end`` in seconds of the synced audio, as Label Studio reads them
    (``end``, else ``start + duration``; a turn without ``start`` is not played)."""
    start = _seconds(item.get("start"))
    if start is None:
        return {}
    end = _seconds(item.get("end"))
    duration = _seconds(item.get("duration"))
    if end is None and duration is not None:
        end = start + duration
    return {"start": start, **({"end": end} if end is not None and end > start else {})}


def _seconds(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return float(value) if value >= 0 else None


class DialogueText:
    """A dialogue as one text (turns joined by SEPARATOR) with each turn's place in it, so span
    offsets can be checked and converted like HyperText's (hypertext.HtmlText): a turn's index
    (as text) plays the part of a text node's XPath."""

    def __init__(self, turns: list[dict]):
        self.nodes: list[tuple[str, int, int]] = []
        at = 0
        for i, turn in enumerate(turns):
            self.nodes.append((str(i), at, at + len(turn["text"])))
            at += len(turn["text"]) + len(SEPARATOR)
        self.text = SEPARATOR.join(t["text"] for t in turns)

    def to_global(self, index: str, offset: int) -> int:
        try:
            start, end = self.nodes[int(index)][1:]
        except (ValueError, IndexError):
            raise ValueError(f"the dialogue has no turn {index!r} (turns 0 to "
                             f"{len(self.nodes) - 1})") from None
        if not 0 <= offset <= end - start:
            raise ValueError(f"offset {offset} is outside turn {index} ({end - start} "
                             "characters)")
        return start + offset


@registry.register("ParagraphLabels")
class ParagraphLabels(SpanControl):
    result_type = "paragraphlabels"
    labels_objects = ("Paragraphs",)
    planned_objects = ()
    label_key = "paragraphlabels"

    def document(self, row):
        if row is None or self.target is None:
            return None
        return DialogueText(self.target.turns(row))

    def _check_text_offsets(self, i, span, doc):
        for key in ("start", "end"):
            if key not in span:
                raise ValueError(f"span {i}: missing {key!r} (the index of a turn)")
            span[key] = _turn_index(span[key], f"span {i}: {key}")
        for key in ("startOffset", "endOffset"):
            if key not in span:
                raise ValueError(f"span {i}: missing {key!r} (an offset inside turn "
                                 f"{span['start' if key == 'startOffset' else 'end']})")
            span[key] = whole_number(span[key], f"span {i}: {key}")
            if span[key] < 0:
                raise ValueError(f"span {i}: {key} must be at least 0")
        shown = span.get("text")
        if shown is not None and not isinstance(shown, str):
            raise ValueError(f"span {i}: text must be a string, got {shown!r}")
        where = f"span {i}" + (f" {shown!r}" if shown is not None else "")
        if doc is None:
            if (int(span["start"]), span["startOffset"]) >= (int(span["end"]), span["endOffset"]):
                raise ValueError(f"{where}: the span is empty or ends before it starts")
            return
        try:
            start = doc.to_global(span["start"], span["startOffset"])
            end = doc.to_global(span["end"], span["endOffset"])
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        if start >= end:
            raise ValueError(f"{where}: the span is empty or ends before it starts")
        actual = doc.text[start:end]
        if shown is not None and not _same(shown, actual):
            raise ValueError(f"{where}: the dialogue's text there is {actual!r}, not {shown!r}")
        span["text"] = actual


def _same(shown: str, actual: str) -> bool:
    # As for HyperText: Label Studio's editor takes the text from the browser's selection,
    # whose whitespace between turns and at the ends differs from the data's.
    return "".join(shown.split()) == "".join(actual.split())


def _turn_index(value, what: str) -> str:
    if isinstance(value, str) and value.strip().isdigit():
        return str(int(value))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value) \
            or value < 0:
        raise ValueError(f"{what} must be the index of a turn (\"0\", \"1\" ...), got {value!r}")
    return str(int(value))

