"""Audio cells (path, URL, bytes, a numpy array with its sample rate) -> what a browser plays.

As images do (``images.py``), each audio travels to the browser once, as its bytes in a binary
widget message: a task payload only names it (``{"key", "mime", "duration", "rate",
"channels"}``), the browser asks for the keys it lacks (the shown task first, then the tasks
held ahead) and keeps them. Files and bytes are sent as they are; a numpy array is written as
16-bit WAV. The browser decodes the audio itself (Web Audio ``decodeAudioData``) to draw the
waveform, except for long WAV files, whose peaks (min/max per block of samples) are computed
here with numpy and sent beside the bytes, so an hour of audio is drawn without decoding it.
http(s) and data: URLs are loaded by the browser itself.
"""

from __future__ import annotations

import hashlib
import io
import os
import wave
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .media_store import MediaStore
from .values import is_missing, short

URL_PREFIXES = ("http://", "https://", "data:")
# Audio longer than this (seconds) gets its peaks from Python when it is WAV.
PEAKS_FROM = 600.0
# Samples per peak (min/max pair): 16 kHz audio gives 62.5 pairs per second.
BLOCK = 256
KEEP = 6  # audio bytes kept in the kernel (the browser keeps its own)


class AudioProblem(ValueError):
    """An audio cell that cannot be played; the message names the path or the type."""


@dataclass(frozen=True)
class LoadedAudio:
    key: str
    mime: str
    data: bytes
    peaks: bytes | None = None  # int8 pairs (min, max) per ``block`` samples, channels mixed
    block: int = BLOCK


@dataclass(frozen=True)
class AudioInfo:
    key: str
    mime: str
    duration: float | None
    rate: int | None
    channels: int | None
    load: Callable[[], LoadedAudio]

    def payload(self) -> dict:
        return {"key": self.key, "mime": self.mime, "duration": self.duration,
                "rate": self.rate, "channels": self.channels}


# -- recognising formats --------------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """The MIME type of audio bytes from their first bytes, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "audio/webm"
    return None


def _wav_header(data: bytes | Path) -> tuple[int, int, int, int]:
    """(rate, channels, sample width, frames) of WAV bytes or a WAV file."""
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    with wave.open(source, "rb") as w:
        return w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()


