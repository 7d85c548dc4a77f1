"""The README's pictures: one widget element screenshotted, checked and made small.

``tests/browser/test_pictures.py`` puts each labeling type in a telling state and calls
:func:`take`. Where the PNGs go is the ``--pictures`` option (``tests/conftest.py``): by default
pytest's temporary directory, so CI checks every picture on every run; to regenerate the
committed ones (and ``image-boxes.gif``, recorded with :class:`Recorder`)::

    python -m pytest tests/browser/test_pictures.py --pictures=docs/img
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

# The README's pictures, by file name (docs/img/<name>.png); the docs site links them too.
PICTURES = ("text-classification", "ner-spans", "relations", "image-boxes", "polygons-keypoints",
            "audio-segments", "dialogue", "llm-evaluation", "ratings-textarea", "playground")
BUDGET = 60_000  # bytes per picture: the repository carries them all
COLORS = 64  # a palette this size keeps text edges smooth and the file small
VIEWPORT = {"width": 1000, "height": 1400}  # fixed, so the pictures do not move between runs
SCALE = 2  # device px per CSS px: sharp on high-density screens (README shows them at half)


def blank_reason(image: Image.Image) -> str | None:
    """Why ``image`` shows nothing worth a picture, or None when it shows something."""
    w, h = image.size
    if w < 200 or h < 80:
        return f"only {w}x{h} px"
    colors = image.convert("RGB").getcolors(maxcolors=w * h)
    top = max(count for count, _ in colors)
    if len(colors) < 16:
        return f"only {len(colors)} colours"
    if top > 0.97 * w * h:
        return f"{top / (w * h):.0%} of it is one colour"
    return None


def take(page, locator, path: Path, budget: int = BUDGET) -> Path:
    """Screenshot ``locator`` once the browser has painted, check it shows something, and save
    it at ``path`` as a palette PNG no bigger than ``budget`` bytes."""
    locator.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # no hover effect left where the last click was: stable pictures
    page.evaluate("() => new Promise((ok) => requestAnimationFrame(() =>"
                  " requestAnimationFrame(ok)))")
    raw = locator.screenshot(animations="disabled", caret="hide")
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    reason = blank_reason(image)
    assert reason is None, f"{path.name} looks blank: {reason}"
    small = image.quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, optimize=True)
    size = path.stat().st_size
    assert size <= budget, f"{path.name} is {size} bytes, over its budget of {budget}"
    return path


class Recorder:
    """Frames of one element while a test acts, saved as a small looping GIF: real screenshots
    taken between the steps of a gesture (Playwright records no video here)."""

    def __init__(self, page, locator):
        self.page, self.locator = page, locator
        self.frames: list[tuple[Image.Image, int]] = []

    def frame(self, hold_ms: int = 120) -> None:
        """Screenshot the element once the browser has painted; show it for ``hold_ms``."""
        self.page.evaluate("() => new Promise((ok) => requestAnimationFrame(() =>"
                           " requestAnimationFrame(ok)))")
        raw = self.locator.screenshot(animations="disabled", caret="hide")
        self.frames.append((Image.open(io.BytesIO(raw)).convert("RGB"), hold_ms))

    def save(self, path: Path, budget: int = 150_000) -> Path:
        """Half size (1 CSS px per pixel), one palette for every frame (no flicker); the
        element may have grown while recorded, so frames are padded to the largest."""
        w = max(im.width for im, _ in self.frames)
        h = max(im.height for im, _ in self.frames)
        last = self.frames[-1][0]
        background = last.getpixel((last.width // 2, last.height - 1))
        frames = []
        for im, _ in self.frames:
            padded = Image.new("RGB", (w, h), background)
            padded.paste(im, (0, 0))
            frames.append(padded.resize((w // 2, h // 2), Image.Resampling.LANCZOS))
        reason = blank_reason(frames[-1])
        assert reason is None, f"{path.name} looks blank: {reason}"
        palette = frames[-1].quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT,
                                      dither=Image.Dither.NONE)
        frames = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
        path.parent.mkdir(parents=True, exist_ok=True)
        frames[0].save(path, save_all=True, append_images=frames[1:], loop=0,
                       duration=[hold for _, hold in self.frames], disposal=1)
        size = path.stat().st_size
        assert size <= budget, f"{path.name} is {size} bytes, over its budget of {budget}"
        return path
