"""A review gallery: a grid of task images with their regions drawn, to scan labeled data.

Drawn by Python on one ipycanvas ``Canvas``: each image travels once as a compressed thumbnail
(an ``ipywidgets.Image`` holding PNG/JPEG bytes, sent as a binary buffer), and every drawing
command of the grid goes out in one batch (``hold_canvas``). Regions are those of the
DataFrame's region columns (what was submitted), in the colours of their labels.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as ipw

from .config.objects import Image
from .geometry import Box, ImageSize, KeyPoint, Polygon, shape_of
from .images import ImageProblem, ImageStore
from .values import short
from .widgets.palette import DEFAULT_COLOR, PALETTE

CAPTION = 18  # height of the caption line under each tile, px
GAP = 8


@dataclass
class Tile:
    """One cell of the grid: which task, where it is drawn, and what was drawn in it."""

    task: Any
    x: float
    y: float
    width: float  # of the drawn image, px
    height: float
    regions: int = 0
    error: str | None = None
    labels: list[str] = field(default_factory=list)


class Gallery(ipw.VBox):
    """The gallery widget: a caption line and the canvas; ``tiles`` says what is where."""

    def __init__(self, canvas, tiles: list[Tile], summary: str):
        self.canvas = canvas
        self.tiles = tiles
        caption = ipw.HTML()
        caption.value = _escape(summary)
        caption.add_class("lw-gallery-caption")
        super().__init__([caption, canvas])

    def tile(self, task) -> Tile:
        for tile in self.tiles:
            if tile.task == task:
                return tile
        raise KeyError(task)


def gallery(
    annotator,
    tasks: Iterable | None = None,
    *,
    columns: int = 4,
    size: int = 220,
    limit: int = 48,
    image: str | None = None,
    controls: Sequence[str] | None = None,
    only_labeled: bool = True,
    images: ImageStore | None = None,
) -> Gallery:
    """A grid of task images with their regions drawn.

    ``tasks``: task ids to show (default: the first ``limit`` tasks, only those with regions
    when ``only_labeled``). ``image``: the Image tag to show when the config has several.
    ``controls``: the region controls to draw (default: every one on that image). ``size``: the
    longest side of a thumbnail, in CSS px.
    """
    from ipycanvas import Canvas, hold_canvas

    df, config = annotator.df, annotator.config
    obj = _image_tag(config, image)
    region_controls = [
        c for c in config.controls.values()
        if c.scope == "region" and obj.name in c.to_name
        and (controls is None or c.name in controls)
    ]
    if controls is not None:
        unknown = sorted(set(controls) - {c.name for c in region_controls})
        if unknown:
            known = ", ".join(c.name for c in config.controls.values()
                              if c.scope == "region" and obj.name in c.to_name)
            raise ValueError(f"no region control named {', '.join(map(repr, unknown))} on "
                             f'<Image name="{obj.name}"> (region controls: {known or "none"})')
    colors = _label_colors(region_controls)
    ids = _pick_tasks(df, tasks, [config.column(c.name) for c in region_controls], limit,
                      only_labeled)

    columns = max(1, min(int(columns), len(ids) or 1))
    rows = max(1, math.ceil(len(ids) / columns))
    cell_w, cell_h = size + GAP, size + CAPTION + GAP
    canvas = Canvas(width=columns * cell_w, height=rows * cell_h)
    canvas.layout.width = f"{columns * cell_w}px"
    canvas.layout.height = f"{rows * cell_h}px"
    store = images or ImageStore()
    tiles: list[Tile] = []
    thumbs = []
    with hold_canvas():
        canvas.font = "12px sans-serif"
        for i, task in enumerate(ids):
            x0, y0 = (i % columns) * cell_w, (i // columns) * cell_h
            row = df.loc[task]
            value = obj.literal if obj.column is None else row.get(obj.column)
            try:
                thumb, original = _thumbnail(store, value, size)
            except (ImageProblem, OSError, ValueError) as exc:  # one bad image, one bad tile
                tiles.append(_draw_missing(canvas, task, x0, y0, size, str(exc)))
                continue
            thumbs.append(thumb)
            scale = min(size / original.width, size / original.height)
            w, h = original.width * scale, original.height * scale
            ox, oy = x0 + (size - w) / 2, y0 + (size - h) / 2
            canvas.draw_image(thumb, ox, oy, w, h)
            tile = Tile(task, ox, oy, w, h)
            for control in region_controls:
                cell = row.get(config.column(control.name))
                if not isinstance(cell, list):
                    continue
                for region in cell:
                    if _draw_region(canvas, region, control, colors, ox, oy, scale, original):
                        tile.regions += 1
                        tile.labels.extend(_labels_of(region))
            canvas.fill_style = "#555"
            canvas.fill_text(_caption(task, tile.regions), x0, y0 + size + 13, max_width=size)
            tiles.append(tile)
    view = Gallery(canvas, tiles, _summary(tiles, region_controls))
    view._thumbs = thumbs  # keep the image widgets alive as long as the gallery
    return view


# -- pieces -------------------------------------------------------------------------------------


def _image_tag(config, name: str | None) -> Image:
    images = {n: o for n, o in config.objects.items() if isinstance(o, Image)}
    if not images:
        raise ValueError("the config has no <Image>: a gallery shows images")
    if name is not None:
        if name not in images:
            raise ValueError(f"no <Image name={name!r}> (images: {', '.join(images)})")
        return images[name]
    with_regions = [o for o in images.values()
                    if any(c.scope == "region" and o.name in c.to_name
                           for c in config.controls.values())]
    return (with_regions or list(images.values()))[0]


def _pick_tasks(df, tasks, columns, limit: int, only_labeled: bool) -> list:
    if tasks is not None:
        ids = list(tasks)
        missing = [t for t in ids if t not in df.index]
        if missing:
            raise KeyError(f"no task with id {missing[0]!r} in the DataFrame index")
        return ids[:limit] if limit else ids
    ids = []
    for task in df.index:
        if only_labeled and not any(
            isinstance(df.at[task, c], list) and df.at[task, c] for c in columns
            if c in df.columns
        ):
            continue
        ids.append(task)
        if limit and len(ids) >= limit:
            break
    return ids


def _thumbnail(store: ImageStore, value, size: int):
    """(an ipywidgets.Image of at most ``size`` px, the original image size)."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    loaded = store.load(value)
    original = ImageSize(loaded.width, loaded.height)
    try:
        with PILImage.open(io.BytesIO(loaded.data)) as picture:
            picture = ImageOps.exif_transpose(picture)
            picture.thumbnail((size, size))
            alpha = picture.mode in ("RGBA", "LA", "PA")
            picture = picture.convert("RGBA" if alpha else "RGB")
            out = io.BytesIO()
            if alpha:
                picture.save(out, format="PNG")
                fmt = "png"
            else:
                picture.save(out, format="JPEG", quality=85)
                fmt = "jpeg"
    except Exception as exc:  # a truncated or corrupt file: its header read, its pixels not
        shown = value if isinstance(value, (str, os.PathLike)) else type(value).__name__
        raise ImageProblem(f"image {str(shown)!r} cannot be decoded "
                           f"({short(str(exc) or type(exc).__name__, 120)})") from None
    return ipw.Image(value=out.getvalue(), format=fmt), original


