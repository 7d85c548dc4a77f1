"""``<Relations>`` -> the relations widget (its arrows span every region view)."""

from __future__ import annotations

from ..config.relations import Relations
from ..widgets import RelationsWidget
from .base import Part, builders


@builders.register(Relations)
def build_relations(tag: Relations, ctx):
    widget = RelationsWidget(
        name=tag.name,
        choice=tag.attrs["choice"],
        options=[{"value": o.stored, "label": o.value,
                  "background": o.attrs.get("background") or ""}
                 for o in tag.options() if o.value],
    )
    return Part(widget, controls=(tag,), data=lambda row: {})
