"""What the image and audio stores share: a cell resolves to a small info (key, size ...) that
is remembered per source, and the bytes of the keys the browser asked for most recently are
kept, each cache bounded, least recently used first out (one rule for both media)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

Info = TypeVar("Info")  # ImageInfo, AudioInfo: has ``key`` and ``load()``
Loaded = TypeVar("Loaded")  # LoadedImage, LoadedAudio


class MediaStore(Generic[Info, Loaded]):
    """Cells -> infos (``info``), remembered per source up to ``remember`` of them; keys ->
    loaded bytes (``get``), the ``keep`` most recent kept. Subclasses say how a cell is read:
    ``_source(value)`` -> (a cache key identifying the source, a function building its info),
    an info having ``key`` and ``load()``."""

    def __init__(self, keep: int, remember: int = 4096):
        self._keep = keep
        self._remember = remember
        self._infos: OrderedDict[str, Info] = OrderedDict()  # key -> info
        self._by_source: OrderedDict[Any, Info] = OrderedDict()  # source id -> info
        self._bytes: OrderedDict[str, Loaded] = OrderedDict()  # key -> loaded bytes
        self._lock = threading.Lock()

    def _source(self, value: Any):
        raise NotImplementedError

    def _still_same(self, info: Info, value: Any) -> bool:
        """Whether a remembered info still describes ``value`` (sources identified by object
        id can be reused by a new object)."""
        return True

    def info(self, value: Any) -> Info:
        source, build = self._source(value)
        with self._lock:
            info = self._by_source.get(source)
            if info is not None and self._still_same(info, value):
                self._by_source.move_to_end(source)
                return info
        info = build()
        with self._lock:
            self._by_source[source] = info
            self._infos[info.key] = info
            for cache in (self._by_source, self._infos):
                while len(cache) > self._remember:
                    cache.popitem(last=False)
        return info

    def get(self, key: str) -> Loaded:
        """The bytes of a cell described earlier; ``KeyError`` when it was never described."""
        with self._lock:
            loaded = self._bytes.get(key)
            if loaded is not None:
                self._bytes.move_to_end(key)
                return loaded
            info = self._infos[key]
        loaded = info.load()
        with self._lock:
            self._bytes[key] = loaded
            while len(self._bytes) > self._keep:
                self._bytes.popitem(last=False)
        return loaded
