"""``<Paragraphs>`` (a dialogue) -> the dialogue view, or the span view when
``<ParagraphLabels>`` label it (the same span machinery as Text and HyperText)."""

from __future__ import annotations

from ..config.paragraphs import ParagraphLabels, Paragraphs
from ..widgets import TextSpansWidget, TextWidget
from ..widgets._task_payloads import TextData
from .base import Part, builders
from .text_spans import group_spec


def dialogue_data(tag: Paragraphs, row) -> TextData:
    """The task's turns for the browser, or the message naming what is wrong with its cell."""
    shown = {"layout": tag.attrs.get("layout") or "none"}
    if tag.synced_audio:
        # The turns follow that <Audio>'s playback (and scroll along with contextScroll).
        shown.update(sync=tag.synced_audio, scroll=bool(tag.attrs.get("contextScroll")))
    try:
        return {"turns": tag.turns(row), **shown}
    except ValueError as exc:
        return {"turns": [], **shown, "error": str(exc)}


def dialogue_problem(tag: Paragraphs, row) -> str | None:
    try:
        tag.turns(row)
    except ValueError as exc:
        return str(exc)
    return None


@builders.register(Paragraphs)
def build_paragraphs(tag: Paragraphs, ctx):
    controls = ctx.region_controls(tag)
    for control in controls:
        if not isinstance(control, ParagraphLabels):
            ctx.refuse(control, f'not supported yet: <{control.tag_name}> on <Paragraphs '
                                f'name="{tag.name}">')
    spans = tuple(c for c in controls if isinstance(c, ParagraphLabels))
    if spans:
        widget = TextSpansWidget(name=tag.name, kind="paragraphs",
                                 granularity=tag.attrs.get("granularity") or "symbol",
                                 groups=[group_spec(c) for c in spans])
    else:
        widget = TextWidget(name=tag.name, kind="paragraphs")
    return Part(widget, controls=spans, data=lambda row: dialogue_data(tag, row),
                problem=lambda row: dialogue_problem(tag, row))
