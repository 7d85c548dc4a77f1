"""COCO object detection JSON: images, categories, annotations (boxes and polygons).

Laid out like Label Studio's converter output (same keys, ids, order and numbers; see
README.md in this folder for the deliberate differences). Streams: image entries go to the
file and annotations to a temporary file as tasks are read, then the two are joined.
A task with regions whose image size is unknown (no ``original_width``/``original_height``
and no readable local file) is left out, image and all, as the converter does, with an
:class:`ExportWarning` naming it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from datetime import datetime
from pathlib import Path

import numpy as np

from ..config import parse_config
from ._images import (
    POLYGON,
    RECTANGLE,
    ExportWarning,
    box_pixels,
    categories,
    image_controls,
    image_size,
    regions_of,
    unsized_message,
    unsized_regions,
)
from ._output import atomic_file
from ._records import iter_records, raise_issues


def _polygon_area(xs, ys) -> float:
    # Shoelace formula.
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    return float(0.5 * np.abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def coco_annotations(regions, image_id: int, width, height, category_ids: dict, next_id: int):
    """COCO annotation dicts for one image's regions (keypoints are not written)."""
    out = []
    for region in regions:
        if not region.labels or region.kind not in (RECTANGLE, POLYGON):
            continue
        category = category_ids[region.labels[0]]
        if region.kind == RECTANGLE:
            w_img = region.width if region.width else width
            h_img = region.height if region.height else height
            x, y, w, h = box_pixels(region.value, w_img, h_img)
            out.append({"id": next_id + len(out), "image_id": image_id, "category_id": category,
                        "segmentation": [], "bbox": [x, y, w, h], "ignore": 0, "iscrowd": 0,
                        "area": w * h})
        else:
            points = [(px / 100 * width, py / 100 * height) for px, py in region.value["points"]]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            left, top = min(xs), min(ys)
            out.append({"id": next_id + len(out), "image_id": image_id, "category_id": category,
                        "segmentation": [[c for p in points for c in p]],
                        "bbox": [left, top, max(xs) - left, max(ys) - top],
                        "ignore": 0, "iscrowd": 0, "area": _polygon_area(xs, ys)})
    return out


def write_coco(df, config, path, *, meta=None, predictions=None, columns=None) -> Path:
    """Write COCO JSON to ``path`` (a file): one image, category or annotation per line."""
    config = parse_config(config)
    controls, image_column = image_controls(config, "COCO")
    cats = categories(controls)
    category_ids = {c["name"]: c["id"] for c in cats}
    path = Path(path)
    issues: list = []

    def entry(obj) -> str:  # one image or annotation per line (json's fast C encoder)
        return json.dumps(obj, ensure_ascii=False)

    annotation_count = 0
    unsized: list = []
    missing: dict = {}
    with atomic_file(path) as out, tempfile.TemporaryFile("w+", encoding="utf-8",
                                                          dir=path.parent) as annotations:
        out.write('{\n  "images": [')
        image_id = 0
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            file_name = record.data.get(image_column)
            regions = regions_of(controls, record) if record.annotated else []
            width, height = image_size(file_name, regions)
            if regions and not (width and height):
                unsized.append(record.task)
                missing[record.task] = unsized_regions(regions)
                continue
            image = {"width": width, "height": height, "id": image_id, "file_name": file_name}
            out.write(("," if image_id else "") + "\n    " + entry(image))
            for ann in coco_annotations(regions, image_id, width, height, category_ids,
                                        annotation_count):
                annotations.write(("," if annotation_count else "") + "\n    " + entry(ann))
                annotation_count += 1
            image_id += 1
        raise_issues(issues)
        out.write("\n  ],\n  \"categories\": [" + ",".join("\n    " + entry(c) for c in cats)
                  + "\n  ],\n  \"annotations\": [")
        annotations.seek(0)
        shutil.copyfileobj(annotations, out)
        info = {"year": datetime.now().year, "version": "1.0", "description": "",
                "contributor": "labelwidget", "url": "", "date_created": str(datetime.now())}
        out.write("\n  ],\n  \"info\": " + entry(info) + "\n}\n")
    if unsized:
        warnings.warn(unsized_message("COCO", unsized, regions=missing), ExportWarning,
                      stacklevel=3)
    return path
