"""The contract's task payloads: ``tasks`` of every TaskWidget, what each object tag's data
looks like in the browser (text, image, audio ...) and the predictions shown beside it. Part of
the typed Python<->browser contract (widgets/_contract.py), mirrored by ``js/_contract.js``."""

from __future__ import annotations

from typing import Any, TypedDict

from ._specs import TaxonomyNode

# -- task payloads: ``tasks`` of every TaskWidget ---------------------------------------------


class _TaskPayloadKeys(TypedDict):
    rev: int
    data: dict[str, Any]
    value: dict[str, Any]


class TaskPayload(_TaskPayloadKeys, total=False):
    """One task as a widget holds it: ``value`` is ``{control name: cell}``; ``rev`` grows
    when Python changes it; ``base`` is the value without edits not submitted."""

    base: dict[str, Any]


class ImageRef(TypedDict):
    key: str
    width: int
    height: int


class ImageData(TypedDict, total=False):
    """A task's image: its ``image`` (bytes follow in an ``image`` message), a ``url`` the
    browser loads, or why it cannot be shown; ``options`` per control read from a column;
    ``items``: one per image of a valueList (PerItem)."""

    image: ImageRef
    url: str
    error: str
    options: dict[str, list[str]]
    items: list[ImageData]


class _TurnKeys(TypedDict):
    name: str
    text: str


class Turn(_TurnKeys, total=False):
    """One turn of a dialogue; ``start``/``end``: seconds in the synced Audio."""

    start: float
    end: float


class TextData(TypedDict, total=False):
    """What a Text, HyperText, Header or Paragraphs shows (one of ``text``, ``html``,
    ``paragraphs``, ``turns``); ``empty``: the column whose cell is empty; ``error``: why a
    dialogue cannot be shown; ``sync``: the Audio a dialogue follows (``scroll``: along)."""

    text: str
    html: str
    paragraphs: list[str]
    turns: list[Turn]
    layout: str
    sync: str
    scroll: bool
    empty: str
    error: str


class ChoicesData(TypedDict, total=False):
    """Options a Choices reads from a column (``value="$column"``), flat or, with
    allowNested, as a tree."""

    options: list[str]
    tree: list[TaxonomyNode]


class RankerItem(TypedDict):
    id: str
    title: str
    body: str
    html: str


class RankerData(TypedDict, total=False):
    items: list[RankerItem]
    error: str


class TableData(TypedDict, total=False):
    rows: list[list[str]]
    error: str


class _ChatDataKeys(TypedDict):
    messages: list[dict[str, Any]]
    min: int | None
    max: int | None


class ChatData(_ChatDataKeys, total=False):
    error: str
    empty: str


class AudioRef(TypedDict):
    key: str
    mime: str
    duration: float | None
    rate: int | None
    channels: int | None


class AudioData(TypedDict, total=False):
    audio: AudioRef
    url: str
    error: str


class _PredictionKeys(TypedDict):
    values: dict[str, Any]


class Prediction(_PredictionKeys, total=False):
    score: float
    model_version: str


class SuggestionData(TypedDict):
    predictions: list[Prediction]
    labeled: bool
    note: str
