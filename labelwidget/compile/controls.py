"""Classification control tags -> their widgets."""

from __future__ import annotations

from ..config.controls import Choices
from ..widgets import ChoicesWidget
from .base import Part, builders


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
        show_as=layout,
        required=tag.attrs["required"],
        required_message=tag.attrs.get("requiredMessage") or "",
    )
    data = (lambda row: {"options": tag.dynamic_options(row)}) if tag.dynamic_column else _no_data
    return Part(widget, controls=(tag,), data=data)


def _no_data(row) -> dict:
    return {}
