"""``original_width``/``original_height`` for image regions that lack them, read from the
image the kernel can open (the Image part's ImageStore: paths, bytes, arrays, PIL images).
Label Studio records them on every image region; a region set from Python or imported from a
file without them gets them here, so COCO, VOC and rotated YOLO boxes need no size passed."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..config.region_model import with_image_size
from ..tasks import RowView


def _unsized(cell: Any) -> bool:
    return isinstance(cell, list) and any(
        isinstance(r, dict) and r.get("original_width") is None
        and r.get("original_height") is None for r in cell)


def image_size_for(compiled, control: str, row) -> tuple[int, int] | None:
    """The (width, height) of the image a region control draws on, for this row; None for a
    URL (not fetched), an unreadable image or a control on no image."""
    try:
        described = compiled.part_of(control).data(row)
    except KeyError:  # a control with no widget of its own draws no image regions
        return None
    image = described.get("image") if isinstance(described, dict) else None
    if not isinstance(image, dict) or not image.get("width") or not image.get("height"):
        return None
    return image["width"], image["height"]


def sized_cell(compiled, control: str, cell: Any, row) -> Any:
    """``cell`` with the image's size on its regions that have none."""
    if not _unsized(cell):
        return cell
    size = image_size_for(compiled, control, row)
    return cell if size is None else with_image_size(cell, *size)


def sized_frame(compiled, config, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the image's size on each image region without one (a copy; ``df`` itself
    when no region lacks it, so a fully sized export reads no image)."""
    out = df
    for name, control in config.controls.items():
        column = config.column(name)
        if control.scope != "region" or column not in df.columns:
            continue
        cells = list(df[column])
        changed = False
        for pos, cell in enumerate(cells):
            if _unsized(cell):
                sized = sized_cell(compiled, name, cell, RowView(df, pos))
                changed = changed or sized is not cell
                cells[pos] = sized
        if changed:
            if out is df:
                out = df.copy()
            out[column] = pd.Series(cells, index=df.index, dtype=object)
    return out
