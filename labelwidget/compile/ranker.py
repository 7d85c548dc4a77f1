"""``<List>`` (with the ``<Ranker>`` that orders it, if any) -> one ranker widget.

The List is the object and the Ranker its control, as Labels on Text: the widget shows the
items and, with a Ranker, lets them be moved; the Ranker has no widget of its own.
"""

from __future__ import annotations

import json

from ..config.hypertext import sanitize_html
from ..config.ranker import List, Ranker, item_ids
from ..values import short
from ..widgets import RankerWidget
from ..widgets._task_payloads import RankerData
from .base import Part, builders
from .cells import is_missing, text_of


def list_items(tag: List, row) -> tuple[list[dict], str | None]:
    """The items of the task's list for the browser, and what is wrong with them (or None)."""
    raw = tag.literal if tag.column is None else row.get(tag.column)
    where = f"the {tag.column!r} cell" if tag.column else f'<List name="{tag.name}">'
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)  # a CSV keeps the list as its JSON text
        except ValueError:
            return [], f"{where} is not a list of items (JSON that does not parse: {short(raw)})"
    if raw is None or is_missing(raw):
        return [], f"{where} is empty: nothing to rank"
    try:
        item_ids(raw)
    except ValueError as exc:
        return [], f"{where}: {exc}"
    items = [{
        "id": str(item["id"]),
        "title": text_of(item.get("title")),
        "body": text_of(item.get("body")),
        "html": sanitize_html(text_of(item.get("html"))) if item.get("html") else "",
    } for item in raw]
    return items, None


@builders.register(List)
def build_list(tag: List, ctx):
    rankers = [c for c in ctx.config.controls.values()
               if isinstance(c, Ranker) and tag.name in c.to_name]
    if len(rankers) > 1:
        ctx.refuse(rankers[1], f'<List name="{tag.name}"> is already ranked by <Ranker name='
                               f'"{rankers[0].name}"> (line {rankers[0].line}); one Ranker '
                               "per List")
    ranker = rankers[0] if rankers else None
    widget = RankerWidget(
        name=ranker.name if ranker else "",
        list_name=tag.name,
        title=tag.attrs.get("title") or "",
        columns=ranker.board() if ranker else [],
        default_column=(ranker.default_bucket or "_") if ranker else "",
        **({"required": bool(ranker.attrs["required"]),
            "required_message": ranker.attrs.get("requiredMessage") or ""} if ranker else {}),
    )

    def data(row) -> RankerData:
        items, error = list_items(tag, row)
        return {"items": items, **({"error": error} if error else {})}

    def problem(row) -> str | None:
        return list_items(tag, row)[1]

    return Part(widget, controls=(ranker,) if ranker else (), data=data, problem=problem)


@builders.register(Ranker)
def build_ranker(tag: Ranker, ctx):
    """No widget of its own: the List it ranks shows its items and columns."""
    return None
