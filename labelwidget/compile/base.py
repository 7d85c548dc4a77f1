"""Config -> widgets. The only layer that knows both tags and widgets.

A builder turns one tag into a :class:`Part`: a widget plus how to read its task data from a
row. Layout tags become stock ipywidgets boxes. Widgets are built once per config; switching
tasks only reloads their values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as ipw

from ..config import ConfigError, ConfigIssue, ControlTag, LabelConfig, ObjectTag, Tag

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

    def __init__(self, config: LabelConfig, group: str):
        self.config = config
        self.group = group
        self.parts: list[Part] = []
        self.issues: list[ConfigIssue] = []

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
        ctx.parts.append(result)
        return result.widget
    return result


def compile_config(config: LabelConfig, group: str) -> Compiled:
    ctx = Context(config, group)
    root = build(config.root, ctx)
    if ctx.issues:
        raise ConfigError(ctx.issues)
    return Compiled(root=root or ipw.VBox(), parts=ctx.parts)
