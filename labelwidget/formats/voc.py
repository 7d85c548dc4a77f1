"""Pascal VOC XML: ``Annotations/<image name>.xml`` per task with boxes, one file at a time.

Same elements, order and whitespace as Label Studio's converter writes. VOC holds boxes only:
polygons and keypoints are not written (as in Label Studio).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import parse_config
from ._images import RECTANGLE, box_pixels, image_controls, image_info, regions_of
from ._output import atomic_dir
from ._records import iter_records, raise_issues


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace(">", "&gt;"))


def _element(tag: str, value: object) -> str:
    return f"<{tag}>{_text(value)}</{tag}>\n"


def voc_xml(folder: str, image_name: str, annotator: str, width, height, depth,
            regions) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<annotation>\n',
             _element("folder", folder), _element("filename", image_name),
             "<source>\n", _element("database", "MyDatabase"),
             _element("annotation", "COCO2017"), _element("image", "flickr"),
             _element("flickrid", "NULL"), _element("annotator", annotator), "</source>\n",
             "<owner>\n", _element("flickrid", "NULL"), _element("name", "Label Studio"),
             "</owner>\n",
             "<size>\n", _element("width", width), _element("height", height),
             _element("depth", depth), "</size>\n", _element("segmented", "0")]
    for region in regions:
        if region.kind != RECTANGLE or not region.labels:
            continue
        value = region.value
        if value.get("rotation"):
            x, y, w, h = (int(v) for v in box_pixels(value, width, height))
        else:  # the same arithmetic as Label Studio's converter, so int() truncates alike
            x, y = int(value["x"] / 100 * width), int(value["y"] / 100 * height)
            w, h = int(value["width"] / 100 * width), int(value["height"] / 100 * height)
        parts += ["<object>\n", _element("name", region.labels[0]),
                  _element("pose", "Unspecified"), _element("truncated", "0"),
                  _element("difficult", "0"), "<bndbox>\n", _element("xmin", x),
                  _element("ymin", y), _element("xmax", x + w), _element("ymax", y + h),
                  "</bndbox>\n", "</object>\n"]
    parts.append("</annotation>\n")
    return "".join(parts)


def _annotator(meta) -> str:
    who = (meta or {}).get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or "")
    return "" if who is None else str(who)


def write_voc(df, config, path, *, meta=None, predictions=None, columns=None,
              image_folder: str = "images") -> Path:
    """Write VOC XML files into ``path/Annotations`` (the folder is created if needed)."""
    config = parse_config(config)
    controls, image_column = image_controls(config, "VOC")
    path = Path(path)
    issues: list = []
    with atomic_dir(path) as tmp:
        folder = tmp / "Annotations"
        folder.mkdir()
        (tmp / image_folder).mkdir(parents=True, exist_ok=True)
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled or not record.annotated:
                continue
            regions = regions_of(controls, record)
            if not regions:
                continue
            first = regions[0]
            if not (first.width and first.height):
                continue  # no image size: Label Studio's converter leaves such tasks out too
            image = record.data.get(image_column)
            image_name = os.path.basename(str(image).split("?", 1)[0])
            _, _, bands = image_info(image)
            xml = voc_xml(image_folder, image_name, _annotator(record.meta), first.width,
                          first.height, bands or 3, regions)
            xml_name = os.path.splitext(image_name)[0] + ".xml"
            with open(folder / xml_name, "w", encoding="utf-8") as out:
                out.write(xml)
        raise_issues(issues)
    return path
