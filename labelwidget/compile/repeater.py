"""<Repeater> -> a pager and its body, built once: each widget inside shows one item's data
and edits one item's value (config/repeater.py has the cell format)."""

from __future__ import annotations

import ipywidgets as ipw

from ..config.repeater import Repeater, count_of
from ..data_paths import ItemRow
from ..widgets import RepeaterWidget
from ..widgets._specs import PerItem
from .base import Part, build, builders


@builders.register(Repeater)
def build_repeater(tag: Repeater, ctx):
    index = sum(1 for p in ctx.parts if isinstance(p.widget, RepeaterWidget))
    key = f"repeater-{index}"
    above = pager(tag, tag, key, ctx)
    first = len(ctx.parts)
    children = [w for w in (build(child, ctx) for child in tag.children) if w is not None]
    for part in ctx.parts[first:]:
        per_item(part, tag, key)
    box = ipw.VBox([above, *children])
    box.add_class("lw-repeater")
    return box


def per_item(part: Part, items, key: str) -> None:
    """The part reads and shows one item at a time: its data is one entry per item.
    ``items``: a Repeater or an Image's list (anything with ``flag`` and ``column``)."""
    data, problem = part.data, part.problem

    def items_data(row):
        return {"items": [data(ItemRow(row, items.flag, i)) for i in range(count_of(row, items))]}

    def items_problem(row):
        for i in range(count_of(row, items)):
            found = problem(ItemRow(row, items.flag, i))
            if found:
                return f"item {i}: {found}"
        return None

    part.data, part.problem = items_data, items_problem
    regions = [c.name for c in part.controls if c.scope == "region"]
    part.widget.per_item = PerItem(repeater=key, control=bool(part.controls) and not regions,
                                   **({"regions": regions} if regions else {}))


def pager(tag, items, key: str, ctx) -> RepeaterWidget:
    """The pager of a Repeater or of an Image's list, as a part of its own."""
    widget = RepeaterWidget(name=tag.name or key, repeater=key, on=items.column or "")
    widget.group = ctx.group
    ctx.parts.append(Part(widget, data=lambda row: {"count": count_of(row, items)}))
    return widget


def build_image_list(tag, part: Part, ctx):
    """An Image with valueList: its pager above its view (regions or not), one image at a
    time; perItem controls on it follow the same pager."""
    items = tag.item_list
    above = pager(tag, items, items.key, ctx)
    per_item(part, items, items.key)
    part.widget.group = ctx.group
    ctx.parts.append(part)
    box = ipw.VBox([above, part.widget])
    box.add_class("lw-image-list")
    return box
