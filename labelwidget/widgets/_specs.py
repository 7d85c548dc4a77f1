"""The contract's specs and toolbar state: what a widget knows of its control (sent once) and
what the toolbar and the playground show. Part of the typed Python<->browser contract
(widgets/_contract.py), mirrored by the JSDoc typedefs of ``js/_contract.js``."""

from __future__ import annotations

from typing import Literal, TypedDict

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


# -- the playground's state ----------------------------------------------------------------------


class Problem(TypedDict):
    """A problem the playground found in the config (``line`` None: not tied to a line)."""

    line: int | None
    severity: Literal["error", "warning"]
    message: str


class EditorStatus(TypedDict):
    kind: Literal["ok", "error"]
    text: str
