"""File names that YOLO and VOC derive from a task's image, named as Label Studio's converter
names them, and the guard that no two tasks ever write one file.

The converter names a label file after the file it would download the image to: a web URL
becomes ``<first 8 hex of md5(url)>__<base name of the URL's path>`` (the hash keeps two
``.../image.jpg`` from different hosts apart), a Label Studio local-storage URL
(``/data/local-files/?d=dir/IMG_1.jpg``) the base name of its ``d`` path, an upload or a
cloud URI (``s3://``, ``gs://``, ``azure-blob://``) or a local path its base name.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from typing import Any
from urllib.parse import parse_qs, urlparse

from ._images import FormatError

# The converter cuts label file names to fit 255 bytes with ".txt".
MAX_STEM = 255 - 4
_CLOUD = ("s3:", "gs:", "azure-blob:")


def image_file_name(image: Any) -> str:
    """The image's file name (with extension) as Label Studio's converter writes it."""
    if image is None or image == "":
        return "image"
    value = str(image)
    parsed = urlparse(value)
    if value.startswith("/data/") and "?d=" in value:
        # Local storage: the file is the ``d`` path (decoded, the last one wins, as Label
        # Studio's /data/local-files/ view reads it).
        found = parse_qs(parsed.query, keep_blank_values=True).get("d")
        if found and found[-1]:
            return posixpath.basename(found[-1].rstrip("/")) or "image"
    if parsed.path.startswith("/storage-data/uploaded"):
        found = parse_qs(parsed.query).get("filepath")
        if found and found[-1]:
            return posixpath.basename(found[-1]) or "image"
    if value.startswith(_CLOUD):
        return os.path.basename(value) or "image"
    if parsed.scheme in ("http", "https", "ftp"):
        digest = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()[:8]
        return f"{digest}__{posixpath.basename(parsed.path)}"
    return os.path.basename(value) or "image"


def file_stem(image: Any, limit: int | None = None) -> str:
    """The image's file name without extension (cut to ``limit`` characters when given)."""
    stem = os.path.splitext(image_file_name(image))[0]
    return stem[:limit] if limit else stem


class OneFilePerTask:
    """Remembers which task wrote each file; a second task on the same file raises FormatError
    (writing it would silently replace the first task's labels)."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self._writers: dict[str, tuple[Any, Any]] = {}

    def claim(self, name: str, task: Any, image: Any) -> None:
        key = name.casefold()  # one file on case-insensitive file systems (macOS, Windows)
        first = self._writers.get(key)
        if first is None:
            self._writers[key] = (task, image)
            return
        raise FormatError(
            f"{self.fmt} export: tasks {first[0]!r} (image {first[1]!r}) and {task!r} (image "
            f"{image!r}) would both write {name!r}, and the second would replace the first's "
            "labels; give the images distinct file names, or export the tasks separately"
        )
