"""Image cells (path, URL, bytes, PIL image, numpy array) -> what a browser shows.

Each image travels to the browser once, as compressed bytes in a binary widget message (no
base64): a task payload only names the image (``{"key", "width", "height"}``), the browser asks
for the keys it lacks (the shown task first, then the tasks held ahead) and keeps them. A
file already in a format browsers read (JPEG, PNG, GIF, WebP) is sent as it is; other sources
are encoded once (PNG, or JPEG when that is much smaller and nothing is transparent) and
scaled down when larger than ``max_side``. Sizes are those of the original image (after its
EXIF orientation, as browsers show it), so regions are measured in original pixels.
http(s) and data: URLs are loaded by the browser itself, directly from where they are.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import secrets
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .geometry import oriented_size
from .media_store import MediaStore
from .values import is_missing

BROWSER_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif",
                   "WEBP": "image/webp"}
MAX_SIDE = 4096
URL_PREFIXES = ("http://", "https://", "data:")


class ImageProblem(ValueError):
    """An image cell that cannot be shown; the message names the path or the type."""


@dataclass(frozen=True)
class LoadedImage:
    """An image ready to send: its key, original size and the bytes the browser decodes."""

    key: str
    width: int
    height: int
    mime: str
    data: bytes


@dataclass(frozen=True)
class ImageInfo:
    """What a task payload says of its image (no bytes), and how to get the bytes later."""

    key: str
    width: int
    height: int
    load: Callable[[], LoadedImage]
    # For in-memory images: a weak reference to the object described (its id may be reused).
    ref: Any = field(default=None, compare=False, repr=False)

    def payload(self) -> dict:
        return {"key": self.key, "width": self.width, "height": self.height}


# -- opening sources -----------------------------------------------------------------------------


def _pil():
    from PIL import Image, ImageOps

    return Image, ImageOps


def _open_bytes(raw: bytes, what: str):
    Image, _ = _pil()
    try:
        image = Image.open(io.BytesIO(raw))
        image.size  # noqa: B018  (the header is read here)
    except Exception as exc:
        raise ImageProblem(f"{what} is not an image that can be read ({_reason(exc)})") from None
    return image


def _reason(exc: BaseException) -> str:
    if type(exc).__name__ == "UnidentifiedImageError":
        return "not a known image format"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc) or type(exc).__name__
    return text.split(" <_io.BytesIO")[0]


def array_image(value):
    """A numpy array (H x W, H x W x 3/4; uint8, bool, float 0-1, other ints) as a PIL image."""
    import numpy as np

    Image, _ = _pil()
    array = np.asarray(value)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise ImageProblem(f"an array of shape {array.shape} is not an image "
                           "(expected height x width, or height x width x 3 or 4)")
    if array.size == 0:
        raise ImageProblem(f"an array of shape {array.shape} is an empty image")
    if array.dtype == bool:
        array = array.astype(np.uint8) * 255
    elif array.dtype.kind == "f":
        finite = np.nan_to_num(array.astype(np.float64))
        top = 1.0 if finite.max(initial=0.0) <= 1.0 else 255.0
        array = np.clip(finite * (255.0 / top), 0, 255).round().astype(np.uint8)
    elif array.dtype != np.uint8:
        if array.dtype.kind not in "iu":
            raise ImageProblem(f"an array of dtype {array.dtype} is not an image")
        top = float(array.max(initial=0))
        scale = 255.0 / top if top > 255 else 1.0
        array = np.clip(array * scale, 0, 255).astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(array))


def encode(image, max_side: int = MAX_SIDE) -> tuple[str, bytes]:
    """(mime, bytes) of a PIL image for the browser: upright, at most ``max_side``, compressed."""
    Image, ImageOps = _pil()
    image = ImageOps.exif_transpose(image)
    if max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in
                                                    image.info)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        image = image.convert("RGBA" if alpha else "RGB")
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=False, compress_level=6)
    w, h = image.size
    if alpha or png.tell() <= w * h // 2:  # flat or small images: exact and already compact
        return "image/png", png.getvalue()
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, format="JPEG", quality=90)
    if jpeg.tell() < png.tell() * 0.6:
        return "image/jpeg", jpeg.getvalue()
    return "image/png", png.getvalue()


def _raw_or_encoded(raw: bytes, image, key: str, size: tuple[int, int],
                    max_side: int) -> LoadedImage:
    mime = BROWSER_FORMATS.get(image.format or "")
    if mime is not None and max(size) <= max_side:
        return LoadedImage(key, size[0], size[1], mime, raw)
    image.load()
    mime, data = encode(image, max_side)
    return LoadedImage(key, size[0], size[1], mime, data)


class ImageStore(MediaStore[ImageInfo, LoadedImage]):
    """Resolves image cells to keys and sizes, and keeps the encoded bytes of recent ones.

    ``describe`` is cheap on repeated calls (it runs each time the tasks around the shown one
    are refreshed); ``get`` gives the bytes of a key the browser asks for.
    """

    def __init__(self, max_side: int = MAX_SIDE, keep: int = 32, remember: int = 4096):
        super().__init__(keep, remember)
        self.max_side = max_side

    # -- describing cells --------------------------------------------------------------------
    def describe(self, value: Any) -> dict:
        """``{"image": {key, width, height}}``, ``{"url": ...}`` or ``{"error": ...}``."""
        if is_missing(value) or (isinstance(value, str) and not value.strip()):
            return {"error": "no image in this task"}
        if isinstance(value, str) and value.strip().lower().startswith(URL_PREFIXES):
            return {"url": value.strip()}
        try:
            info = self.info(value)
        except ImageProblem as exc:
            return {"error": str(exc)}
        return {"image": info.payload()}

    def _still_same(self, info: ImageInfo, value: Any) -> bool:
        return info.ref is None or info.ref() is value

    def load(self, value: Any) -> LoadedImage:
        """The image of a cell, loaded (URLs are fetched here: the gallery draws in Python)."""
        if isinstance(value, str) and value.strip().lower().startswith(URL_PREFIXES):
            value = fetch_url(value.strip())
        return self.get(self.info(value).key)

    # -- sources -----------------------------------------------------------------------------
    def _source(self, value: Any):
        """(a cache key identifying the source, a function making its ImageInfo)."""
        if isinstance(value, (str, os.PathLike)):
            path = Path(value).expanduser()
            try:
                stat = path.stat()
            except OSError as exc:
                raise ImageProblem(f"cannot read image {str(value)!r}: {_reason(exc)}") from None
            if not path.is_file():
                raise ImageProblem(f"cannot read image {str(value)!r}: not a file")
            source = ("file", str(path.resolve()), stat.st_mtime_ns, stat.st_size)
            return source, lambda: self._file_info(path, source, str(value))
        if isinstance(value, (bytes, bytearray, memoryview)):
            raw = bytes(value)
            digest = hashlib.sha1(raw).hexdigest()
            return ("bytes", digest), lambda: self._bytes_info(raw, digest)
        Image, _ = _pil()
        if isinstance(value, Image.Image) or hasattr(value, "__array_interface__"):
            return self._object_source(value)
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)):
            # An array that went through tolist(): the pixels are the identity.
            import numpy as np

            try:
                array = np.asarray(value)
            except ValueError:
                array = None
            if array is not None and array.dtype.kind in "biuf" and array.ndim in (2, 3):
                digest = hashlib.sha1(repr((array.shape, array.dtype.str)).encode()
                                      + array.tobytes()).hexdigest()
                return ("pixels", digest), lambda: self._array_info(array, digest)
        raise ImageProblem(f"cannot show a {type(value).__name__} as an image (expected a path, "
                           "a URL, bytes, a PIL image or a numpy array)")

    def _file_info(self, path: Path, source, shown: str) -> ImageInfo:
        key = "f" + hashlib.sha1(repr(source).encode()).hexdigest()[:20]
        Image, _ = _pil()
        try:
            with Image.open(path) as image:  # reads the header only
                size = oriented_size(image)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) or exc.errno:
                raise ImageProblem(f"cannot read image {shown!r}: {_reason(exc)}") from None
            raise ImageProblem(f"{shown!r} is not an image that can be read "
                               f"({_reason(exc)})") from None
        except Exception as exc:
            raise ImageProblem(f"{shown!r} is not an image that can be read "
                               f"({_reason(exc)})") from None

        def load() -> LoadedImage:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ImageProblem(f"cannot read image {shown!r}: {_reason(exc)}") from None
            return _raw_or_encoded(data, _open_bytes(data, repr(shown)), key, size,
                                   self.max_side)

        return ImageInfo(key, size[0], size[1], load)

    def _bytes_info(self, raw: bytes, digest: str) -> ImageInfo:
        key = "b" + digest[:20]
        image = _open_bytes(raw, f"bytes ({len(raw)} of them)")
        size = oriented_size(image)
        return ImageInfo(key, size[0], size[1],
                         lambda: _raw_or_encoded(raw, _open_bytes(raw, "bytes"), key, size,
                                                 self.max_side))

    def _array_info(self, array, digest: str) -> ImageInfo:
        image = array_image(array)
        key = "m" + digest[:20]

        def load() -> LoadedImage:
            mime, data = encode(image, self.max_side)
            return LoadedImage(key, image.width, image.height, mime, data)

        return ImageInfo(key, image.width, image.height, load)

    def _object_source(self, value):
        Image, _ = _pil()
        # In-memory images are identified by the object (the DataFrame keeps it alive); hashing
        # their pixels on every refresh would cost more than sending them.
        source = ("object", id(value))

        def build() -> ImageInfo:
            image = value if isinstance(value, Image.Image) else array_image(value)
            # A fresh key per object: hashing the pixels would cost more than it saves.
            key = "o" + secrets.token_hex(10)
            size = oriented_size(image)

            def load() -> LoadedImage:
                mime, data = encode(image, self.max_side)
                return LoadedImage(key, size[0], size[1], mime, data)

            return ImageInfo(key, size[0], size[1], load, ref=_weak(value))

        return source, build


def _weak(value):
    try:
        return weakref.ref(value)
    except TypeError:
        return lambda: value


def fetch_url(url: str, timeout: float = 20.0) -> bytes:
    """The bytes behind an http(s) or data: URL (used where Python draws the image itself)."""
    if url.lower().startswith("data:"):
        head, _, body = url.partition(",")
        return base64.b64decode(body) if head.endswith(";base64") else body.encode()
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except Exception as exc:
        raise ImageProblem(f"cannot fetch image {url!r}: {_reason(exc)}") from None


_CHECKS = ImageStore(keep=0)  # sizes and problems only: no bytes kept


def image_problem(value: Any) -> str | None:
    """Why the image of a cell cannot be shown, or None (URLs are the browser's to load)."""
    return _CHECKS.describe(value).get("error")


def image_source(value: Any) -> dict:
    """``{"src": ...}`` for a plain ``<img>``, or ``{"error": ...}`` saying what is wrong.

    Used by the display-only ImageWidget; the region editor uses :class:`ImageStore`.
    """
    if isinstance(value, str) and value.strip().lower().startswith(URL_PREFIXES):
        return {"src": value.strip()}
    store = ImageStore()
    described = store.describe(value)
    if "error" in described:
        return described
    loaded = store.get(described["image"]["key"])
    return {"src": f"data:{loaded.mime};base64,{base64.b64encode(loaded.data).decode()}"}
