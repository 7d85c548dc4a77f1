"""<Image valueList="$pages"> and perItem (issue 11 item 4): several images per task, regions
tagged with their image's ``item_index``, one perItem value per image; Label Studio JSON with
``item_index`` beside each result, as Label Studio's editor writes it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
import labelwidget.formats as F
from labelwidget.config import ConfigWarning, parse_config
from tests.comm import browser_sets

CONFIG = """<View>
  <Image name="pdf" valueList="$pages"/>
  <RectangleLabels name="box" toName="pdf"><Label value="Title"/><Label value="Date"/>
  </RectangleLabels>
  <Choices name="kind" toName="pdf" perItem="true">
    <Choice value="Invoice"/><Choice value="Receipt"/>
  </Choices>
</View>"""

PAGES = ["https://example.com/p0.jpg", "https://example.com/p1.jpg",
         "https://example.com/p2.jpg"]


def frame() -> pd.DataFrame:
    df = pd.DataFrame(index=pd.Index([3], name="task"))
    df["pages"] = pd.Series([PAGES], index=df.index, dtype=object)
    return df


def box(label: str, index: int | None) -> dict:
    region = {"x": 10.0, "y": 20.0, "width": 30.0, "height": 5.0, "rectanglelabels": [label]}
    if index is not None:
        region["item_index"] = index
    return region


def test_the_image_view_gets_every_image_and_the_pager_their_number():
    ann = lw.Annotator(frame(), CONFIG)
    editor = ann._compiled.part_of("box").widget
    assert [item["url"] for item in editor.tasks[editor.task]["data"]["items"]] == PAGES
    assert editor.per_item == {"repeater": "list-pdf", "control": False, "regions": ["box"]}
    assert ann._compiled.part_of("kind").widget.per_item == {"repeater": "list-pdf",
                                                             "control": True}


def test_regions_keep_their_image_index_and_perItem_holds_one_value_per_image():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("box", [box("Title", 2), box("Date", None)])
    ann.set("kind", [None, "Receipt"])
    ann.submit()
    assert [(r["rectanglelabels"], r["item_index"]) for r in df.at[3, "box"]] == [
        (["Title"], 2), (["Date"], 0)]  # no item_index: the first image, as Label Studio reads
    assert df.at[3, "kind"] == [None, "Receipt", None]


def test_a_region_drawn_in_the_browser_on_the_second_image_lands_with_its_index():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    editor = ann._compiled.part_of("box").widget
    # What js/_task_widget.js sends after a box is drawn on item 1 (the pager on image 2).
    browser_sets(editor, {"task": editor.task, "value": {"box": [{**box("Date", 1),
                                                                  "id": "b1"}]}})
    ann.submit()
    assert df.at[3, "box"][0]["item_index"] == 1


@pytest.mark.parametrize(("region", "message"), [
    (box("Title", 3), r"item_index 3 is out of range: the task's 'pages' list has 3 images"),
    (box("Title", -1), r"item_index must be a whole number of 0 or more"),
])
def test_a_region_on_no_image_of_the_list_is_refused_naming_it(region, message):
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError, match=message):
        ann.set("box", [region])


def test_label_studio_json_puts_item_index_beside_each_result_and_round_trips():
    df = frame()
    df["box"] = pd.Series([[{**box("Title", 2), "id": "r1"}]], index=df.index, dtype=object)
    df["kind"] = pd.Series([["Invoice", None, "Receipt"]], index=df.index, dtype=object)
    tasks = F.to_label_studio(df, CONFIG)
    result = tasks[0]["annotations"][0]["result"]
    assert [(r["from_name"], r["item_index"], r["value"].get("choices")) for r in result] == [
        ("box", 2, None), ("kind", 0, ["Invoice"]), ("kind", 2, ["Receipt"])]
    assert "item_index" not in result[0]["value"]
    assert LabelInterface(CONFIG).validate_annotation(tasks[0]["annotations"][0])
    back = F.read_label_studio(json.loads(json.dumps(tasks)), CONFIG)
    assert back.df.at[3, "kind"] == ["Invoice", None, "Receipt"]
    assert back.df.at[3, "box"][0]["item_index"] == 2
    assert F.to_label_studio(back.df, CONFIG, meta=back.meta) == tasks


def test_an_imported_item_index_beyond_the_images_names_task_and_result():
    tasks = [{"id": 8, "data": {"pages": PAGES[:2]}, "annotations": [{"result": [
        {"id": "a", "from_name": "kind", "to_name": "pdf", "type": "choices",
         "value": {"choices": ["Invoice"]}, "item_index": 0},
        {"id": "b", "from_name": "box", "to_name": "pdf", "type": "rectanglelabels",
         "value": box("Date", None), "item_index": 4},
        {"id": "c", "from_name": "kind", "to_name": "pdf", "type": "choices",
         "value": {"choices": ["Invoice"]}, "item_index": 9}]}]}]
    with pytest.raises(F.LabelStudioImportError) as info:
        F.read_label_studio(tasks, CONFIG)
    text = str(info.value)
    assert "task 8, annotation 0, result 2: (from_name \"kind\") item 9 is out of range: the " \
           "task's 'pages' list has 2 items (<Image> line 2)" in text
    assert "item_index 4 is out of range: the task's 'pages' list has 2 images" in text
    assert "Traceback" not in text


def test_perItem_on_an_image_without_a_list_is_ignored_with_a_warning_as_label_studio_does():
    xml = ('<View><Image name="img" value="$img"/><Choices name="c" toName="img" '
           'perItem="true"><Choice value="A"/></Choices></View>')
    with pytest.warns(ConfigWarning, match=r"perItem \(line 1 <Choices name=\"c\">\)|"
                                           r"has no effect: toName names no <Image valueList"):
        config = parse_config(xml)
    assert getattr(config.controls["c"], "repeater", None) is None


def test_the_multipage_documents_template_builds_on_its_example_task():
    from tests.corpus import templates_dir
    from tests.test_corpus import demo_frame

    config = parse_config(templates_dir() / "computer-vision" / "multipage-documents.xml")
    df = demo_frame(config)
    ann = lw.Annotator(df, config)
    region = {**box("Title", 2), "rectanglelabels": ["Amount"]}
    ann.set("rectangles", [region])
    ann.submit()
    annotation = ann.to_label_studio()[0]["annotations"][0]
    assert annotation["result"][0]["item_index"] == 2
    assert LabelInterface(config.xml).validate_annotation(annotation)


def test_json_min_equals_label_studios_converter(tmp_path):
    from label_studio_sdk.converter import Converter

    df = frame()
    df["box"] = pd.Series([[{**box("Title", 2), "id": "r1"}]], index=df.index, dtype=object)
    df["kind"] = pd.Series([["Invoice", None, "Receipt"]], index=df.index, dtype=object)
    tasks = F.export(df, CONFIG, "label_studio", tmp_path / "tasks.json")
    Converter(CONFIG, project_dir=None, download_resources=False).convert(
        str(tasks), str(tmp_path / "ls"), "JSON_MIN", is_dir=False)
    ours = json.loads(F.export(df, CONFIG, "json_min", tmp_path / "ours.json").read_text())
    theirs = json.loads((tmp_path / "ls" / "result.json").read_text())
    # (an unknown annotator is null where Label Studio writes "None": README, deliberate)
    assert [dict(r, annotator=None) for r in ours] == [dict(r, annotator=None) for r in theirs]
    assert ours[0]["kind"] == ["Invoice", "Receipt"]  # perItem: one name, item_index dropped
