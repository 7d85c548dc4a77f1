"""``<Choices allowNested="true" value="$column">`` (issue 11): options nested in the task's
data, each choice stored as its path, as Label Studio's editor writes it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
import labelwidget.formats as F
from labelwidget.config import parse_config
from tests.comm import browser_sets
from tests.corpus import templates_dir

OPTIONS = [
    {"value": "Wiki", "html": "<b>Wiki</b>"},
    {"value": "Ask", "children": [{"value": "Bigger?", "selected": True},
                                  {"value": "Biggest?"}]},
]


def config(choice: str = "multiple") -> str:
    return ('<View><Text name="text" value="$text"/>'
            f'<Choices name="pick" toName="text" value="$options" choice="{choice}" '
            'allowNested="true"/></View>')


def frame() -> pd.DataFrame:
    df = pd.DataFrame({"text": ["which is the biggest?"]}, index=pd.Index([7], name="task"))
    df["options"] = pd.Series([OPTIONS], index=df.index, dtype=object)
    return df


def test_a_multiple_nested_choices_cell_is_a_list_of_paths_a_parent_included():
    df = frame()
    ann = lw.Annotator(df, config())
    ann.set("pick", [["Ask", "Biggest?"], ["Ask"], ["Wiki"]])
    ann.submit()
    assert df.at[7, "pick"] == [["Ask", "Biggest?"], ["Ask"], ["Wiki"]]


def test_a_single_nested_choices_cell_is_one_path():
    df = frame()
    ann = lw.Annotator(df, config("single"))
    ann.set("pick", ["Ask", "Bigger?"])
    ann.submit()
    assert df.at[7, "pick"] == ["Ask", "Bigger?"]


@pytest.mark.parametrize(("value", "message"), [
    ([["Ask", "Smallest?"]], r"\['Ask', 'Smallest\?'\] is not a path of this task's options "
                             r"\(topmost options: Ask, Wiki\)"),
    ([["Bigger?"]], r"\['Bigger\?'\] is not a path"),
    (["Wiki", "Ask"], r"\['Wiki', 'Ask'\] is not a path"),
    ([["Ask"], ["Ask"]], "lists a path twice"),
    ([[]], "expected a list of paths"),
])
def test_a_path_not_among_the_tasks_options_is_refused_naming_it(value, message):
    ann = lw.Annotator(frame(), config())
    with pytest.raises(ValueError, match=message):
        ann.set("pick", value)


def test_the_browser_gets_the_tasks_option_tree_and_its_clicks_land_as_paths():
    df = frame()
    ann = lw.Annotator(df, config())
    widget = ann._compiled.part_of("pick").widget
    payload = widget.tasks[widget.task]
    assert payload["data"]["tree"] == [
        {"value": "Wiki", "label": "Wiki", "children": []},
        {"value": "Ask", "label": "Ask", "children": [
            {"value": "Bigger?", "label": "Bigger?", "children": []},
            {"value": "Biggest?", "label": "Biggest?", "children": []}]},
    ]
    assert widget.allow_nested is True
    browser_sets(widget, {"task": widget.task, "value": {"pick": [["Ask", "Bigger?"]]}})
    ann.submit()
    assert df.at[7, "pick"] == [["Ask", "Bigger?"]]


def test_label_studio_json_holds_paths_and_round_trips():
    df = frame()
    df["pick"] = pd.Series([[["Ask", "Bigger?"], ["Wiki"]]], index=df.index, dtype=object)
    tasks = F.to_label_studio(df, config())
    result = tasks[0]["annotations"][0]["result"]
    assert result[0]["value"] == {"choices": [["Ask", "Bigger?"], ["Wiki"]]}
    assert result[0]["type"] == "choices"
    back = F.read_label_studio(json.loads(json.dumps(tasks)), config())
    assert back.df.at[7, "pick"] == [["Ask", "Bigger?"], ["Wiki"]]
    assert F.to_label_studio(back.df, config(), meta=back.meta) == tasks


def test_label_studio_sdk_accepts_flat_choices_but_not_the_paths_its_editor_writes():
    # Label Studio's documentation of allowNested: "Submitted result will contain array of
    # arrays". The SDK's checker (label-studio-sdk 2.x ChoicesValue: List[str]) refuses those,
    # so the paths are checked against Label Studio's documented format, not the SDK's model.
    df = frame()
    df["pick"] = pd.Series([[["Ask", "Bigger?"]]], index=df.index, dtype=object)
    annotation = F.to_label_studio(df, config())[0]["annotations"][0]
    interface = LabelInterface(config())
    assert not interface.validate_annotation(annotation)
    flat = {"result": [dict(annotation["result"][0], value={"choices": ["Ask"]})]}
    assert interface.validate_annotation(flat)


def test_an_imported_flat_choice_is_a_one_step_path():
    tasks = [{"id": 7, "data": {"text": "x", "options": OPTIONS}, "annotations": [{"result": [
        {"id": "a", "from_name": "pick", "to_name": "text", "type": "choices",
         "value": {"choices": ["Wiki"]}}]}]}]
    assert F.read_label_studio(tasks, config()).df.at[7, "pick"] == [["Wiki"]]


def test_an_imported_path_that_is_not_an_option_names_task_and_result():
    tasks = [{"id": 7, "data": {"text": "x", "options": OPTIONS}, "annotations": [{"result": [
        {"id": "a", "from_name": "pick", "to_name": "text", "type": "choices",
         "value": {"choices": [["Ask", "Nope"]]}}]}]}]
    with pytest.raises(F.LabelStudioImportError,
                       match=r"task 7, annotation 0, result 0: .*\['Ask', 'Nope'\] is not a "
                             r"path"):
        F.read_label_studio(tasks, config())


@pytest.mark.parametrize("template", ["dynamic-labels/serp-ranking.xml",
                                      "ranking-and-scoring/serp-ranking.xml"])
def test_the_serp_ranking_templates_build_on_their_example_task(template):
    with pytest.warns(lw.ConfigWarning):  # looks it ignores (style, html), named elsewhere
        cfg = parse_config(templates_dir() / template)
    example = cfg.example_task
    df = pd.DataFrame(index=pd.Index([0], name="task"))
    for column in cfg.columns:
        df[column] = pd.Series([example[column]], index=df.index, dtype=object)
    with pytest.warns(lw.ConfigWarning):  # a background image from elsewhere is left out
        ann = lw.Annotator(df, cfg)
    top = next(o for o in example["options"] if o.get("children"))
    path = [top["value"], top["children"][0]["value"]]
    ann.set("dynamic_choices", [path])
    ann.set("relevance", 3)
    ann.submit()
    assert df.at[0, "dynamic_choices"] == [path]
    annotation = ann.to_label_studio()[0]["annotations"][0]
    picked = next(r for r in annotation["result"] if r["from_name"] == "dynamic_choices")
    assert picked["value"] == {"choices": [path]}


def test_an_option_the_task_marks_selected_is_shown_chosen_and_submitted_unless_changed():
    # Label Studio preselects dynamic options with "selected": true (the serp-ranking
    # templates mark a child so).
    df = frame()
    ann = lw.Annotator(df, config())
    assert ann.values["pick"] == [["Ask", "Bigger?"]]
    assert df.at[7, "pick"] is None  # shown, not labeled until submitted
    ann.submit()
    assert df.at[7, "pick"] == [["Ask", "Bigger?"]]
    single = frame()
    ann = lw.Annotator(single, config("single"))
    ann.set("pick", ["Wiki"])
    ann.submit()
    assert single.at[7, "pick"] == ["Wiki"]