def wav_peaks(data: bytes) -> bytes:
    """Min/max pairs (int8, channels mixed) per BLOCK samples of 8/16/32-bit PCM WAV bytes."""
    import numpy as np

    with wave.open(io.BytesIO(data), "rb") as w:
        channels, width, frames = w.getnchannels(), w.getsampwidth(), w.getnframes()
        raw = w.readframes(frames)
    dtype = {1: np.uint8, 2: np.int16, 4: np.int32}.get(width)
    if dtype is None:
        return b""
    samples = np.frombuffer(raw, dtype=dtype)
    if width == 1:
        samples = samples.astype(np.int16) - 128
    scale = {1: 128.0, 2: 32768.0, 4: 2147483648.0}[width]
    frames = len(samples) // channels
    samples = samples[: frames * channels].reshape(frames, channels)
    blocks = -(-frames // BLOCK)
    padded = np.zeros((blocks * BLOCK, channels), dtype=samples.dtype)
    padded[:frames] = samples
    padded = padded.reshape(blocks, BLOCK * channels)
    low = np.round(padded.min(axis=1) / scale * 127).astype(np.int8)
    high = np.round(padded.max(axis=1) / scale * 127).astype(np.int8)
    return np.stack([low, high], axis=1).tobytes()


def array_wav(samples, rate: int) -> bytes:
    """A numpy array (samples, or samples x channels) as 16-bit PCM WAV bytes."""
    import numpy as np

    array = np.asarray(samples)
    if array.dtype.kind not in "biuf":
        raise AudioProblem(f"an array of dtype {array.dtype} is not audio")
    if array.ndim == 2 and array.shape[0] <= 8 < array.shape[1]:
        array = array.T  # channels x samples, as librosa gives it
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[1] > 8:
        raise AudioProblem(f"an array of shape {array.shape} is not audio (expected samples, "
                           "or samples x channels)")
    if array.shape[0] == 0:
        raise AudioProblem("an array of no samples is empty audio")
    if array.dtype.kind == "f":
        pcm = np.clip(np.nan_to_num(array.astype(np.float64)), -1, 1) * 32767
    elif array.dtype == np.int16:
        pcm = array
    else:
        top = float(np.abs(array.astype(np.float64)).max(initial=0)) or 1.0
        pcm = array / top * 32767
    pcm = np.asarray(pcm).round().astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(pcm.shape[1])
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(np.ascontiguousarray(pcm).tobytes())
    return out.getvalue()


def _array_and_rate(value) -> tuple[Any, int] | None:
    """(samples, rate) of ``(array, rate)`` or ``{"array", "sampling_rate"}`` (the Hugging
    Face datasets form), None for other values."""
    if isinstance(value, Mapping) and "array" in value:
        rate = value.get("sampling_rate", value.get("sample_rate"))
        return value["array"], rate
    if isinstance(value, tuple) and len(value) == 2 and hasattr(value[0], "__len__"):
        return value[0], value[1]
    return None


def _check_rate(rate) -> int:
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate != int(rate) \
            or not 3000 <= rate <= 768000:
        raise AudioProblem(f"the sample rate {short(rate)} is not a rate in Hz (3000 to 768000)")
    return int(rate)


class AudioStore(MediaStore[AudioInfo, LoadedAudio]):
    """Resolves audio cells to keys, and keeps the bytes of recent ones (``images.ImageStore``'s
    contract: ``describe(cell)`` when tasks are sent, ``get(key)`` when the browser asks)."""

    def __init__(self, keep: int = KEEP, remember: int = 4096):
        super().__init__(keep, remember)

    def describe(self, value: Any) -> dict:
        """``{"audio": {...}}``, ``{"url": ...}`` or ``{"error": ...}``."""
        if value is None or (not hasattr(value, "__len__") and is_missing(value)) or \
                (isinstance(value, str) and not value.strip()):
            return {"error": "no audio in this task"}
        if isinstance(value, str) and value.strip().lower().startswith(URL_PREFIXES):
            return {"url": value.strip()}
        try:
            info = self.info(value)
        except AudioProblem as exc:
            return {"error": str(exc)}
        return {"audio": info.payload()}

    # -- sources -----------------------------------------------------------------------------
    def _source(self, value: Any):
        if isinstance(value, (str, os.PathLike)):
            path = Path(value).expanduser()
            try:
                stat = path.stat()
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                raise AudioProblem(f"cannot read audio {str(value)!r}: {reason}") from None
            if not path.is_file():
                raise AudioProblem(f"cannot read audio {str(value)!r}: not a file")
            source = ("file", str(path.resolve()), stat.st_mtime_ns, stat.st_size)
            return source, lambda: self._file_info(path, source, str(value))
        if isinstance(value, (bytes, bytearray, memoryview)):
            raw = bytes(value)
            digest = hashlib.sha1(raw).hexdigest()
            return ("bytes", digest), lambda: self._bytes_info(raw, "b" + digest[:20],
                                                               f"bytes ({len(raw)} of them)")
        pair = _array_and_rate(value)
        if pair is not None:
            import numpy as np

            samples, rate = pair
            rate = _check_rate(rate)
            array = np.asarray(samples)
            digest = hashlib.sha1(repr((array.shape, array.dtype.str, rate)).encode()
                                  + np.ascontiguousarray(array).tobytes()).hexdigest()
            return ("array", digest), lambda: self._bytes_info(
                array_wav(array, rate), "m" + digest[:20], "the array")
        if hasattr(value, "__array_interface__"):
            raise AudioProblem("a numpy array needs its sample rate: give (array, rate) or "
                               '{"array": array, "sampling_rate": rate}')
        raise AudioProblem(f"cannot play a {type(value).__name__} as audio (expected a path, a "
                           "URL, bytes, or (array, sample rate))")

    def _file_info(self, path: Path, source, shown: str) -> AudioInfo:
        key = "f" + hashlib.sha1(repr(source).encode()).hexdigest()[:20]
        try:
            with path.open("rb") as f:
                head = f.read(16)
        except OSError as exc:
            raise AudioProblem(f"cannot read audio {shown!r}: {exc.strerror}") from None

        def read() -> bytes:
            try:
                return path.read_bytes()
            except OSError as exc:
                raise AudioProblem(f"cannot read audio {shown!r}: {exc.strerror}") from None

        return self._info(key, head, path, read, repr(shown))

    def _bytes_info(self, raw: bytes, key: str, shown: str) -> AudioInfo:
        return self._info(key, raw[:16], raw, lambda: raw, shown)

    def _info(self, key: str, head: bytes, whole: bytes | Path, read, shown: str) -> AudioInfo:
        mime = sniff(head)
        if mime is None:
            what = "empty" if not head else "not audio in a format browsers play (WAV, MP3, " \
                                            "Ogg, FLAC, MP4/M4A, WebM)"
            raise AudioProblem(f"{shown} is {what}")
        duration = rate = channels = None
        if mime == "audio/wav":
            try:
                rate, channels, _width, frames = _wav_header(whole)
            except (wave.Error, EOFError, OSError) as exc:
                raise AudioProblem(f"{shown} is not a WAV file that can be read "
                                   f"({exc or 'truncated'})") from None
            duration = frames / rate if rate else None
        long_wav = mime == "audio/wav" and duration is not None and duration > PEAKS_FROM

        def load() -> LoadedAudio:
            data = read()
            return LoadedAudio(key, mime, data, wav_peaks(data) if long_wav else None)

        return AudioInfo(key, mime, duration, rate, channels, load)


_CHECKS = AudioStore(keep=0)


def audio_problem(value: Any) -> str | None:
    """Why the audio of a cell cannot be played, or None (URLs are the browser's to load)."""
    return _CHECKS.describe(value).get("error")
