"""What crosses the comm between Python and the browser: every spec, payload and message, typed.

Mirrored one to one by the JSDoc typedefs of ``js/_contract.js`` (same names, same keys;
``tests/test_contract.py`` compares them). Widgets declare a spec trait with :func:`spec` or
:func:`specs`, which refuse a value whose keys are not the contract's, so Python cannot send
what the browser does not read. The words are Label Studio's and the same on both sides:
``options`` for a control's choices/labels, ``None``/``null`` for "no limit".
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, Literal, TypedDict, Union

import traitlets as t

# -- specs: what a widget knows of its control, sent once -------------------------------------


class _OptionSpecKeys(TypedDict):
    value: str
    label: str


class OptionSpec(_OptionSpecKeys, total=False):
    """One option of a control (a Choice, Label, Relation): ``value`` is what is stored (the
    alias when there is one), ``label`` what is shown."""

    hotkey: str
    background: str
    selected: bool
    max_usages: int | None  # None: no limit


class TaxonomyNode(TypedDict):
    value: str
    label: str
    children: list[TaxonomyNode]


class SpanGroup(TypedDict):
    """One span control (Labels, HyperTextLabels) of a TextSpansWidget."""

    name: str
    choice: Literal["single", "multiple"]
    label_key: str
    show_inline: bool
    allow_empty: bool
    required: bool
    required_message: str
    options: list[OptionSpec]


class RegionControlSpec(TypedDict):
    """One region control of an ImageRegionsWidget (RectangleLabels, Polygon, a generic
    Labels paired with a tool ...)."""

    name: str
    tag: str
    kind: Literal["labels", "tool", "generic"]
    shape: str | None
    label_key: str | None  # None: a tool without labels of its own
    options: list[OptionSpec]
    choice: str
    max_usages: int | None  # None: no limit
    snap: str
    color: str
    required: bool
    required_message: str
    dynamic: bool


class SegmentControlSpec(TypedDict):
    """One segment control (Labels on Audio) of an AudioWidget."""

    name: str
    tag: str
    label_key: str
    choice: str
    max_usages: int | None  # None: no limit
    required: bool
    required_message: str
    options: list[OptionSpec]


class PlaybackKeys(TypedDict):
    play: str
    back: str
    forward: str


class RankerColumn(TypedDict):
    name: str
    title: str


class PerRegion(TypedDict):
    """perRegion: the control edits the value of the selected region of ``objects`` drawn by
    ``tag`` ("" any) carrying one of ``options`` (empty: any); on a <Chat>, a message of one
    of ``roles`` (empty: any)."""

    objects: list[str]
    tag: str
    options: list[str]
    roles: list[str]


class VisibleWhen(TypedDict):
    """visibleWhen, evaluated in the browser: ``options`` are whenLabelValue's labels
    (region-selected) or whenChoiceValue's choices (choice-selected/unselected); ``roles``:
    whenRole, the roles of the selected <Chat> message."""

    when: str
    tag: str
    options: list[str]
    roles: list[str]
    choice_controls: list[str]
    per_region_tags: list[str]


class _PerItemKeys(TypedDict):
    repeater: str
    control: bool


class PerItem(_PerItemKeys, total=False):
    """Inside a <Repeater> or an Image's valueList (``repeater``: its pager's key): the widget
    shows one item at a time and, for a ``control``, edits that item's entry of its list cell;
    ``regions``: its region controls, whose regions keep the item's index."""

    regions: list[str]


# -- the toolbar's state ------------------------------------------------------------------------


class Nav(TypedDict):
    """The shown task and the keys around it, nearest first; ``jump`` grows when Python moves
    itself (go_to, undo), so the browser follows."""

    center: str
    prev: list[str]
    next: list[str]
    jump: int


class _ProgressKeys(TypedDict):
    done: int
    skipped: int
    total: int
    label: str


class Progress(_ProgressKeys, total=False):
    position: int
    edited: bool
    unsaved: int
    problems: str
    team: str


class Status(TypedDict):
    kind: Literal["info", "error", "saved"]
    text: str


class _UndoInfoKeys(TypedDict):
    undo: str
    redo: str


class UndoInfo(_UndoInfoKeys, total=False):
    """What Undo submit / Redo submit would do, shown before the click ("" when nothing)."""

    undo_task: str
    redo_task: str


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


class Problem(TypedDict):
    """A problem the playground found in the config (``line`` None: not tied to a line)."""

    line: int | None
    severity: Literal["error", "warning"]
    message: str


class EditorStatus(TypedDict):
    kind: Literal["ok", "error"]
    text: str


class TemplateMsg(TypedDict):
    """Browser -> Python: start the playground from the template ``name``."""

    type: Literal["template"]
    name: str


class OpenMsg(TypedDict):
    """Browser -> Python: open the config file at ``path``."""

    type: Literal["open"]
    path: str


