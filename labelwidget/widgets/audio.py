"""An Audio object: playback, waveform, and the segments ``<Labels>`` draw on it. Mirrors
``js/audio.js``.

Task data: ``{"audio": {"key", "mime", "duration", "rate", "channels"}}`` (the bytes follow in
an ``audio`` message when the browser asks for the key, with the waveform's peaks for long
files), ``{"url": ...}`` (the browser loads it) or ``{"error": ...}``. The browser decodes the
audio, draws the waveform and owns every gesture (drag a segment, move or resize it by its
edges, relabel, delete, play it); ``value`` is ``{control name: [segments]}`` in seconds.

``region_controls``: the segment controls (``SegmentControlSpec``); ``playback_keys``: key
names as ``js/_keys.js`` names key presses.
"""

from __future__ import annotations

from typing import Any

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import message, spec, specs
from ._messages import AudioMsg, AudiosMsg
from ._specs import PlaybackKeys, SegmentControlSpec


class AudioWidget(TaskWidget):
    _esm = bundle("audio")
    name = t.Unicode().tag(sync=True)
    column = t.Unicode("").tag(sync=True)  # the data column, to name it in messages
    region_controls = specs(SegmentControlSpec)
    playback_keys = spec(PlaybackKeys)
    zoom = t.Bool(True).tag(sync=True)
    speed_control = t.Bool(True).tag(sync=True)
    default_speed = t.Float(1.0).tag(sync=True)
    default_zoom = t.Float(1.0).tag(sync=True)
    volume = t.Float(1.0).tag(sync=True)

    def __init__(self, audio=None, **kwargs):
        """``audio``: resolves cells to keys and keys to bytes (``describe(cell)``,
        ``get(key)``); by default a fresh ``labelwidget.audio.AudioStore``."""
        super().__init__(**kwargs)
        if audio is None:
            from ..audio import AudioStore

            audio = AudioStore()
        self.audio = audio
        self.controls = tuple(c["name"] for c in self.region_controls)
        self.on_msg(self._on_custom)

    def describe(self, value: Any) -> dict:
        return self.audio.describe(value)

    #: Messages the browser sends, and those this widget answers with.
    from_browser = (AudiosMsg,)
    to_browser = (AudioMsg,)

    def _on_custom(self, _widget, content, _buffers) -> None:
        asked: AudiosMsg | None = message(content, AudiosMsg)
        for key in asked["keys"] if asked else []:
            self.send_audio(str(key))

    def send_audio(self, key: str) -> None:
        """Send the bytes of audio named in a task payload (and its peaks), or why not."""
        try:
            loaded = self.audio.get(key)
        except KeyError:
            self.send(AudioMsg(type="audio", key=key, error="this audio is no longer known to "
                               "the kernel; show the task again"))
            return
        except ValueError as exc:  # AudioProblem: unreadable since it was described
            self.send(AudioMsg(type="audio", key=key, error=str(exc)))
            return
        if loaded.peaks:  # a long file: its waveform first, drawn while the bytes travel
            self.send(AudioMsg(type="audio", key=key, early=True, block=loaded.block),
                      buffers=[loaded.peaks])
        buffers = [loaded.data] + ([loaded.peaks] if loaded.peaks else [])
        self.send(AudioMsg(type="audio", key=key, mime=loaded.mime, peaks=bool(loaded.peaks),
                           block=loaded.block), buffers=buffers)
