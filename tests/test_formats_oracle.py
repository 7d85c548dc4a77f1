"""Our exports against Label Studio's own converter, file by file.

For each case we write Label Studio JSON with ``export(..., "label_studio")``, run
``label_studio_sdk.converter.Converter`` on that file, write the same format ourselves from
the DataFrame, and compare every file the converter wrote. The only differences allowed are
the deliberate ones listed in labelwidget/formats/README.md; the tests that cover them say so.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from label_studio_sdk.converter import Converter
from label_studio_sdk.converter.utils import TreebankWordTokenizer
from PIL import Image

import labelwidget.formats as F

NER = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/><Label value="LOC"/>
  </Labels>
</View>"""

NER_AND_MORE = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/><Label value="LOC"/>
  </Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple"><Choice value="A"/><Choice value="B"/>
  </Choices>
  <TextArea name="summary" toName="text" maxSubmissions="2"/>
  <Rating name="stars" toName="text"/>
</View>"""

DETECTION = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image" choice="multiple">
    <Label value="Car"/><Label value="Bike"/><Label value="Airplane"/><Label value="Zebra"/>
  </RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/><Label value="Lake"/>
  </PolygonLabels>
</View>"""


def converter_output(config: str, tasks_json: Path, fmt: str, out: Path) -> Path:
    Converter(config, project_dir=None, download_resources=False).convert(
        str(tasks_json), str(out), fmt, is_dir=False)
    return out


def files_under(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()}


def without_info(document: dict) -> dict:
    # "info" holds the export's date and the tool's name (README: deliberate difference)
    return {k: v for k, v in document.items() if k != "info"}


# -- text ---------------------------------------------------------------------------------------

SENTENCES = [
    "Alice works at Acme in Paris .",
    "Bob and Carol met Dave , the boss of Initech , in Berlin",
    "Nothing to see here",
    "",
    "Eve visited New York City and Los Angeles ?",
]


def ner_frame(rng: random.Random, n: int) -> tuple[pd.DataFrame, dict]:
    texts, cells, meta = [], [], {}
    for i in range(n):
        words = rng.choice(SENTENCES).split(" ")
        text = " ".join(w for w in words if w)
        spans, at = [], 0
        tokens = []
        for word in text.split(" "):
            tokens.append((at, at + len(word)))
            at += len(word) + 1
        j = 0
        while j < len(tokens) and text:
            if rng.random() < 0.3:
                length = rng.randint(1, 3)
                start, end = tokens[j][0], tokens[min(j + length, len(tokens)) - 1][1]
                spans.append({"id": f"t{i}s{j}", "start": start, "end": end,
                              "labels": [rng.choice(["PER", "ORG", "LOC"])]})
                j += length
            else:
                j += 1
        texts.append(text)
        cells.append(spans or ([] if i % 4 == 0 else None))  # [] = labeled: no entity
        if rng.random() < 0.15:
            meta[i] = {"completed_by": 3, "was_cancelled": True}
        else:
            meta[i] = {"completed_by": rng.choice([1, 2]), "id": 100 + i,
                       "created_at": f"2024-01-{1 + i % 28:02d}T10:00:00.000000Z",
                       "lead_time": round(rng.random() * 10, 3)}
    df = pd.DataFrame({"text": texts})
    df["ner"] = pd.Series(cells, dtype=object)
    return df, meta


@pytest.mark.parametrize("seed", range(4))
def test_conll_equals_label_studio_with_its_tokenizer(tmp_path, seed):
    """Same tokens (Label Studio's patched Treebank tokenizer passed as ``tokenizer``) ->
    byte-identical CoNLL, whatever the spans."""
    df, meta = ner_frame(random.Random(seed), 30)
    tasks = F.export(df, NER, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = converter_output(NER, tasks, "CONLL2003", tmp_path / "ls") / "result.conll"
    ours = F.export(df, NER, "conll2003", tmp_path / "ours.conll", meta=meta,
                    tokenizer=lambda text: TreebankWordTokenizer().span_tokenize(text))
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_conll_equals_label_studio_with_the_default_tokenizer(tmp_path, seed):
    """Both tokenizers split these sentences alike, so the files are equal as they are."""
    df, meta = ner_frame(random.Random(seed), 30)
    tasks = F.export(df, NER, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = converter_output(NER, tasks, "CONLL2003", tmp_path / "ls") / "result.conll"
    ours = F.export(df, NER, "conll2003", tmp_path / "ours.conll", meta=meta)
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("ab .,-'")), min_size=1, max_size=30),
       bounds=st.lists(st.tuples(st.integers(0, 29), st.integers(1, 8),
                                 st.sampled_from(["PER", "ORG"])), max_size=5))