CONTRACT: dict[str, type] = {
    cls.__name__: cls for cls in (
        OptionSpec, TaxonomyNode, SpanGroup, RegionControlSpec, RankerColumn, PerRegion,
        VisibleWhen, PerItem, Nav, Progress, Status, UndoInfo, TaskPayload, ImageRef, ImageData,
        Prediction, SuggestionData, EditEntry, NavigateMsg, EditsOpMsg, AckMsg, EditsMsg,
        ImagesMsg, ImageMsg, SegmentControlSpec, PlaybackKeys, AudiosMsg, AudioMsg, ReplyMsg,
        ReplyDoneMsg, Turn, TextData, ChoicesData, RankerItem, RankerData, TableData, ChatData,
        AudioRef, AudioData, Problem, EditorStatus, TemplateMsg, OpenMsg,
    )
}


# -- checking -------------------------------------------------------------------------------


def keys_of(td: type) -> tuple[frozenset[str], frozenset[str]]:
    """(required keys, optional keys) of a TypedDict."""
    return td.__required_keys__, td.__optional_keys__


def problems(value: Any, td: type, where: str = "") -> list[str]:
    """How ``value`` breaks the keys of ``td`` (and of the TypedDicts nested in it)."""
    if not isinstance(value, dict):
        return [f"{where or td.__name__}: expected an object ({td.__name__}), got "
                f"{type(value).__name__}"]
    required, optional = keys_of(td)
    out = [f"{where or td.__name__}: {k!r} is missing" for k in sorted(required - value.keys())]
    out += [f"{where or td.__name__}: {k!r} is not in the contract ({td.__name__}: "
            f"{', '.join(sorted(required | optional))})"
            for k in sorted(value.keys() - required - optional)]
    for key, inner in _nested_keys(td):
        if value.get(key) is None:
            continue
        many, sub = inner
        items = value[key] if many and isinstance(value[key], list) else [value[key]]
        for i, item in enumerate(items):
            out += problems(item, sub, f"{where or td.__name__}.{key}" + (f"[{i}]" if many else ""))
    return out


@functools.cache
def _nested_keys(td: type) -> list[tuple[str, tuple[bool, type]]]:
    """The keys of ``td`` that hold a TypedDict or a list of them."""
    found = ((key, _nested(hint)) for key, hint in typing.get_type_hints(td).items())
    return [(key, inner) for key, inner in found if inner is not None]


@functools.cache
def _type_of(td: type) -> str:
    """The ``type`` a message TypedDict carries (its Literal)."""
    return typing.get_args(typing.get_type_hints(td)["type"])[0]


def _nested(hint) -> tuple[bool, type] | None:
    """(is a list, TypedDict) when ``hint`` is a TypedDict, a list of one, or either or None."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        found = [n for n in (_nested(a) for a in typing.get_args(hint)) if n]
        return found[0] if found else None
    if origin is list:
        inner = _nested(typing.get_args(hint)[0])
        return (True, inner[1]) if inner and not inner[0] else None
    if typing.is_typeddict(hint):
        return False, hint
    return None


class _Spec(t.Dict):
    """A dict trait whose value follows a contract TypedDict (``{}``: not set)."""

    def __init__(self, td: type, **kwargs):
        self.contract = td
        super().__init__(**kwargs)

    def validate(self, obj, value):
        value = super().validate(obj, value)
        if value:
            found = problems(value, self.contract, f"{type(obj).__name__}.{self.name}")
            if found:
                raise t.TraitError("; ".join(found))
        return value


class _Specs(t.List):
    """A list trait whose items follow a contract TypedDict."""

    def __init__(self, td: type, **kwargs):
        self.contract = td
        super().__init__(t.Dict(), **kwargs)

    def validate(self, obj, value):
        value = super().validate(obj, value)
        found = [p for i, item in enumerate(value)
                 for p in problems(item, self.contract, f"{type(obj).__name__}.{self.name}[{i}]")]
        if found:
            raise t.TraitError("; ".join(found))
        return value


def spec(td: type, **kwargs) -> t.Dict:
    """A synced dict trait that follows ``td``."""
    return _Spec(td, **kwargs).tag(sync=True, contract=td.__name__)


def specs(td: type, **kwargs) -> t.List:
    """A synced list trait whose items follow ``td``."""
    return _Specs(td, **kwargs).tag(sync=True, contract=td.__name__)


def message(content: Any, *kinds: type) -> Any:
    """The browser's message ``content`` as the contract message it is among ``kinds``, or None
    when it is none of them (another widget's, or an old front end's). Raises ValueError naming
    what is wrong with a message of a known type that does not follow its contract."""
    if not isinstance(content, dict):
        return None
    for kind in kinds:
        if content.get("type") == _type_of(kind):
            found = problems(content, kind)
            if found:
                raise ValueError("; ".join(found))
            return content
    return None
