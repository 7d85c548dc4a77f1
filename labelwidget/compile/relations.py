"""``<Relations>`` -> the relations widget (its arrows span every region view)."""

from __future__ import annotations

from ..config.relations import Relations
from ..widgets import RelationsWidget
from .base import Part, builders
from .options import option_spec


@builders.register(Relations)
def build_relations(tag: Relations, ctx):
    widget = RelationsWidget(
        name=tag.name,
        choice=tag.attrs["choice"],
        options=[option_spec(o) for o in tag.options() if o.value],
    )
    return Part(widget, controls=(tag,), data=lambda row: {})
