"""``<Repeater on="$list" indexFlag="{{idx}}" mode="pagination">``: one body, once per item.

Label Studio repeats the tags inside a Repeater for every item of the task's list, replacing
``indexFlag`` (``{{idx}}`` by default) in every attribute by the item's index, so
``<Choices name="action_{{idx}}" toName="user_{{idx}}">`` becomes ``action_0``, ``action_1``
... and ``value="$utterances[{{idx}}].text"`` reads each item's text. Its results carry those
names (``from_name: "action_1"``). ``mode="pagination"`` shows one item at a time.

Here the body is built once and shows one item at a time (a pager above it), and a control
inside the Repeater has one DataFrame column named after it without the flag (``action``),
whose cell is a list with one entry per item of the task's list, ``None`` where that item has
no value: ``["No Action", None, "Training"]``. Label Studio JSON keeps Label Studio's names,
one result per item that has a value (formats/_items.py).
"""

from __future__ import annotations

import re
from typing import Any

from ..data_paths import as_list
from ..values import short
from .attributes import Attr
from .registry import registry
from .tags import ControlTag, ViewTag

SEPARATORS = "_-. "


@registry.register("Repeater")
class Repeater(ViewTag):
    attributes = (
        Attr("on", "column"),
        Attr("indexFlag", "str", "{{idx}}"),
        Attr("mode", "enum", "list", choices=("list", "pagination")),
        Attr("name"),
    )
    per_item = False  # (an Image's list of images is per_item: config/item_lists.py)

    @property
    def flag(self) -> str:
        return self.attrs.get("indexFlag") or "{{idx}}"

    @property
    def column(self) -> str | None:
        return self.attrs.get("on")

    @property
    def columns(self) -> list[str]:
        """The data column read: the list whose items are repeated."""
        return [self.column] if self.column else []

    def check(self, config, issues):
        if not self.column:
            issues.add(self, 'needs on="$column" naming the data column that holds the list of '
                             "items to repeat over")
        if self.attrs.get("mode") != "pagination":
            issues.note(self, "shows one item at a time with a pager (Label Studio stacks the "
                              'items unless mode="pagination")')
        for tag in self.walk():
            if tag is self:
                continue
            if isinstance(tag, Repeater):
                issues.add(tag, "not supported yet: a <Repeater> inside a <Repeater>")
            elif isinstance(tag, ControlTag):
                _bind_control(self, tag, config, issues)

    def item_name(self, name: str, index: int) -> str:
        """Label Studio's name of ``name`` (a name inside the Repeater) for item ``index``."""
        return name.replace(self.flag, str(index))


def _bind_control(repeater: Repeater, control: ControlTag, config, issues) -> None:
    if control.scope != "task":
        issues.add(control, f"not supported yet: <{control.tag_name}> (regions) inside "
                            "<Repeater>")
        return
    if control.per_region:
        issues.add(control, "not supported yet: perRegion inside <Repeater>")
        return
    if control.name and repeater.flag not in control.name:
        issues.add(control, f'name="{control.name}" must contain the Repeater\'s indexFlag '
                            f'"{repeater.flag}" (line {repeater.line}): Label Studio names '
                            "each item's control by it, and names are unique")
        return
    control.repeater = repeater
    # A cell is one value per item; every caller checks cells through check_value.
    control.check_value = lambda value, row=None, c=control: check_item_values(c, value, row)
    control.empty_answer = lambda: []
    control.default_value = lambda: None


def repeater_of(tag) -> Repeater | None:
    """The Repeater ``tag`` is inside, or None."""
    node = tag.parent
    while node is not None:
        if isinstance(node, Repeater):
            return node
        node = node.parent
    return None


def item_column(name: str, flag: str) -> str:
    """The DataFrame column of a control inside a Repeater: its name without the flag
    (``action_{{idx}}`` -> ``action``)."""
    stripped = name.replace(flag, " ")
    stripped = re.sub(r"[_\-. ]{2,}", lambda m: m.group()[0] if m.group()[0] != " " else "_",
                      stripped)
    return stripped.strip(SEPARATORS) or name


def items_of(row, repeater: Repeater) -> list | None:
    """The task's list of items (None when the row is not known or holds no list)."""
    if row is None or not repeater.column:
        return None
    return as_list(row.get(repeater.column))


def count_of(row, repeater: Repeater) -> int:
    items = items_of(row, repeater)
    return len(items) if items is not None else 0


def list_problem(cell: Any, repeater: Repeater) -> str | None:
    """Why a task's ``on`` cell cannot be repeated over (None: it is a list, or missing)."""
    if cell is None or as_list(cell) is not None:
        return None
    return (f'<Repeater on="${repeater.column}"> (line {repeater.line}) repeats over a list of '
            f"items; this cell holds a {type(cell).__name__}: {short(cell)}")


def check_item_values(control: ControlTag, value: Any, row=None) -> list:
    """A cell of a control inside a Repeater: one entry per item, ``None`` where that item has
    no value; padded with ``None`` to the task's number of items when it is known."""
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"inside <Repeater>: expected a list with one value per item, got "
                         f"{value!r}")
    count = None
    if row is not None:
        items = items_of(row, control.repeater)
        count = len(items) if items is not None else None
    if count is not None and len(value) > count:
        raise ValueError(f"{len(value)} values for {count} items (the "
                         f"{control.repeater.column!r} list of this task has {count})")
    out = []
    for index, one in enumerate(value):
        if one is None or one == "" or one == []:
            out.append(None)
            continue
        try:
            out.append(control.check_one(one, row))
        except ValueError as exc:
            raise ValueError(f"item {index}: {exc}") from None
    if all(v is None for v in out):
        return []
    if count is not None:
        out += [None] * (count - len(out))
    return out


def items_missing(config, cells, row) -> list[str]:
    """A required control inside a Repeater needs a value on every item (Label Studio repeats
    the control, and each copy is required): one message per control, naming the items."""
    out = []
    for name, control in config.controls.items():
        repeater = getattr(control, "repeater", None)
        if repeater is None or not control.attrs.get("required"):
            continue
        cell = cells.get(name) or []
        empty = [i for i in range(count_of(row, repeater))
                 if i >= len(cell) or cell[i] is None]
        if empty and len(empty) < count_of(row, repeater):  # wholly empty: "is required" says it
            out.append(control.attrs.get("requiredMessage")
                       or f"{name}: item(s) {', '.join(map(str, empty))} need a value")
    return out