def _label_colors(controls) -> dict[tuple[str, str], str]:
    colors = {}
    for control in controls:
        for i, option in enumerate(control.options()):
            colors[(control.name, option.stored)] = (option.attrs.get("background")
                                                     or PALETTE[i % len(PALETTE)])
    return colors


def _labels_of(region: dict) -> list[str]:
    for key, value in region.items():
        if key.endswith("labels") and isinstance(value, list):
            return [str(v) for v in value]
    return []


def _draw_region(canvas, region, control, colors, ox, oy, scale, original) -> bool:
    if not isinstance(region, dict):
        return False
    try:
        shape = shape_of(region)
    except (TypeError, ValueError, KeyError):
        return False
    if shape is None:
        return False
    labels = _labels_of(region)
    color = colors.get((control.name, labels[0]), DEFAULT_COLOR) if labels else (
        control.raw_attrs.get("strokecolor") or DEFAULT_COLOR)
    size = original  # regions are percent of the original image, which the thumbnail shows

    def screen(px: float, py: float) -> tuple[float, float]:
        return ox + px * scale, oy + py * scale

    canvas.stroke_style = color
    canvas.line_width = 2
    if isinstance(shape, KeyPoint):
        x, y = screen(*shape.pixels(size))
        canvas.fill_style = color
        canvas.fill_circle(x, y, 3.5)
        anchor = (x + 5, y - 3)
    else:
        points = shape.corners(size) if isinstance(shape, Box) else shape.pixels(size)
        if isinstance(shape, Polygon) and len(points) < 3:
            return False
        screen_points = [screen(px, py) for px, py in points]
        canvas.global_alpha = 0.18
        canvas.fill_style = color
        canvas.fill_polygon(screen_points)
        canvas.global_alpha = 1.0
        canvas.stroke_polygon(screen_points)
        top = min(screen_points, key=lambda p: (p[1], p[0]))
        anchor = (top[0], top[1] - 3)
    if labels:
        text = ", ".join(labels)
        canvas.fill_style = color
        canvas.fill_rect(anchor[0], anchor[1] - 12, 7 * len(text) + 6, 14)
        canvas.fill_style = "#fff"
        canvas.fill_text(text, anchor[0] + 3, anchor[1] - 1)
    return True


def _draw_missing(canvas, task, x0, y0, size, error: str) -> Tile:
    canvas.fill_style = "#eee"
    canvas.fill_rect(x0, y0, size, size)
    canvas.fill_style = "#c62828"
    for i, line in enumerate(_wrap(f"row {task!r}: {error}", max(10, size // 7))[:8]):
        canvas.fill_text(line, x0 + 6, y0 + 18 + 15 * i, max_width=size - 12)
    canvas.fill_style = "#555"
    canvas.fill_text(_caption(task, 0), x0, y0 + size + 13, max_width=size)
    return Tile(task, x0, y0, size, size, error=error)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _caption(task, regions: int) -> str:
    noun = "region" if regions == 1 else "regions"
    return f"{task!r} · {regions} {noun}" if regions else f"{task!r}"


def _summary(tiles: list[Tile], controls) -> str:
    regions = sum(t.regions for t in tiles)
    broken = sum(1 for t in tiles if t.error)
    names = ", ".join(c.name for c in controls) or "no region controls"
    text = f"{len(tiles)} task(s), {regions} region(s) of {names}"
    return text + (f"; {broken} image(s) could not be shown" if broken else "")


def _escape(text: str) -> str:
    import html

    return html.escape(text)
