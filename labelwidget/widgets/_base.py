"""The contract every labelwidget view follows; mirrors ``js/_task_widget.js``.

A widget shows one task at a time. Python holds the truth and pushes, in ``tasks``, the payloads
of the shown task and of the tasks around it (``{key: {"rev", "data", "value"}}``), so the
browser can switch tasks without waiting for the kernel. ``value`` is ``{control name: cell}``
for the shown task: edits in the browser arrive here; :meth:`set_value` sends Python's.
``rev`` grows whenever Python changes a task's value, so the browser knows Python's copy wins.
``base`` is a task's value without edits not submitted, so the browser can say "edited".
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

from ._contract import spec
from ._specs import PerItem, PerRegion, VisibleWhen
from ._task_payloads import TaskPayload

STATIC = Path(__file__).resolve().parent.parent / "static"


def bundle(name: str) -> Path:
    """Path of a shipped front-end bundle, with a clear error when it was never built."""
    path = STATIC / f"{name}.js"
    if not path.exists():
        raise FileNotFoundError(
            f"labelwidget's front-end bundle {path} is missing. In a source checkout run "
            "`npm ci && npm run build` (Node 18+), or install labelwidget from a wheel."
        )
    return path


class TaskWidget(anywidget.AnyWidget):
    _css = STATIC / "labelwidget.css"
    group = t.Unicode("").tag(sync=True)
    task = t.Unicode("").tag(sync=True)
    tasks = t.Dict().tag(sync=True)
    value = t.Dict().tag(sync=True)
    #: perRegion: the control edits the selected region's value (``{}``: it does not).
    per_region = spec(PerRegion)
    #: visibleWhen: the control shows while the condition holds (``{}``: always).
    visible_when = spec(VisibleWhen)
    #: Inside a <Repeater>: the widget shows the item its pager shows (``data["items"][i]``)
    #: and, for a control, edits entry i of its list cell (``{}``: not in a Repeater).
    per_item = spec(PerItem)

    #: Control names whose cells this widget produces (empty for object-only widgets).
    controls: tuple[str, ...] = ()

    def payload(self, key: str, data: dict, value: dict, rev: int) -> TaskPayload:
        return TaskPayload(rev=rev, data=data, value=value)

    def set_value(self, key: str, value: dict, rev: int, base: dict | None = None) -> None:
        """Python changed the shown task's value (``Annotator.set``, undo): push it. ``base``
        is the task's value without edits (submitted cells or a suggestion)."""
        tasks = dict(self.tasks)
        if key in tasks:
            tasks[key] = {**tasks[key], "rev": rev, "value": value}
            if base is not None:
                tasks[key]["base"] = base
        with self.hold_sync():
            self.tasks = tasks
            if self.task == key:
                self.value = value
