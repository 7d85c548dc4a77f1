"""``<Audio>`` (and ``<AudioPlus>``, its older name) and the segments ``<Labels>`` draws on it.

A segments cell (DESIGN.md section 2) is a list of Label Studio ``value`` payloads in seconds,
each with a stable ``id``::

    [{"id": "s1", "start": 1.5, "end": 3.2, "labels": ["Speech"]}]

``channel`` and other keys of a segment are kept as they are; ``original_length`` (the audio's
duration, which Label Studio writes beside ``value``) is kept in the cell when a segment comes
with it, and goes back beside ``value`` on export. Segments may overlap.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..values import finite_number, short
from .attributes import Attr
from .keys import DEFAULT_KEYS, KeyError_, parse_key
from .registry import registry
from .tags import ObjectTag

# Label Studio writes these beside a segment's ``value``, not inside it.
ITEM_KEYS = ("original_length",)
# The widget's own keys for playback (js/audio.js); the Audio tag's hotkey replaces PLAY.
PLAY = "space"
SEEK_BACK, SEEK_FORWARD = "shift+arrowleft", "shift+arrowright"
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


@registry.register("Audio", "AudioPlus")
class Audio(ObjectTag):
    attributes = (
        Attr("zoom", "bool", True),
        Attr("hotkey"),  # plays and pauses, as in Label Studio
        Attr("defaultSpeed", "float", 1.0),
        Attr("defaultZoom", "float", 1.0),
        Attr("defaultVolume", "float", 1.0),
        # AudioPlus's switches for its speed and volume controls.
        Attr("speed", "bool", True),
        Attr("volume", "bool", True),
        # Label Studio syncs an Audio with a Paragraphs tag (sync="text"); kept for that tag.
        Attr("sync"),
    )

    def check(self, config, issues):
        super().check(config, issues)
        key = self.attrs.get("hotkey")
        if key:
            try:
                canonical = parse_key(key)
            except KeyError_ as exc:
                issues.add(self, f'{self.quote("hotkey")} is not a key: {exc}')
                return
            own = {k: action for action, keys in DEFAULT_KEYS.items() for k in keys}
            if canonical in own:
                issues.note(self, f"it is the widget's own key ({own[canonical]}); playback "
                                  f"keeps {PLAY}", self.spelling("hotkey"))
                self.attrs["hotkey"] = None
            else:
                self.attrs["hotkey"] = canonical
        for name in ("defaultSpeed", "defaultVolume", "defaultZoom"):
            value = self.attrs.get(name)
            if value is not None and value <= 0:
                issues.add(self, f'{self.quote(name.lower())} must be more than 0')

    @property
    def play_key(self) -> str:
        return self.attrs.get("hotkey") or PLAY

    def keys(self) -> dict[str, str]:
        """Playback keys, for the cheat-sheet and the widget."""
        return {self.play_key: "play / pause (the selected segment, when one is selected)",
                SEEK_BACK: "seek 1 s back", SEEK_FORWARD: "seek 1 s forward"}


def _describe(i: int, segment: Mapping) -> str:
    ident = f" (id {segment['id']!r})" if segment.get("id") else ""
    return f"segment {i}{ident}"


class SegmentModel:
    """The value model of ``<Labels>`` on ``<Audio>``: segments in seconds."""

    def __init__(self, control):
        self.control = control

    @property
    def key(self) -> str:
        return self.control.label_key

    def check(self, value: Any) -> list[dict]:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise ValueError(f"expected a list of segments, got the text "
                                 f"{short(value)}") from None
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of segments ({{id, start, end, "
                             f"{self.key}}} in seconds), got {short(value)}")
        out: list[dict] = []
        seen: dict[str, int] = {}
        for i, segment in enumerate(value):
            checked = self._check_segment(i, segment)
            if checked["id"] in seen:
                raise ValueError(f"{_describe(i, checked)}: id {checked['id']!r} is also the id "
                                 f"of segment {seen[checked['id']]}")
            seen[checked["id"]] = i
            out.append(checked)
        counts = Counter(label for s in out for label in s[self.key])
        for label, limit in self.control.label_limits().items():
            if counts[label] > limit:
                raise ValueError(f"{label!r} is used on {counts[label]} segments, at most "
                                 f"{limit} allowed (maxUsages)")
        return out

    def _check_segment(self, i: int, segment) -> dict:
        from .region_ids import derived_region_id

        if not isinstance(segment, Mapping):
            raise ValueError(f"segment {i}: expected a dict with start, end (seconds) and "
                             f"{self.key}, got {short(segment)}")
        segment = dict(segment)
        where = _describe(i, segment)
        for key in ("start", "end"):
            if key not in segment:
                keys = ", ".join(map(str, segment)) or "none"
                raise ValueError(f"{where}: missing {key!r} in seconds (keys: {keys})")
            segment[key] = float(finite_number(segment[key], f"{where}: {key}"))
        if segment["start"] < 0 or segment["start"] >= segment["end"]:
            raise ValueError(f"{where}: start ({segment['start']:g} s) must be at least 0 and "
                             f"less than end ({segment['end']:g} s)")
        if "channel" in segment and segment["channel"] is not None:
            channel = segment["channel"]
            if isinstance(channel, bool) or not isinstance(channel, (int, float)) or \
                    channel != int(channel) or channel < 0:
                raise ValueError(f"{where}: channel must be a whole number from 0, got "
                                 f"{short(channel)}")
            segment["channel"] = int(channel)
        if segment.get("original_length") is not None:
            segment["original_length"] = float(finite_number(segment["original_length"],
                                                             f"{where}: original_length"))
        self._check_labels(where, segment)
        ident = segment.get("id")
        if ident is None or ident == "":
            segment["id"] = derived_region_id(self.control.name, i, segment)
        elif not isinstance(ident, str):
            segment["id"] = str(ident)
        order = ("id", "start", "end", "channel", self.key)
        return {**{k: segment[k] for k in order if k in segment}, **segment}

    def _check_labels(self, where: str, segment: dict) -> None:
        control, key = self.control, self.key
        labels = segment.get(key)
        if labels is None:
            raise ValueError(f"{where}: missing {key!r} (the list of its labels)")
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{where}: {key} must be a list of labels, got {short(labels)}")
        labels = list(labels)
        if not labels and not control.attrs["allowEmpty"]:
            raise ValueError(f"{where}: has no label")
        if len(set(labels)) != len(labels):
            raise ValueError(f"{where}: lists a label twice: {labels!r}")
        if len(labels) > 1 and not control.multiple:
            raise ValueError(f"{where}: has {len(labels)} labels {labels!r}, but <"
                             f'{control.tag_name} name="{control.name}"> allows one '
                             '(choice="single")')
        allowed = control.allowed()
        for label in labels:
            if label not in allowed:
                raise ValueError(f"{where}: {label!r} is not a label of {control.name} "
                                 f"(labels: {', '.join(allowed)})")
        segment[key] = labels

    # -- Label Studio results ----------------------------------------------------------------
    def to_results(self, cell) -> list[dict]:
        out = []
        for segment in cell or []:
            value = {k: v for k, v in segment.items() if k not in ("id", *ITEM_KEYS)}
            item: dict[str, Any] = {"id": segment["id"], "type": self.control.result_type}
            for key in ITEM_KEYS:
                if segment.get(key) is not None:
                    item[key] = segment[key]
            item["value"] = value
            out.append(item)
        return out

    def from_results(self, items) -> list[dict]:
        from .region_ids import new_region_id

        cell = []
        for item in items:
            segment = {"id": item.get("id") or new_region_id(), **(item.get("value") or {})}
            for key in ITEM_KEYS:
                if item.get(key) is not None:
                    segment[key] = item[key]
            cell.append(segment)
        return cell
