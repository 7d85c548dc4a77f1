"""Pascal VOC XML: ``Annotations/<image name>.xml`` per task with boxes, one file at a time.

Same elements, order, whitespace and file names as Label Studio's converter writes. VOC holds
boxes only: polygons and keypoints are not written (as in Label Studio). A task whose image
size is unknown (no ``original_width``/``original_height`` and no readable local file) is left
out with an :class:`ExportWarning`; two tasks that would write one file raise FormatError.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from ..config import parse_config
from ._images import (
    RECTANGLE,
    ExportWarning,
    box_pixels,
    image_controls,
    image_info,
    image_size,
    regions_of,
    unsized_message,
    unsized_regions,
)
from ._names import OneFilePerTask, file_stem, image_file_name
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
        files = OneFilePerTask("VOC")
        unsized: list = []
        missing: dict = {}
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled or not record.annotated:
                continue
            regions = regions_of(controls, record)
            if not regions:
                continue
            image = record.data.get(image_column)
            width, height = image_size(image, regions)
            if not (width and height):
                unsized.append(record.task)  # Label Studio's converter leaves these out too
                missing[record.task] = unsized_regions(regions)
                continue
            xml_name = file_stem(image) + ".xml"
            files.claim(xml_name, record.task, image)
            _, _, bands = image_info(image)
            xml = voc_xml(image_folder, image_file_name(image), _annotator(record.meta), width,
                          height, bands or 3, regions)
            with open(folder / xml_name, "w", encoding="utf-8") as out:
                out.write(xml)
        raise_issues(issues)
    if unsized:
        warnings.warn(unsized_message("VOC", unsized, regions=missing), ExportWarning,
                      stacklevel=3)
    return path