def test_conll_tags_agree_with_label_studio_for_any_spans(tmp_path_factory, text, bounds):
    """Overlapping, touching and mid-token spans: the BIO tagging rule is Label Studio's."""
    spans = []
    for k, (start, length, label) in enumerate(bounds):
        start = min(start, len(text) - 1)
        end = min(start + length, len(text))
        spans.append({"id": f"s{k}", "start": start, "end": end, "labels": [label]})
    df = pd.DataFrame({"text": [text]})
    df["ner"] = pd.Series([spans or None], dtype=object)
    tmp = tmp_path_factory.mktemp("conll")
    meta = {0: {"completed_by": 1}}
    tasks = F.export(df, NER, "label_studio", tmp / "tasks.json", meta=meta)
    theirs = converter_output(NER, tasks, "CONLL2003", tmp / "ls") / "result.conll"
    ours = F.export(df, NER, "conll2003", tmp / "ours.conll", meta=meta,
                    tokenizer=lambda t: TreebankWordTokenizer().span_tokenize(t))
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_default_tokenizer_differs_from_label_studio_only_where_documented():
    # README: Label Studio splits only the text's final period and splits contractions.
    from labelwidget.formats.conll import default_tokenizer

    text = "Mr. Smith lives in the U.S. He doesn't."
    ours = [text[s:e] for s, e in default_tokenizer(text)]
    theirs = [text[s:e] for s, e in TreebankWordTokenizer().span_tokenize(text)]
    assert ours == ["Mr", ".", "Smith", "lives", "in", "the", "U.S", ".", "He", "doesn't", "."]
    assert theirs == ["Mr.", "Smith", "lives", "in", "the", "U.S.", "He", "does", "n't", "."]


def classification_frame(rng: random.Random, n: int) -> tuple[pd.DataFrame, dict]:
    df, meta = ner_frame(rng, n)
    for name in ("sentiment", "topics", "summary", "stars"):
        df[name] = pd.Series([None] * n, dtype=object)
    for i in range(n):
        if rng.random() < 0.5:
            df.at[i, "sentiment"] = rng.choice(["Positive", "Negative"])
        if rng.random() < 0.5:
            df.at[i, "topics"] = rng.sample(["A", "B"], rng.randint(1, 2))
        if rng.random() < 0.3:
            df.at[i, "summary"] = rng.sample(["short", "a/b \"quoted\"", "é, ü"],
                                             rng.randint(1, 2))
        if rng.random() < 0.3:
            df.at[i, "stars"] = rng.randint(1, 5)
        if i % 7 == 3:  # some tasks nobody labeled
            df.loc[i, ["ner", "sentiment", "topics", "summary", "stars"]] = None
            meta.pop(i)
    df["source"] = [rng.choice(["web", "mail", None]) for _ in range(n)]
    df["n"] = list(range(n))
    return df, meta


