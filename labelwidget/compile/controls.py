"""Classification control tags -> their widgets."""

from __future__ import annotations

from ..config.controls import Choices
from ..widgets import ChoicesWidget
from .base import Part, builders
from .cells import is_missing


def option_specs(tag) -> list[dict]:
    return [
        {"value": o.stored, "label": o.value, "hotkey": o.hotkey or "",
         "background": o.attrs.get("background") or ""}
        for o in tag.options()
    ]


@builders.register(Choices)
def build_choices(tag: Choices, ctx):
    layout = tag.attrs.get("layout") or ("inline" if tag.inline else "vertical")
    widget = ChoicesWidget(
        name=tag.name,
        options=option_specs(tag),
        choice=tag.attrs["choice"],
        layout=layout,
        required=tag.attrs["required"],
        required_message=tag.attrs.get("requiredMessage") or "",
    )
    column = tag.dynamic_column
    data = (lambda row: {"options": dynamic_options(row.get(column))}) if column else (lambda row: {})
    return Part(widget, controls=(tag,), data=data)


def dynamic_options(cell) -> list[str]:
    """Per-task options from a ``$column`` cell: a list of values (or of {"value": ...})."""
    if is_missing(cell):
        return []
    if isinstance(cell, str):
        return [cell]
    out = []
    for item in cell:
        out.append(item.get("value") if isinstance(item, dict) else str(item))
    return [o for o in out if o]
