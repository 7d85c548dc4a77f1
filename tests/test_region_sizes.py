"""Image regions set from Python carry ``original_width``/``original_height`` as drawn ones do
(Label Studio records them on every image region), so COCO, VOC and YOLO exports need no size
passed; where the size cannot be known (a URL), the export names the task and region."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from PIL import Image as PILImage

import labelwidget as lw

CONFIG = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image"><Label value="Car"/></RectangleLabels>
</View>
"""
BOX = {"id": "b1", "x": 10.0, "y": 20.0, "width": 30.0, "height": 40.0,
       "rectanglelabels": ["Car"]}


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_box_set_from_python_gets_its_image_size_and_exports_to_coco(tmp_path):
    image = tmp_path / "car.png"
    image.write_bytes(png(200, 100))
    df = pd.DataFrame({"image": [str(image)]})
    ann = lw.Annotator(df, CONFIG)
    ann.set("boxes", [BOX])
    ann.submit()
    [region] = df.at[0, "boxes"]
    assert (region["original_width"], region["original_height"]) == (200, 100)
    # exported where the image is not (a training server, the file moved): the cell suffices
    image.unlink()
    coco = json.loads(lw.export(df, CONFIG, "coco", tmp_path / "c.json").read_text())
    assert (coco["images"][0]["width"], coco["images"][0]["height"]) == (200, 100)
    assert coco["annotations"][0]["bbox"] == pytest.approx([20.0, 20.0, 60.0, 40.0])


def test_a_size_given_with_the_region_is_kept(tmp_path):
    df = pd.DataFrame({"image": [png(200, 100)]})
    ann = lw.Annotator(df, CONFIG)
    ann.set("boxes", [{**BOX, "original_width": 400, "original_height": 200}])
    [region] = ann._values(0)["boxes"]
    assert (region["original_width"], region["original_height"]) == (400, 200)


def test_a_rotated_box_set_from_python_exports_to_yolo_with_its_image_size(tmp_path):
    # A rotated box's enclosing box depends on the image's aspect ratio: without the size
    # YOLO would write the unrotated box. The image is bytes: only the kernel can read its size.
    df = pd.DataFrame({"image": [png(200, 100)]})
    ann = lw.Annotator(df, CONFIG)
    ann.set("boxes", [{**BOX, "x": 50.0, "y": 10.0, "width": 10.0, "height": 20.0,
                       "rotation": 90}])
    ann.submit()
    [region] = df.at[0, "boxes"]
    assert (region["original_width"], region["original_height"]) == (200, 100)
    # 20 x 20 px at (100, 10) px, turned 90 degrees clockwise about that corner: x 80-100 px,
    # y 10-30 px, so the centre is at 45% / 20% (unrotated it would be 55% / 20%)
    df["image"] = ["car.png"]  # YOLO names label files after the image; the size is in the cell
    out = lw.export(df, CONFIG, "yolo", tmp_path / "y")
    [line] = (out / "labels" / "car.txt").read_text().splitlines()
    values = [float(v) for v in line.split()]
    assert values == pytest.approx([0, 0.45, 0.2, 0.1, 0.2])


def test_a_url_image_keeps_no_size_and_the_export_says_which_region_lacks_it(tmp_path):
    df = pd.DataFrame({"image": ["https://example.com/car.jpg"]}, index=["t1"])
    ann = lw.Annotator(df, CONFIG)
    ann.set("boxes", [BOX])
    ann.submit()
    [region] = df.at["t1", "boxes"]
    assert "original_width" not in region  # not fetched: unknown, not guessed
    with pytest.warns(lw.ExportWarning) as caught:
        lw.export(df, CONFIG, "coco", tmp_path / "c.json")
    [message] = [str(w.message) for w in caught]
    assert "left out 1 task(s) whose image size is unknown: 't1'" in message
    assert "task 't1': 'b1'" in message
    assert '"original_width": 640, "original_height": 480' in message


def test_regions_imported_without_a_size_get_it_at_export_from_the_annotator(tmp_path):
    # e.g. a DataFrame from another tool: the Annotator reads the image's size when it exports
    image = tmp_path / "car.png"
    image.write_bytes(png(300, 150))
    df = pd.DataFrame({"image": [str(image)]})
    df["boxes"] = pd.Series([[dict(BOX)]], dtype=object)
    ann = lw.Annotator(df, CONFIG)
    [task] = ann.to_label_studio()
    [result] = task["annotations"][0]["result"]
    assert (result["original_width"], result["original_height"]) == (300, 150)
    assert "original_width" not in df.at[0, "boxes"][0]  # the user's DataFrame is not changed


def test_an_exif_turned_photo_exports_with_the_size_the_widget_shows(tmp_path):
    # A phone photo stored 80x20 with "rotate 90" in its EXIF is shown 20 wide and 80 high by
    # browsers and by the widget; a box drawn on it is percent of that, so the export must
    # read the same size from the file, not the stored one.
    stored = PILImage.new("RGB", (80, 20), "white")
    exif = stored.getexif()
    exif[0x0112] = 6
    image = tmp_path / "turned.jpg"
    stored.save(image, exif=exif)
    df = pd.DataFrame({"image": [str(image)]})
    df["boxes"] = pd.Series([[dict(BOX)]], dtype=object)  # no size with the region
    coco = json.loads(lw.export(df, CONFIG, "coco", tmp_path / "c.json").read_text())
    assert (coco["images"][0]["width"], coco["images"][0]["height"]) == (20, 80)
    # 10%/20% of 20x80, 30%/40% of it
    assert coco["annotations"][0]["bbox"] == pytest.approx([2.0, 16.0, 6.0, 32.0])


def test_a_rotated_box_of_unknown_size_is_written_as_stored_and_the_export_says_so(tmp_path):
    df = pd.DataFrame({"image": ["https://example.com/car.jpg", "https://example.com/bus.jpg"]},
                      index=["t1", "t2"])
    df["boxes"] = pd.Series([[{**BOX, "rotation": 30}], [dict(BOX, id="b2")]], index=df.index,
                            dtype=object)
    with pytest.warns(lw.ExportWarning) as caught:
        out = lw.export(df, CONFIG, "yolo", tmp_path / "y")
    [message] = [str(w.message) for w in caught]
    assert "1 rotated box(es) in 1 task(s) without their rotation" in message
    assert "task 't1': 'b1'" in message and "'t2'" not in message  # t2's box is not rotated
    assert '"original_width": 640' in message
    # a URL's label file is named as Label Studio's converter names it (a hash, then the name)
    [car] = (out / "labels").glob("*car.txt")
    [line] = car.read_text().splitlines()
    assert [float(v) for v in line.split()] == pytest.approx([0, 0.25, 0.4, 0.3, 0.4])


def test_a_sized_rotated_box_gives_no_warning(tmp_path, recwarn):
    df = pd.DataFrame({"image": ["https://example.com/car.jpg"]}, index=["t1"])
    sized = {**BOX, "x": 40.0, "y": 10.0, "width": 20.0, "height": 20.0, "rotation": 15,
             "original_width": 640, "original_height": 480}
    df["boxes"] = pd.Series([[sized]], index=df.index, dtype=object)
    lw.export(df, CONFIG, "yolo", tmp_path / "y")
    assert not [w for w in recwarn if issubclass(w.category, lw.ExportWarning)]
