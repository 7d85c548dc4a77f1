"""A control named like the data column it reads (issue 11, item 6): its values go to another
DataFrame column (``columns=`` or the default ``<name>_label`` with a warning), while Label
Studio JSON, the store and every export keep the control's own name."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigWarning, parse_config

# As in Label Studio's text-to-image template: the choices are the task's own images.
CONFIG = """<View>
  <Text name="prompt" value="$prompt"/>
  <Choices name="images" toName="prompt" value="$images" choice="multiple"/>
  <Rating name="quality" toName="prompt"/>
</View>"""


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "prompt": ["a red fox", "a blue jay"],
        "images": [["fox1.png", "fox2.png"], ["jay1.png", "jay2.png"]],
    }, index=pd.Index([10, 11], name="id"))


def quietly(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConfigWarning)
        return call(*args, **kwargs)


def test_without_columns_the_values_go_to_name_label_with_a_warning_naming_both():
    df = frame()
    with pytest.warns(ConfigWarning) as caught:
        ann = lw.Annotator(df, CONFIG)
    [warning] = [w.message for w in caught]
    assert str(warning) == (
        "a control's values go to a column not named after it:\n"
        '  line 3: <Choices name="images"> is named like the data column $images the config '
        "reads: its values go to the column 'images_label' (columns={'images': ...} chooses "
        "another)")
    assert caught[0].filename == __file__  # it points at the user's line
    ann.set("images", ["fox2.png"])
    ann.set("quality", 4)
    ann.submit()
    assert df.at[10, "images_label"] == ["fox2.png"]
    assert df.at[10, "images"] == ["fox1.png", "fox2.png"]  # the data is untouched
    assert df.at[10, "quality"] == 4
    # The results table names the control, as Label Studio does.
    assert ann.results[["task", "control"]].values.tolist() == [[10, "images"], [10, "quality"]]


def test_columns_names_the_column_and_says_nothing():
    df = frame()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ann = lw.Annotator(df, CONFIG, columns={"images": "picked"})
    ann.set("images", ["fox1.png"])
    ann.submit()
    assert df.at[10, "picked"] == ["fox1.png"]
    assert "images_label" not in df.columns


def test_a_pre_filled_column_is_checked_and_shown_under_its_column_name():
    df = frame()
    df["images_label"] = pd.Series([["fox1.png"], ["owl.png"]], index=df.index, dtype=object)
    with pytest.raises(lw.DataError, match=r"row 11, column 'images_label': 'owl.png' is not an "
                                           r"option"):
        quietly(lw.Annotator, df, CONFIG)
    df.at[11, "images_label"] = None
    ann = quietly(lw.Annotator, df, CONFIG)
    assert ann.current == 11  # task 10 counts as labeled: the queue starts after it
    ann.go_to(10)
    assert ann.values["images"] == ["fox1.png"]


@pytest.mark.parametrize("columns", [
    {"nope": "x"}, {"images": "prompt"}, {"images": "quality"},
])
def test_bad_columns_are_refused_with_the_reason(columns):
    messages = {
        "nope": "columns= names 'nope', which is not a control of the config "
                "(controls: images, quality)",
        "prompt": "columns={'images': 'prompt'}: 'prompt' is a data column the config reads; "
                  "<Choices name='images'> needs a column of its own",
        "quality": "controls 'images' and 'quality' would both write the column 'quality'; "
                   "give one of them another in columns=",
    }
    with pytest.raises(ValueError) as error:
        lw.Annotator(frame(), CONFIG, columns=columns)
    assert str(error.value) == messages[next(iter(columns.values())) if "nope" not in columns
                                        else "nope"]


def test_label_studio_export_keeps_the_control_name_and_round_trips():
    df = frame()
    ann = quietly(lw.Annotator, df, CONFIG)
    ann.set("images", ["fox1.png"])
    ann.submit()
    tasks = ann.to_label_studio()
    task = next(t for t in tasks if t["id"] == 10)
    assert task["data"] == {"prompt": "a red fox", "images": ["fox1.png", "fox2.png"]}
    [result] = task["annotations"][0]["result"]
    assert (result["from_name"], result["value"]) == ("images", {"choices": ["fox1.png"]})
    interface = LabelInterface(CONFIG)
    assert interface.validate_annotation(task["annotations"][0])
    with pytest.warns(ConfigWarning, match="'images_label'"):
        back = lw.from_label_studio(tasks, CONFIG)
    assert back.at[10, "images_label"] == ["fox1.png"]
    assert back.at[10, "images"] == ["fox1.png", "fox2.png"]
    again = lw.from_label_studio(tasks, CONFIG, columns={"images": "picked"})
    assert again.at[10, "picked"] == ["fox1.png"]
    assert quietly(lw.to_label_studio, back, CONFIG) == quietly(lw.to_label_studio, df, CONFIG)


def test_json_min_and_csv_name_the_control_as_label_studio_does(tmp_path):
    df = frame()
    ann = quietly(lw.Annotator, df, CONFIG, columns={"images": "picked"})
    ann.set("images", ["fox1.png"])
    ann.submit()
    ann.export("json_min", tmp_path / "min.json")
    [record] = [r for r in json.loads((tmp_path / "min.json").read_text()) if r["id"] == 10]
    # Label Studio's converter writes the control's output over the data key of that name.
    assert record["images"] == "fox1.png"
    assert "picked" not in record
    config = parse_config(CONFIG, columns={"images": "picked"})
    lw.export(df, config, "csv", tmp_path / "out.csv")
    header = [h.strip('"') for h in (tmp_path / "out.csv").read_text().splitlines()[0].split(",")]
    # The converter's CSV names the data column _data_images beside the control's images.
    assert {"images", "_data_images"} <= set(header) and "picked" not in header


def test_the_store_reopens_into_the_same_column_and_load_names_it_alike(tmp_path):
    path = tmp_path / "labels.sqlite"
    df = frame()
    ann = quietly(lw.Annotator, df, CONFIG, store=path, annotator="me")
    ann.set("images", ["fox2.png"])
    ann.submit()
    ann.close()
    again = frame()
    reopened = quietly(lw.Annotator, again, CONFIG, store=path, annotator="me")
    assert again.at[10, "images_label"] == ["fox2.png"]
    assert reopened.current == 11
    reopened.close()
    with pytest.warns(ConfigWarning, match="'images_label'"):
        loaded = lw.load(path)
    assert list(loaded.columns) == ["images_label", "quality"]
    assert loaded.at[10, "images_label"] == ["fox2.png"]
    picked = lw.load(path, columns={"images": "picked"})
    assert picked.at[10, "picked"] == ["fox2.png"]


def test_a_bound_config_is_not_bound_twice():
    config = parse_config(CONFIG, columns={"images": "picked"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ann = lw.Annotator(frame(), config)
    assert ann.config.column("images") == "picked"
    assert ann.config.column("quality") == "quality"


def test_default_name_steps_aside_from_a_data_column_of_that_name():
    config = quietly(parse_config, """<View>
  <Text name="prompt" value="$prompt"/><Text name="other" value="$images_label"/>
  <Choices name="images" toName="prompt" value="$images"/>
</View>""")
    assert config.column("images") == "images_label2"
