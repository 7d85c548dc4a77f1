"""<Repeater> -> a pager and its body, built once: each widget inside shows one item's data
and edits one item's value (config/repeater.py has the cell format)."""

from __future__ import annotations

import ipywidgets as ipw

from ..config.repeater import Repeater, count_of
from ..data_paths import ItemRow
from ..widgets import RepeaterWidget
from .base import Part, build, builders


@builders.register(Repeater)
def build_repeater(tag: Repeater, ctx):
    index = sum(1 for p in ctx.parts if isinstance(p.widget, RepeaterWidget))
    key = f"repeater-{index}"
    pager = RepeaterWidget(name=tag.name or key, repeater=key, on=tag.column or "")
    pager.group = ctx.group
    ctx.parts.append(Part(pager, data=lambda row: {"count": count_of(row, tag)}))
    first = len(ctx.parts)
    children = [w for w in (build(child, ctx) for child in tag.children) if w is not None]
    for part in ctx.parts[first:]:
        _per_item(part, tag, key)
    box = ipw.VBox([pager, *children])
    box.add_class("lw-repeater")
    return box


def _per_item(part: Part, tag: Repeater, key: str) -> None:
    """The part reads and shows one item at a time: its data is one entry per item."""
    data, problem = part.data, part.problem

    def items_data(row):
        return {"items": [data(ItemRow(row, tag.flag, i)) for i in range(count_of(row, tag))]}

    def items_problem(row):
        for i in range(count_of(row, tag)):
            found = problem(ItemRow(row, tag.flag, i))
            if found:
                return f"item {i}: {found}"
        return None

    part.data, part.problem = items_data, items_problem
    part.widget.per_item = {"repeater": key, "control": bool(part.controls)}
