"""Choices: pick one or several options, by click or hotkey. Mirrors ``js/choices.js``."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import specs
from ._specs import OptionSpec


class ChoicesWidget(TaskWidget):
    """Per-task options (from ``value="$column"``) arrive in each task's ``data["options"]``."""

    _esm = bundle("choices")
    name = t.Unicode().tag(sync=True)
    options = specs(OptionSpec)
    choice = t.Enum(["single", "single-radio", "multiple"], "single").tag(sync=True)
    # "layout" is taken by ipywidgets, hence show_as.
    show_as = t.Enum(["vertical", "inline", "select"], "vertical").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)
    #: allowNested: the task's options arrive as a tree in ``data["tree"]`` and the value is
    #: a path (single) or a list of paths (multiple).
    allow_nested = t.Bool(False).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
