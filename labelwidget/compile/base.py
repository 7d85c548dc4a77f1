"""Config -> widgets. The only layer that knows both tags and widgets.

A builder turns one tag into a :class:`Part`: a widget plus how to read its task data from a
row. Layout tags become stock ipywidgets boxes. Widgets are built once per config; switching
tasks only reloads their values.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as ipw

from ..config import (
    ConfigError,
    ConfigIssue,
    ConfigWarning,
    ControlTag,
    LabelConfig,
    ObjectTag,
    Tag,
)
from ..config.conditions import CHOICE_TAGS, condition_of, region_filter_of
from ..config.controls import Pairwise
from ..config.errors import caller_level
from ..config.hotkeys import assign_hotkeys
from ..config.keys import DEFAULT_KEYS, REGION_KEYS, SUGGESTION_KEYS
from ..widgets import StyleWidget
from ..widgets._specs import PerRegion, VisibleWhen
from .styles import Sheet

# Keys the widgets read themselves (region keys, switching suggestions): never option hotkeys.
WIDGET_KEYS = ("enter", "space", *SUGGESTION_KEYS, *REGION_KEYS)

RowData = Callable[[Mapping[str, Any]], dict]


@dataclass
class Part:
    """A widget that shows tasks, with the controls whose values it produces."""

    widget: Any
    controls: tuple[ControlTag, ...] = ()
    data: RowData = field(default=lambda row: {})
    # Why the task's data cannot be shown (a missing image), or None: such a task cannot be
    # submitted as done, since nobody saw what the answer would be about.
    problem: Callable[[Mapping[str, Any]], str | None] = field(default=lambda row: None)


@dataclass
class Compiled:
    root: Any
    parts: list[Part]

    def part_of(self, control: str) -> Part:
        for part in self.parts:
            if any(c.name == control for c in part.controls):
                return part
        raise KeyError(control)


class Context:
    """What a builder may ask while compiling: the config, the group id, region controls."""

    def __init__(self, config: LabelConfig, group: str, reserved: frozenset[str] = frozenset()):
        self.config = config
        self.group = group
        # Keys bound by the Annotator and the widgets (lower case), which options cannot take.
        self.reserved = reserved
        self.parts: list[Part] = []
        self.issues: list[ConfigIssue] = []
        # CSS of <Style> and of View styles, kept inside this Annotator (its group class).
        self.sheet = Sheet(f".lw-group-{group}")
        self.views = 0  # Views with an inline style so far (each gets a class for its rule)
        self.pairwise = [c for c in config.controls.values() if isinstance(c, Pairwise)]

    def card_class(self, pairwise: Pairwise) -> str:
        """The class of the two objects a Pairwise compares (they become clickable cards)."""
        return f"lw-pw-of-{self.pairwise.index(pairwise)}"

    def as_card(self, obj: ObjectTag, widget):
        """``widget`` of ``obj`` inside a card when a Pairwise compares ``obj``: in Label
        Studio the compared objects themselves are what the labeler clicks."""
        for control in self.pairwise:
            if obj.name in control.to_name[:2]:
                side = Pairwise.SIDES[control.to_name.index(obj.name)]
                card = ipw.VBox([widget])
                for name in ("lw-pw-card", self.card_class(control), f"lw-pw-{side}"):
                    card.add_class(name)
                return card
        return widget

    def region_controls(self, obj: ObjectTag) -> list[ControlTag]:
        """Controls that draw regions on ``obj`` (Labels on Text, RectangleLabels on Image)."""
        return [
            c for c in self.config.controls.values()
            if c.scope == "region" and obj.name in c.to_name
        ]

    def refuse(self, tag: Tag, message: str) -> None:
        self.issues.append(ConfigIssue(tag.line, tag.tag_name, tag.name, message))


class BuilderRegistry:
    """Tag class -> builder function; a registry object, looked up along the class hierarchy."""

    def __init__(self) -> None:
        self._builders: dict[type, Callable[[Tag, Context], Any]] = {}

    def register(self, *classes: type):
        def decorate(fn):
            for cls in classes:
                self._builders[cls] = fn
            return fn

        return decorate

    def get(self, cls: type):
        for klass in cls.__mro__:
            if klass in self._builders:
                return self._builders[klass]
        return None


builders = BuilderRegistry()


def build(tag: Tag, ctx: Context):
    """Build the widget of ``tag`` (a Part's widget, a layout box, or None for no widget)."""
    builder = builders.get(type(tag))
    if builder is None:
        ctx.refuse(tag, f"not supported yet: no widget for <{tag.tag_name}>")
        return None
    result = builder(tag, ctx)
    if isinstance(result, Part):
        result.widget.group = ctx.group
        if isinstance(tag, ControlTag) and tag.scope != "region":
            apply_rules(tag, result.widget, ctx.config)
        items = getattr(tag, "repeater", None)
        if items is not None and getattr(items, "per_item", False):
            # perItem on an Image's list: one value per image, the image's pager pages it
            from .repeater import per_item

            per_item(result, items, items.key)
        ctx.parts.append(result)
        result = result.widget
    if isinstance(tag, ObjectTag) and result is not None:
        result = ctx.as_card(tag, result)
    return result


def rules_of(tag: Tag, config: LabelConfig) -> tuple[PerRegion | dict, VisibleWhen | dict]:
    """(per_region, visible_when) of a tag as the browser evaluates them (see conditions.py);
    ``{}`` for a rule the tag does not have. whenLabelValue and whenChoiceValue are both
    ``options`` there: a condition reads one or the other."""
    per_region: PerRegion | dict = {}
    if isinstance(tag, ControlTag) and tag.per_region:
        rule = region_filter_of(tag)
        per_region = PerRegion(objects=list(tag.to_name), tag=rule["tag"], options=rule["labels"],
                               roles=rule["roles"])
    condition = condition_of(tag)
    if not condition:
        return per_region, {}
    return per_region, VisibleWhen(
        when=condition["when"],
        tag=condition["tag"],
        options=condition["labels"] or condition["choices"],
        roles=condition["roles"],
        choice_controls=[n for n, c in config.controls.items()
                         if c.tag_name in CHOICE_TAGS and c is not tag],
        per_region_tags=[n for n, c in config.controls.items() if c.per_region],
    )


def apply_rules(tag: Tag, widget, config: LabelConfig) -> None:
    widget.per_region, widget.visible_when = rules_of(tag, config)


def compile_config(config: LabelConfig, group: str,
                   shortcuts: dict[str, list[str]] | None = None) -> Compiled:
    """``shortcuts``: the Annotator's keys (action -> keys); options without ``hotkey`` get
    Label Studio's automatic keys among the others."""
    bound = DEFAULT_KEYS if shortcuts is None else shortcuts
    reserved = frozenset(k.lower() for keys in bound.values() for k in keys) | set(WIDGET_KEYS)
    assign_hotkeys(config, reserved)
    ctx = Context(config, group, frozenset(reserved))
    root = build(config.root, ctx) or ipw.VBox()
    if ctx.issues:
        raise ConfigError(ctx.issues)
    if ctx.sheet.left_out:
        head = "labelwidget keeps a config's CSS inside the widget, and left out"
        warnings.warn(ConfigWarning(ctx.sheet.left_out, head=head), stacklevel=caller_level())
    if ctx.sheet.rules:
        root.children = (StyleWidget(css=ctx.sheet.css), *root.children)
    return Compiled(root=root, parts=ctx.parts)
