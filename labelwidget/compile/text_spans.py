"""Text and HyperText with span controls (Labels, HyperTextLabels) -> one span widget.

The widget shows the object and handles every span control targeting it, so overlapping spans
of several groups are drawn and edited in one place.
"""

from __future__ import annotations

from ..config.hypertext import sanitize_html
from ..config.objects import HyperText, Text
from ..config.spans import SpanControl
from ..values import text_of
from ..widgets import TextSpansWidget
from ..widgets._specs import OptionSpec, SpanGroup
from .base import Part, builders
from .cells import empty_mark, empty_problem
from .objects import region_builders
from .options import option_spec


def group_spec(tag: SpanControl) -> SpanGroup:
    limits = tag.label_limits()
    return SpanGroup(
        name=tag.name,
        choice=tag.attrs["choice"],
        label_key=tag.label_key,
        show_inline=bool(tag.attrs["showInline"]),
        allow_empty=bool(tag.attrs["allowEmpty"]),
        required=bool(tag.attrs["required"]),
        required_message=tag.attrs.get("requiredMessage") or "",
        options=[
            OptionSpec(
                **option_spec(o),
                selected=bool(o.attrs.get("selected")),
                max_usages=limits.get(o.stored),  # None: no limit
            )
            for o in tag.options()
        ],
    )


def _source(tag, row):
    return tag.literal if tag.column is None else row.get(tag.column)


def _spans(tag, controls, ctx):
    others = [c for c in controls if not isinstance(c, SpanControl)]
    for control in others:
        ctx.refuse(control, f'not supported yet: <{control.tag_name}> on <{tag.tag_name} '
                            f'name="{tag.name}">')
    spans = [c for c in controls if isinstance(c, SpanControl)]
    html = isinstance(tag, HyperText)
    widget = TextSpansWidget(
        name=tag.name,
        kind="html" if html else "text",
        granularity=tag.attrs.get("granularity") or "symbol",
        groups=[group_spec(c) for c in spans],
    )
    if html:
        def data(row):
            text = text_of(_source(tag, row))
            return {"html": sanitize_html(text), **empty_mark(text, tag.column)}
    else:
        def data(row):
            text = text_of(_source(tag, row))
            return {"text": text, **empty_mark(text, tag.column)}
    return Part(widget, controls=tuple(spans), data=data,
                problem=lambda row: empty_problem(tag, row))


@builders.register(SpanControl)
def build_span_control(tag: SpanControl, ctx):
    """No widget of its own: its labels show in the span widget of the object it labels."""
    return None


region_builders[Text] = _spans
region_builders[HyperText] = _spans
