"""YOLO: ``classes.txt``, ``notes.json`` and one ``labels/<image name>.txt`` per task.

A box line is ``class x_center y_center width height`` and a polygon line is
``class x1 y1 x2 y2 ...``, all in fractions of the image size; a region with several labels
gives one line per label (as Label Studio's converter does). Each task's file is written as
the task is read, named as the converter names it (``_names``); two tasks that would write
one file raise FormatError instead of replacing the first one's labels.
"""

from __future__ import annotations

import json
import warnings
from datetime import datetime
from pathlib import Path

from ..config import parse_config
from ._images import (
    POLYGON,
    RECTANGLE,
    ExportWarning,
    box_percent,
    categories,
    image_controls,
    image_size,
    regions_of,
)
from ._names import MAX_STEM, OneFilePerTask, file_stem
from ._output import atomic_dir
from ._records import iter_records, raise_issues


def label_stem(image: object) -> str:
    """The label file's name (without .txt) for an image path or URL, as Label Studio's
    converter names it (see ``_names``), cut to fit a 255-byte file name."""
    return file_stem(image, MAX_STEM)


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


def unturned_regions(regions, width, height) -> list:
    """The ids of rotated boxes that cannot be turned into their enclosing box: rotation is
    applied in pixels, so it needs the image size, which neither they nor the image give."""
    return [r.id for r in regions
            if r.kind == RECTANGLE and r.value.get("rotation")
            and not ((r.width or width) and (r.height or height))]


def unturned_message(tasks: dict, listed: int = 20) -> str:
    shown = "; ".join(f"task {task!r}: {', '.join(map(repr, ids))}"
                      for task, ids in list(tasks.items())[:listed])
    more = " ..." if len(tasks) > listed else ""
    return (f"YOLO export wrote {sum(map(len, tasks.values()))} rotated box(es) in "
            f"{len(tasks)} task(s) without their rotation, as stored: {shown}{more}. Their "
            "image size is unknown (no original_width/original_height with the region and "
            "the image is not a readable local file), and a rotation is turned in pixels. "
            "Give each region its image's size in pixels, e.g. "
            '{"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 15, '
            '"rectanglelabels": ["Car"], "original_width": 640, "original_height": 480}')


def write_yolo(df, config, path, *, meta=None, predictions=None, columns=None) -> Path:
    """Write YOLO labels into the directory ``path`` (created if needed)."""
    config = parse_config(config)
    controls, image_column = image_controls(config, "YOLO")
    cats = categories(controls)
    category_ids = {c["name"]: c["id"] for c in cats}
    path = Path(path)
    issues: list = []
    unturned: dict = {}
    with atomic_dir(path) as tmp:
        labels = tmp / "labels"
        labels.mkdir()
        (tmp / "images").mkdir()
        files = OneFilePerTask("YOLO")
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            image = record.data.get(image_column)
            name = f"{label_stem(image)}.txt"
            files.claim(name, record.task, image)
            regions = regions_of(controls, record) if record.annotated else []
            width, height = image_size(image, regions) if regions else (None, None)
            if ids := unturned_regions(regions, width, height):
                unturned[record.task] = ids
            with open(labels / name, "w", encoding="utf-8") as out:
                out.writelines(yolo_lines(regions, width, height, category_ids))
        raise_issues(issues)
        with open(tmp / "classes.txt", "w", encoding="utf-8") as out:
            out.writelines(c["name"] + "\n" for c in cats)
        notes = {"categories": cats,
                 "info": {"year": datetime.now().year, "version": "1.0",
                          "contributor": "labelwidget"}}
        with open(tmp / "notes.json", "w", encoding="utf-8") as out:
            json.dump(notes, out, indent=2, ensure_ascii=False)
    if unturned:
        warnings.warn(unturned_message(unturned), ExportWarning, stacklevel=3)
    return path