@pytest.mark.parametrize("seed", range(3))
def test_json_min_equals_label_studio(tmp_path, seed):
    df, meta = classification_frame(random.Random(seed), 25)
    tasks = F.export(df, NER_AND_MORE, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = converter_output(NER_AND_MORE, tasks, "JSON_MIN", tmp_path / "ls") / "result.json"
    ours = F.export(df, NER_AND_MORE, "json_min", tmp_path / "ours.json", meta=meta)
    assert json.loads(ours.read_text(encoding="utf-8")) == \
        json.loads(theirs.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", range(3))
def test_csv_equals_label_studio(tmp_path, seed):
    df, meta = classification_frame(random.Random(seed), 25)
    tasks = F.export(df, NER_AND_MORE, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = converter_output(NER_AND_MORE, tasks, "CSV", tmp_path / "ls") / "result.csv"
    ours = F.export(df, NER_AND_MORE, "csv", tmp_path / "ours.csv", meta=meta)
    assert ours.read_bytes() == theirs.read_bytes()


def test_unknown_annotator_is_null_where_label_studio_writes_none(tmp_path):
    # README: deliberate difference.
    df = pd.DataFrame({"text": ["Alice"]})
    df["ner"] = pd.Series([[{"start": 0, "end": 5, "labels": ["PER"]}]], dtype=object)
    tasks = F.export(df, NER, "label_studio", tmp_path / "tasks.json")
    theirs = json.loads((converter_output(NER, tasks, "JSON_MIN", tmp_path / "ls")
                         / "result.json").read_text())
    ours = json.loads(F.export(df, NER, "json_min", tmp_path / "o.json").read_text())
    assert theirs[0]["annotator"] == "None" and ours[0]["annotator"] is None
    theirs[0]["annotator"] = None
    assert ours == theirs


# -- images -------------------------------------------------------------------------------------


def make_image(folder: Path, name: str, size: tuple[int, int]) -> str:
    path = folder / name
    Image.new("RGB", size, (40, 90, 160)).save(path)
    return str(path)


def box(rng: random.Random, size, labels: list[str]) -> dict:
    x, y = rng.uniform(0, 90), rng.uniform(0, 90)
    if rng.random() < 0.3:
        x, y = round(x, 1), round(y, 1)
    return {"x": x, "y": y, "width": rng.uniform(0.5, 100 - x), "height": rng.uniform(0.5, 100 - y),
            "rotation": 0, "rectanglelabels": labels,
            "original_width": size[0], "original_height": size[1]}


def polygon(rng: random.Random, size, label: str) -> dict:
    points = [[round(rng.uniform(0, 100), rng.choice([1, 3, 8])), rng.uniform(0, 100)]
              for _ in range(rng.randint(3, 7))]
    return {"points": points, "polygonlabels": [label],
            "original_width": size[0], "original_height": size[1]}


def detection_frame(folder: Path, rng: random.Random, n: int) -> tuple[pd.DataFrame, dict]:
    images, boxes, polygons, meta = [], [], [], {}
    for i in range(n):
        size = (rng.randint(20, 900), rng.randint(20, 900))
        images.append(make_image(folder, f"img_{i}.png", size))
        kind = rng.random()
        cell_boxes = [box(rng, size, rng.sample(["Car", "Bike", "Airplane", "Zebra"],
                                                rng.choice([1, 1, 1, 2])))
                      for _ in range(rng.randint(1, 4))] if kind < 0.7 else None
        cell_polygons = [polygon(rng, size, rng.choice(["Road", "Lake"]))
                         for _ in range(rng.randint(1, 2))] if 0.4 < kind < 0.9 else None
        boxes.append(cell_boxes)
        polygons.append(cell_polygons)
        if rng.random() < 0.1:
            meta[i] = {"completed_by": 5, "was_cancelled": True}
        elif cell_boxes or cell_polygons:
            meta[i] = {"completed_by": rng.choice([1, {"id": 2, "email": "b@x.org"}])}
    df = pd.DataFrame({"image": images}, index=[1000 + i for i in range(n)])
    df["box"] = pd.Series(boxes, index=df.index, dtype=object)
    df["poly"] = pd.Series(polygons, index=df.index, dtype=object)
    return df, {1000 + i: m for i, m in meta.items()}


@pytest.fixture(params=range(3))
def detection(request, tmp_path):
    rng = random.Random(request.param)
    images = tmp_path / "images_in"
    images.mkdir()
    df, meta = detection_frame(images, rng, 14)
    tasks = F.export(df, DETECTION, "label_studio", tmp_path / "tasks.json", meta=meta)
    return df, meta, tasks, tmp_path


def test_coco_equals_label_studio(detection):
    df, meta, tasks, tmp = detection
    theirs = converter_output(DETECTION, tasks, "COCO", tmp / "ls") / "result.json"
    ours = F.export(df, DETECTION, "coco", tmp / "ours" / "result.json", meta=meta)
    mine = json.loads(ours.read_text(encoding="utf-8"))
    assert without_info(mine) == without_info(json.loads(theirs.read_text(encoding="utf-8")))
    assert mine["annotations"], "the case has annotations"
    assert mine["info"]["contributor"] == "labelwidget"


def test_yolo_equals_label_studio(detection):
    df, meta, tasks, tmp = detection
    theirs = files_under(converter_output(DETECTION, tasks, "YOLO", tmp / "ls"))
    ours_root = F.export(df, DETECTION, "yolo", tmp / "ours", meta=meta)
    ours = files_under(ours_root)
    assert sorted(ours) == sorted(theirs)
    assert len([n for n in ours if n.startswith("labels/")]) > 5
    for name, path in theirs.items():
        if name == "notes.json":
            assert without_info(json.loads(ours[name].read_text())) == \
                without_info(json.loads(path.read_text()))
        else:
            assert ours[name].read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), name
    assert (ours_root / "images").is_dir() and (ours_root / "labels").is_dir()


def test_voc_equals_label_studio(detection):
    df, meta, tasks, tmp = detection
    theirs = files_under(converter_output(DETECTION, tasks, "VOC", tmp / "ls"))
    ours = files_under(F.export(df, DETECTION, "voc", tmp / "ours", meta=meta))
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 3
    for name, path in theirs.items():
        assert ours[name].read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), name


def test_rotated_box_on_a_square_image_agrees_with_label_studio(tmp_path):
    # Label Studio rotates in percent units; on a square image that is the same as pixels.
    image = make_image(tmp_path, "square.png", (500, 500))
    df = pd.DataFrame({"image": [image]})
    df["box"] = pd.Series([[{"x": 20, "y": 30, "width": 25, "height": 10, "rotation": 30,
                             "rectanglelabels": ["Car"], "original_width": 500,
                             "original_height": 500}]], dtype=object)
    meta = {0: {"completed_by": 1}}
    tasks = F.export(df, DETECTION, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = json.loads((converter_output(DETECTION, tasks, "COCO", tmp_path / "ls")
                         / "result.json").read_text())
    mine = json.loads(F.export(df, DETECTION, "coco", tmp_path / "o.json", meta=meta)
                      .read_text())
    assert mine["annotations"][0]["bbox"] == pytest.approx(theirs["annotations"][0]["bbox"],
                                                           rel=1e-12)


def test_rotated_box_on_a_wide_image_is_rotated_in_pixels(tmp_path):
    # README: deliberate difference (Label Studio's percent-space rotation skews the box).
    df = pd.DataFrame({"image": ["wide.png"]})
    df["box"] = pd.Series([[{"x": 50, "y": 10, "width": 1, "height": 50, "rotation": 90,
                             "rectanglelabels": ["Car"], "original_width": 1000,
                             "original_height": 100}]], dtype=object)
    mine = json.loads(F.export(df, DETECTION, "coco", tmp_path / "o.json").read_text())
    # a 10 x 50 px box turned a quarter clockwise about its top-left corner (500, 10)
    assert mine["annotations"][0]["bbox"] == pytest.approx([450, 10, 50, 10])
    # (rotating the percentages instead would give a box 500 px wide)


def url_frame(images: list[str], *, sized: bool = True) -> pd.DataFrame:
    df = pd.DataFrame({"image": images}, index=[100 + i for i in range(len(images))])
    size = {"original_width": 100, "original_height": 80} if sized else {}
    df["box"] = pd.Series([[{"x": 1 + i, "y": 1, "width": 5, "height": 5, "rotation": 0,
                             "rectanglelabels": ["Car"], **size}] for i in range(len(images))],
                          index=df.index, dtype=object)
    return df


# Every kind of image reference a Label Studio export holds.
IMAGE_URLS = ["https://example.com/pics/cat.jpg?sig=1", "http://other.org/pics/cat.jpg",
              "http://h/a/IMG_8", "/data/local-files/?d=dir/IMG_1.jpg",
              "/data/upload/3/abc-IMG_3.jpg", "upload/7/x-IMG_6.jpg", "s3://bucket/k/IMG_4.jpg",
              "gs://b/IMG_5.png", "azure-blob://c/d/IMG_10.jpeg",
              "/storage-data/uploaded/?filepath=upload/3/IMG_7.jpg"]


@pytest.mark.parametrize("fmt", ["YOLO", "VOC"])
def test_label_files_are_named_like_label_studio_names_them(tmp_path, fmt):
    df = url_frame(IMAGE_URLS)
    meta = {task: {"completed_by": 1} for task in df.index}
    tasks = F.export(df, DETECTION, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = files_under(converter_output(DETECTION, tasks, fmt, tmp_path / "ls"))
    ours = files_under(F.export(df, DETECTION, fmt.lower(), tmp_path / "ours", meta=meta))
    assert sorted(ours) == sorted(theirs)
    # two cat.jpg from two hosts stay apart; local storage is named after its ?d= file
    folder = "labels" if fmt == "YOLO" else "Annotations"
    suffix = ".txt" if fmt == "YOLO" else ".xml"
    assert f"{folder}/IMG_1{suffix}" in ours
    assert len([n for n in ours if n.endswith(f"__cat{suffix}")]) == 2
    for name, path in theirs.items():
        if name != "notes.json":
            assert ours[name].read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_local_storage_names_agree_with_label_studio_reading_the_files(tmp_path):
    # README: standalone, the converter names "?d=IMG_2.jpg" "?d=IMG_2" (it takes the base name
    # of the whole URL); where it can read local storage, as the server's export does, it names
    # the file after the ?d= path, decoded: that is our name everywhere.
    root = tmp_path / "storage"
    (root / "dir" / "sub").mkdir(parents=True)
    for name in ("dir/sub/IMG_9.jpg", "IMG_2.jpg", "dir/IMG_1.jpg"):
        make_image(root, name, (100, 80))
    images = ["/data/local-files/?d=IMG_2.jpg", "/data/local-files/?d=dir%2Fsub%2FIMG_9.jpg",
              "/data/local-files/?d=dir/IMG_1.jpg"]
    df = url_frame(images)
    meta = {task: {"completed_by": 1} for task in df.index}
    tasks = F.export(df, DETECTION, "label_studio", tmp_path / "tasks.json", meta=meta)
    for fmt in ("YOLO", "VOC"):
        Converter(DETECTION, project_dir=None, download_resources=False,
                  local_files_resolver=lambda d: str(root / d)).convert(
            str(tasks), str(tmp_path / f"ls_{fmt}"), fmt, is_dir=False)
        theirs = files_under(tmp_path / f"ls_{fmt}")
        ours = files_under(F.export(df, DETECTION, fmt.lower(), tmp_path / f"ours_{fmt}",
                                    meta=meta))
        assert sorted(ours) == sorted(theirs)
        for name, path in theirs.items():
            if name != "notes.json":
                assert ours[name].read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path / "ours_YOLO" / "labels")) == [
        "IMG_1.txt", "IMG_2.txt", "IMG_9.txt"]


@pytest.mark.parametrize("fmt", ["yolo", "voc"])
def test_two_tasks_on_one_label_file_fail_loudly(tmp_path, fmt):
    df = url_frame(["/data/local-files/?d=a/IMG_1.jpg", "/data/local-files/?d=b/x.jpg",
                    "/data/local-files/?d=b/IMG_1.jpg"])
    target = tmp_path / "out"
    with pytest.raises(F.FormatError) as caught:
        F.export(df, DETECTION, fmt, target)
    message = str(caught.value)
    assert "100" in message and "102" in message and "IMG_1" in message
    assert "?d=a/IMG_1.jpg" in message and "?d=b/IMG_1.jpg" in message
    assert not target.exists(), "nothing is written"
    # one label file per image name is written as before
    F.export(df.iloc[:2], DETECTION, fmt, target)
    assert len(list(target.rglob("*IMG_1.*"))) == 1


def test_yolo_unlabeled_task_on_a_labeled_tasks_file_fails_too(tmp_path):
    # Which of the two would be the image's labels depends on the order: refuse instead.
    df = url_frame(["http://h/p/a.jpg", "http://h/p/a.jpg"])
    df.loc[101, "box"] = None
    with pytest.raises(F.FormatError, match="would both write"):
        F.export(df, DETECTION, "yolo", tmp_path / "y")


def test_unsized_images_are_left_out_like_label_studio_with_a_warning(tmp_path):
    # Regions without original_width/original_height on images that are URLs: the converter
    # leaves the image out of COCO and VOC; so do we, and say which tasks.
    images = [f"/data/local-files/?d=d/img_{i}.jpg" for i in range(4)]
    df = url_frame(images)
    unsized = url_frame(images, sized=False)
    df.loc[[101, 103], "box"] = unsized.loc[[101, 103], "box"]
    df.loc[102, "box"] = None  # no regions: written with an unknown size, as Label Studio does
    meta = {task: {"completed_by": 1} for task in df.index}
    tasks = F.export(df, DETECTION, "label_studio", tmp_path / "tasks.json", meta=meta)
    theirs = json.loads((converter_output(DETECTION, tasks, "COCO", tmp_path / "ls")
                         / "result.json").read_text())
    with pytest.warns(F.ExportWarning, match=r"COCO export left out 2 task\(s\).*101, 103"):
        ours = F.export(df, DETECTION, "coco", tmp_path / "c.json", meta=meta)
    mine = json.loads(ours.read_text())
    assert without_info(mine) == without_info(theirs)
    assert [i["file_name"] for i in mine["images"]] == [images[0], images[2]]
    assert [a["image_id"] for a in mine["annotations"]] == [0]
    with pytest.warns(F.ExportWarning, match=r"VOC export left out 2 task\(s\).*101, 103"):
        voc = F.export(df, DETECTION, "voc", tmp_path / "v", meta=meta)
    theirs_voc = files_under(converter_output(DETECTION, tasks, "VOC", tmp_path / "ls_voc"))
    assert sorted(files_under(voc)) == sorted(theirs_voc) == ["Annotations/img_0.xml"]


def test_coco_keeps_the_value_as_file_name(tmp_path):
    # README: Label Studio renames remote images to images/<hash>__<name>; we keep the value.
    df = url_frame(["https://example.com/pics/cat.jpg?sig=1"])
    coco = json.loads(F.export(df, DETECTION, "coco", tmp_path / "c.json").read_text())
    assert coco["images"][0] == {"width": 100, "height": 80, "id": 0,
                                 "file_name": "https://example.com/pics/cat.jpg?sig=1"}


def test_categories_hold_region_labels_only(tmp_path):
    # README: Label Studio's converter also makes categories of every Choice of the config.
    config = DETECTION.replace("</View>", '<Choices name="w" toName="image">'
                               '<Choice value="Sunny"/><Choice value="Bright"/></Choices></View>')
    df = pd.DataFrame({"image": ["a.png"]})
    df["w"] = pd.Series(["Sunny"], dtype=object)
    coco = json.loads(F.export(df, config, "coco", tmp_path / "c.json").read_text())
    assert [c["name"] for c in coco["categories"]] == ["Airplane", "Bike", "Car", "Lake", "Road",
                                                       "Zebra"]
    assert [c["id"] for c in coco["categories"]] == list(range(6))
    assert coco["images"][0]["id"] == 0 and coco["annotations"] == []


def test_yolo_multi_label_box_gives_a_line_per_label(tmp_path):
    df = pd.DataFrame({"image": ["a.png"]})
    df["box"] = pd.Series([[{"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0,
                             "rectanglelabels": ["Car", "Bike"], "original_width": 10,
                             "original_height": 10}]], dtype=object)
    root = F.export(df, DETECTION, "yolo", tmp_path / "y")
    assert (root / "labels" / "a.txt").read_text() == "2 0.25 0.4 0.3 0.4\n1 0.25 0.4 0.3 0.4\n"
    assert (root / "classes.txt").read_text() == "Airplane\nBike\nCar\nLake\nRoad\nZebra\n"
