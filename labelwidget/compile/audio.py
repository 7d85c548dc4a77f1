"""``<Audio>`` (with the ``<Labels>`` that segment it, if any) -> one AudioWidget.

The Audio is always an editor-capable player: with no region control it plays and shows its
waveform (whole-audio controls such as Choices, TextArea, Rating sit beside it); with a
``<Labels>`` on it, segments are dragged on the waveform.
"""

from __future__ import annotations

from ..audio import AudioStore
from ..config.audio import SEEK_BACK, SEEK_FORWARD, Audio
from ..config.spans import SpanControl
from ..widgets import AudioWidget
from ..widgets._specs import OptionSpec, SegmentControlSpec
from ..widgets._task_payloads import AudioData
from .base import Part, builders
from .objects import _source


def segment_spec(tag: SpanControl) -> SegmentControlSpec:
    limits = tag.label_limits()
    return SegmentControlSpec(
        name=tag.name,
        tag=tag.tag_name,
        label_key=tag.label_key,
        choice=tag.attrs["choice"],
        max_usages=tag.attrs.get("maxUsages") or None,
        required=bool(tag.attrs["required"]),
        required_message=tag.attrs.get("requiredMessage") or "",
        options=[
            OptionSpec(
                value=o.stored,
                label=o.value,
                hotkey=o.hotkey or "",
                background=o.attrs.get("background") or "",
                max_usages=limits.get(o.stored) or None,
                selected=bool(o.attrs.get("selected")),
            )
            for o in tag.options()
        ],
    )


def _audio_cell(tag: Audio, row):
    """The cell as stored (a numpy array must not become a list on the way)."""
    if tag.column is None:
        return tag.literal
    raw = getattr(row, "raw", None)
    return raw(tag.column) if callable(raw) else _source(tag, row)


@builders.register(Audio)
def build_audio(tag: Audio, ctx):
    controls = ctx.region_controls(tag)
    usable = [c for c in controls if isinstance(c, SpanControl) and c.tag_name == "Labels"]
    for control in controls:
        if control not in usable:
            ctx.refuse(control, f"not supported yet: <{control.tag_name}> on <Audio>")
    widget = AudioWidget(
        name=tag.name,
        column=tag.column or "",
        region_controls=[segment_spec(c) for c in usable],
        playback_keys={"play": tag.play_key, "back": SEEK_BACK, "forward": SEEK_FORWARD},
        zoom=bool(tag.attrs["zoom"]),
        speed_control=bool(tag.attrs["speed"]),
        default_speed=float(tag.attrs["defaultSpeed"]),
        default_zoom=float(tag.attrs["defaultZoom"]),
        volume=min(1.0, float(tag.attrs["defaultVolume"])),
        audio=AudioStore(),
    )

    def data(row) -> AudioData:
        return widget.describe(_audio_cell(tag, row))

    def problem(row) -> str | None:
        return widget.describe(_audio_cell(tag, row)).get("error")

    return Part(widget, controls=tuple(usable), data=data, problem=problem)
