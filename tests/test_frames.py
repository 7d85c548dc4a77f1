"""polars DataFrames and Hugging Face Datasets in and out, and task files by path."""

import json

import pandas as pd
import pytest

import labelwidget as lw

pl = pytest.importorskip("polars")
datasets = pytest.importorskip("datasets")

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple"><Choice value="Tech"/>
    <Choice value="Sports"/></Choices>
  <Rating name="stars" toName="text"/>
  <Number name="score" toName="text"/>
  <TextArea name="note" toName="text"/>
</View>
"""


def _label(ann):
    """Label the first two tasks through the public methods a click uses."""
    ann.set("ner", [{"start": 0, "end": 5, "labels": ["PER"]},
                    {"start": 9, "end": 13, "labels": ["ORG"]}])
    ann.set("sentiment", "Positive")
    ann.set("topics", ["Tech", "Sports"])
    ann.set("stars", 4)
    ann.set("score", 0.5)
    ann.set("note", "fine")
    ann.submit()
    ann.set("sentiment", "Negative")
    ann.set("topics", ["Sports"])
    ann.submit()


def _tasks():
    return pl.DataFrame({"id": ["a", "b", "c"],
                         "text": ["Alice at ACME", "Bob runs", "Carol"]})


def test_polars_in_labels_a_pandas_copy_and_to_polars_gives_typed_columns():
    tasks = _tasks()
    ann = lw.Annotator(tasks, CONFIG)
    assert ann.df.index.tolist() == ["a", "b", "c"]  # the id column is the task id
    _label(ann)
    assert tasks.columns == ["id", "text"]  # the user's polars frame is never changed
    out = ann.to_polars()
    assert isinstance(out, pl.DataFrame)
    assert out.columns == ["id", "text", "ner", "sentiment", "topics", "stars", "score", "note"]
    assert out.schema["sentiment"] == pl.String
    assert out.schema["topics"] == pl.List(pl.String)
    assert out.schema["stars"] == pl.Int64
    assert out.schema["score"] == pl.Float64
    assert out.schema["note"] == pl.String
    assert out.schema["ner"] == pl.List(pl.Struct({
        "id": pl.String, "start": pl.Int64, "end": pl.Int64, "text": pl.String,
        "labels": pl.List(pl.String)}))
    assert out["sentiment"].to_list() == ["Positive", "Negative", None]
    assert out["topics"].to_list() == [["Tech", "Sports"], ["Sports"], None]
    assert out["stars"].to_list() == [4, None, None]
    spans = out["ner"][0].to_list()
    assert [(s["text"], s["labels"]) for s in spans] == [("Alice", ["PER"]), ("ACME", ["ORG"])]


def test_polars_without_id_uses_row_positions_and_comes_back_without_id():
    ann = lw.Annotator(pl.DataFrame({"text": ["x", "y"]}), CONFIG)
    assert ann.df.index.tolist() == [0, 1]
    ann.set("sentiment", "Negative")
    ann.submit()
    out = lw.to_polars(ann.df, CONFIG)
    assert "id" not in out.columns
    assert out["sentiment"].to_list() == ["Negative", None]


def test_polars_round_trip_keeps_annotations():
    ann = lw.Annotator(_tasks(), CONFIG)
    _label(ann)
    again = lw.Annotator(ann.to_polars(), CONFIG)
    assert again.df.loc["a", "sentiment"] == "Positive"
    assert again.df.loc["a", "topics"] == ["Tech", "Sports"]
    assert again.df.loc["a", "stars"] == 4
    assert [(s["start"], s["end"], s["labels"]) for s in again.df.loc["a", "ner"]] == \
        [(0, 5, ["PER"]), (9, 13, ["ORG"])]
    assert again.to_polars().equals(ann.to_polars())


def test_polars_repeated_id_names_row_and_column():
    tasks = pl.DataFrame({"id": [1, 2, 1], "text": ["x", "y", "z"]})
    with pytest.raises(lw.DataError) as err:
        lw.Annotator(tasks, CONFIG)
    message = str(err.value)
    assert "row 1, column 'id'" in message
    assert "row positions 0 and 2" in message


def test_polars_missing_id_names_its_row_position():
    with pytest.raises(lw.DataError, match=r"row '#1', column 'id': the task id is missing"):
        lw.Annotator(pl.DataFrame({"id": [1, None], "text": ["x", "y"]}), CONFIG)


def test_polars_bad_prefilled_label_names_row_and_column():
    tasks = pl.DataFrame({"id": [7], "text": ["x"], "sentiment": ["Maybe"]})
    with pytest.raises(lw.DataError, match=r"row 7, column 'sentiment': 'Maybe' is not an option"):
        lw.Annotator(tasks, CONFIG)


def test_hf_dataset_out_has_training_features():
    ann = lw.Annotator(_tasks(), CONFIG)
    _label(ann)
    ds = ann.to_hf_dataset()
    f = ds.features
    assert f["sentiment"] == datasets.ClassLabel(names=["Positive", "Negative"])
    assert isinstance(f["topics"].feature, datasets.ClassLabel)
    assert f["topics"].feature.names == ["Tech", "Sports"]
    span = f["ner"].feature
    assert span["start"] == datasets.Value("int64") and span["end"] == datasets.Value("int64")
    assert span["label"] == datasets.ClassLabel(names=["PER", "ORG"])
    assert f["stars"] == datasets.Value("int64")
    assert f["score"] == datasets.Value("float64")
    assert f["note"] == datasets.Value("string")
    assert list(ds["id"]) == ["a", "b", "c"]
    row = ds[0]
    assert row["sentiment"] == 0 and row["topics"] == [0, 1]
    assert row["ner"] == [{"start": 0, "end": 5, "label": 0}, {"start": 9, "end": 13, "label": 1}]
    assert ds[1]["sentiment"] == 1 and ds[2]["sentiment"] is None


def test_hf_dataset_in_and_round_trip():
    ann = lw.Annotator(_tasks(), CONFIG)
    _label(ann)
    ds = ann.to_hf_dataset()
    again = lw.Annotator(ds, CONFIG)
    assert again.df.index.tolist() == ["a", "b", "c"]
    assert again.df.loc["b", "sentiment"] == "Negative"
    assert again.df.loc["a", "topics"] == ["Tech", "Sports"]
    assert [(s["text"], s["labels"]) for s in again.df.loc["a", "ner"]] == \
        [("Alice", ["PER"]), ("ACME", ["ORG"])]
    assert again.to_hf_dataset().to_dict() == ds.to_dict()


def test_hf_dataset_of_plain_tasks_with_classlabel_data():
    ds = datasets.Dataset.from_dict(
        {"text": ["good", "bad"], "gold": [1, 0]},
        features=datasets.Features({"text": datasets.Value("string"),
                                    "gold": datasets.ClassLabel(names=["neg", "pos"])}))
    ann = lw.Annotator(ds, CONFIG)
    assert ann.df["gold"].tolist() == ["pos", "neg"]  # ClassLabel data read as names
    assert ann.df.index.tolist() == [0, 1]


def test_hf_dataset_unknown_feature_names_the_column():
    ds = datasets.Dataset.from_dict(
        {"text": ["a"], "m": [[[1.0, 2.0]]]},
        features=datasets.Features({"text": datasets.Value("string"),
                                    "m": datasets.Array2D(shape=(1, 2), dtype="float32")}))
    with pytest.raises(lw.DataError, match=r"column 'm': feature Array2D is not supported"):
        lw.Annotator(ds, CONFIG)


def test_hf_classlabel_out_of_range_names_row_and_column():
    ds = datasets.Dataset.from_dict(
        {"id": ["t1", "t2"], "text": ["a", "b"], "sentiment": [0, 1]},
        features=datasets.Features({"id": datasets.Value("string"),
                                    "text": datasets.Value("string"),
                                    "sentiment": datasets.ClassLabel(names=["Positive",
                                                                            "Negative"])}))
    table = ds.data.table.set_column(2, "sentiment", __import__("pyarrow").array([0, 5]))
    bad = datasets.Dataset(table, info=ds.info)
    with pytest.raises(lw.DataError, match=r"row 't2', column 'sentiment': ClassLabel value 5"):
        lw.Annotator(bad, CONFIG)


def test_to_hf_dataset_bad_cell_names_row_and_column():
    df = pd.DataFrame({"text": ["x"], "sentiment": ["Nope"]}, index=pd.Index([3], name="id"))
    with pytest.raises(lw.DataError, match=r"row 3, column 'sentiment'"):
        lw.to_hf_dataset(df, CONFIG)


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_annotator_reads_a_task_file_by_path(tmp_path, suffix):
    path = tmp_path / f"tasks{suffix}"
    df = pd.DataFrame({"id": [5, 6], "text": ["x", "y"]})
    if suffix == ".parquet":
        df.to_parquet(path)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in df.to_dict("records")))
    else:
        df.to_csv(path, index=False)
    ann = lw.Annotator(path, CONFIG)
    assert ann.df.index.tolist() == [5, 6]
    ann.set("sentiment", "Positive")
    ann.submit()
    assert ann.df.loc[5, "sentiment"] == "Positive"


def test_to_hf_dataset_mixed_data_column_goes_out_as_json_text():
    df = pd.DataFrame({"text": ["x", "y"], "extra": pd.Series([1, "a"], dtype=object)})
    ds = lw.to_hf_dataset(df, CONFIG)
    assert ds.features["extra"] == datasets.Value("string")
    assert list(ds["extra"]) == ["1", '"a"']


def test_export_parquet_and_hf_dataset_keep_classlabel_features(tmp_path):
    ann = lw.Annotator(_tasks().with_columns(pl.lit("x").alias("extra")), CONFIG)
    _label(ann)
    path = ann.export("parquet", tmp_path / "labels.parquet", columns=["text"])
    ds = datasets.Dataset.from_parquet(str(path))
    assert "extra" not in ds.column_names  # columns= picks the data columns
    assert ds.features["sentiment"] == datasets.ClassLabel(names=["Positive", "Negative"])
    assert ds[0]["topics"] == [0, 1]
    folder = ann.export("hf_dataset", tmp_path / "labels_ds")
    back = datasets.load_from_disk(str(folder))
    assert back.features["ner"].feature["label"].names == ["PER", "ORG"]
    assert lw.Annotator(back, CONFIG).df.loc["b", "sentiment"] == "Negative"


BOXES = """
<View>
  <Image name="img" value="$image"/>
  <RectangleLabels name="box" toName="img"><Label value="Car"/><Label value="Bus"/>
  </RectangleLabels>
  <Taxonomy name="tax" toName="img"><Choice value="A"><Choice value="B"/></Choice></Taxonomy>
