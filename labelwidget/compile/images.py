"""Image cells (URL, path, bytes, PIL image, array) -> something a browser can show."""

from __future__ import annotations

import base64
import io
import mimetypes
from pathlib import Path
from typing import Any

from .cells import is_missing


def image_source(value: Any) -> dict:
    """``{"src": ...}`` for the browser, or ``{"error": ...}`` saying what is wrong."""
    if is_missing(value):
        return {"error": "no image in this task"}
    if isinstance(value, str) and value.startswith(("http://", "https://", "data:")):
        return {"src": value}
    if isinstance(value, (str, Path)):
        path = Path(value)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return {"error": f"cannot read image {str(path)!r}: {exc.strerror or exc}"}
        mime = mimetypes.guess_type(path.name)[0] or "image/png"
        return {"src": f"data:{mime};base64,{base64.b64encode(raw).decode()}"}
    if isinstance(value, (bytes, bytearray)):
        return {"src": "data:image/png;base64," + base64.b64encode(bytes(value)).decode()}
    try:
        from PIL import Image as PILImage
    except ImportError:  # pragma: no cover - pillow is a dependency
        PILImage = None
    if PILImage is not None:
        image = value if isinstance(value, PILImage.Image) else None
        if image is None and hasattr(value, "__array_interface__"):
            image = PILImage.fromarray(value)
        if image is not None:
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            return {"src": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()}
    return {"error": f"cannot show a {type(value).__name__} as an image"}
