"""YOLO: ``classes.txt``, ``notes.json`` and one ``labels/<image name>.txt`` per task.

A box line is ``class x_center y_center width height`` and a polygon line is
``class x1 y1 x2 y2 ...``, all in fractions of the image size; a region with several labels
gives one line per label (as Label Studio's converter does). Each task's file is written as
the task is read.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from ..config import parse_config
from ._images import (
    POLYGON,
    RECTANGLE,
    box_percent,
    categories,
    image_controls,
    image_size,
    regions_of,
)
from ._output import atomic_dir
from ._records import iter_records, raise_issues


def label_stem(image: object) -> str:
    """The label file's name (without .txt) for an image path or URL: its base name without
    extension, cut to fit a 255-byte file name."""
    name = os.path.basename(str(image).split("?", 1)[0].rstrip("/")) if image else "image"
    return os.path.splitext(name)[0][: 255 - 4]


def yolo_lines(regions, width, height, category_ids: dict) -> list[str]:
    lines = []
    for region in regions:
        if region.kind not in (RECTANGLE, POLYGON):
            continue
        for label in region.labels:
            category = category_ids[label]
            if region.kind == RECTANGLE:
                x, y, w, h = box_percent(region.value, region.width or width,
                                         region.height or height)
                values = [category, (x + w / 2) / 100, (y + h / 2) / 100, w / 100, h / 100]
            else:
                values = [category] + [c / 100 for point in region.value["points"]
                                       for c in point]
            lines.append(" ".join(str(v) for v in values) + "\n")
    return lines


def write_yolo(df, config, path, *, meta=None, predictions=None, columns=None) -> Path:
    """Write YOLO labels into the directory ``path`` (created if needed)."""
    config = parse_config(config)
    controls, image_column = image_controls(config, "YOLO")
    cats = categories(controls)
    category_ids = {c["name"]: c["id"] for c in cats}
    path = Path(path)
    issues: list = []
    with atomic_dir(path) as tmp:
        labels = tmp / "labels"
        labels.mkdir()
        (tmp / "images").mkdir()
        written: set[str] = set()
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            image = record.data.get(image_column)
            stem = label_stem(image)
            regions = regions_of(controls, record) if record.annotated else []
            if not regions and stem in written:
                continue  # an image without regions never overwrites another task's labels
            width, height = image_size(image, regions) if regions else (None, None)
            with open(labels / f"{stem}.txt", "w", encoding="utf-8") as out:
                out.writelines(yolo_lines(regions, width, height, category_ids))
            written.add(stem)
        raise_issues(issues)
        with open(tmp / "classes.txt", "w", encoding="utf-8") as out:
            out.writelines(c["name"] + "\n" for c in cats)
        notes = {"categories": cats,
                 "info": {"year": datetime.now().year, "version": "1.0",
                          "contributor": "labelwidget"}}
        with open(tmp / "notes.json", "w", encoding="utf-8") as out:
            json.dump(notes, out, indent=2, ensure_ascii=False)
    return path