</View>
"""


def test_other_controls_go_through_polars_typed_and_through_datasets_as_json():
    box = {"id": "r1", "x": 1.0, "y": 2.0, "width": 3.0, "height": 4.0, "rotation": 0,
           "rectanglelabels": ["Car"], "original_width": 100, "original_height": 50}
    df = pd.DataFrame({"image": ["http://x/a.png", "http://x/b.png"]})
    df["box"] = pd.Series([[box], None], dtype=object)
    df["tax"] = pd.Series([[["A", "B"]], None], dtype=object)
    out = lw.to_polars(df, BOXES)
    assert out.schema["tax"] == pl.List(pl.List(pl.String))
    fields = {f.name: f.dtype for f in out.schema["box"].inner.fields}  # typed by polars
    assert fields["rectanglelabels"] == pl.List(pl.String) and fields["x"] == pl.Float64
    assert lw.Annotator(out, BOXES).df.loc[0, "box"] == [box]
    ds = lw.to_hf_dataset(out, BOXES)
    assert ds.features["box"] == datasets.Value("string")
    assert json.loads(ds[0]["box"]) == [box]
    back = lw.Annotator(ds, BOXES).df
    assert back.loc[0, "box"] == [box] and back.loc[0, "tax"] == [["A", "B"]]
    assert back.loc[1, "box"] is None
