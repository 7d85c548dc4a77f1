"""TextArea, Rating, Number, DateTime, Taxonomy and Pairwise: builders (attributes -> traits),
widgets driven like the front end drives them, the strftime helper against Python's, and the
Annotator end to end (DataFrame -> edits -> submit -> typed cells)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import labelwidget as lw
from labelwidget import parse_config
from labelwidget.compile import compile_config
from labelwidget.tasks import task_key
from labelwidget.widgets import (
    DateTimeWidget,
    NumberWidget,
    PairwiseWidget,
    RatingWidget,
    TaxonomyWidget,
    TextAreaWidget,
)
from tests.comm import browser_sets

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "js"


def build(control_xml: str, objects: str = '<Text name="a" value="$a"/>'):
    """Compile a one-control config; returns (widget, tag)."""
    config = parse_config(f"<View>{objects}{control_xml}</View>")
    compiled = compile_config(config, "g")
    (name,) = config.controls
    return compiled.part_of(name).widget, config.controls[name]


# -- builders: attributes -> traits -----------------------------------------------------------

def test_text_area_builder_defaults():
    widget, _ = build('<TextArea name="note" toName="a"/>')
    assert isinstance(widget, TextAreaWidget)
    assert (widget.name, widget.rows, widget.placeholder, widget.max_submissions) == ("note", 1, "", 1)
    assert (widget.editable, widget.skip_duplicates, widget.required) == (True, False, False)
    assert widget.controls == ("note",) and widget.group == "g"


def test_text_area_builder_reads_every_attribute():
    widget, _ = build('<TextArea name="note" toName="a" rows="4" placeholder="Say why" '
                      'maxSubmissions="3" editable="false" skipDuplicates="true" required="true" '
                      'requiredMessage="Explain the label"/>')
    assert (widget.rows, widget.placeholder, widget.max_submissions) == (4, "Say why", 3)
    assert (widget.editable, widget.skip_duplicates) == (False, True)
    assert (widget.required, widget.required_message) == (True, "Explain the label")


def test_text_area_add_button_as_label_studio_shows_it():
    # Label Studio: "Add" beside a multi-line field, none beside a one-line one, unless
    # showSubmitButton says otherwise.
    assert not build('<TextArea name="note" toName="a"/>')[0].submit_button
    assert build('<TextArea name="note" toName="a" rows="3"/>')[0].submit_button
    assert build('<TextArea name="note" toName="a" showSubmitButton="true"/>')[0].submit_button
    assert not build('<TextArea name="note" toName="a" rows="3" '
                     'showSubmitButton="false"/>')[0].submit_button


def test_rating_builder():
    widget, _ = build('<Rating name="stars" toName="a"/>')
    assert isinstance(widget, RatingWidget)
    # Without hotkey=, Label Studio gives a Rating the first free key of its sequence.
    assert (widget.max_rating, widget.hotkey, widget.required) == (5, "1", False)
    widget, _ = build('<Rating name="stars" toName="a" maxRating="10" hotkey="r" required="true"/>')
    assert (widget.max_rating, widget.hotkey, widget.required) == (10, "r", True)


def test_number_builder():
    widget, _ = build('<Number name="n" toName="a"/>')
    assert isinstance(widget, NumberWidget)
    assert (widget.min, widget.max, widget.step, widget.slider) == (None, None, 1.0, False)
    widget, _ = build('<Number name="n" toName="a" min="-1" max="2.5" step="0.5" slider="true"/>')
    assert (widget.min, widget.max, widget.step, widget.slider) == (-1.0, 2.5, 0.5, True)


@pytest.mark.parametrize(("only", "mode", "fmt"), [
    ("", "datetime", "%Y-%m-%dT%H:%M"),
    ('only="date"', "date", "%Y-%m-%d"),
    ('only="time"', "time", "%H:%M"),
    ('only="month"', "month", "%Y-%m"),
    ('only="year"', "year", "%Y"),
])
def test_date_time_builder_mode_and_default_format(only, mode, fmt):
    widget, _ = build(f'<DateTime name="when" toName="a" {only}/>')
    assert isinstance(widget, DateTimeWidget)
    assert (widget.only, widget.format, widget.min, widget.max) == (mode, fmt, "", "")


def test_date_time_builder_sends_bounds_as_iso_whatever_the_format():
    widget, _ = build('<DateTime name="when" toName="a" only="date" format="%d/%m/%Y" '
                      'min="02/01/2020" max="2021-12-31"/>')
    assert widget.format == "%d/%m/%Y"
    assert widget.min == "2020-01-02T00:00:00"  # written in the tag's format
    assert widget.max == "2021-12-31T00:00:00"  # written in ISO, as Label Studio documents


def test_taxonomy_builder_sends_the_tree_with_stored_values():
    widget, _ = build("""<Taxonomy name="tax" toName="a" leafsOnly="true" maxUsages="2"
        showFullPath="true" pathSeparator=" > " placeholder="Pick species">
          <Choice value="Eukarya"><Choice value="Human" alias="H"/><Choice value="Fungi"/></Choice>
          <Choice value="Archaea"/>
        </Taxonomy>""")
    assert isinstance(widget, TaxonomyWidget)
    assert widget.tree == [
        {"value": "Eukarya", "label": "Eukarya", "children": [
            {"value": "H", "label": "Human", "children": []},
            {"value": "Fungi", "label": "Fungi", "children": []},
        ]},
        {"value": "Archaea", "label": "Archaea", "children": []},
    ]
    assert (widget.leafs_only, widget.max_usages, widget.show_full_path) == (True, 2, True)
    assert (widget.path_separator, widget.placeholder) == (" > ", "Pick species")


def test_taxonomy_builder_defaults():
    widget, _ = build('<Taxonomy name="tax" toName="a"><Choice value="A"/></Taxonomy>')
    assert (widget.leafs_only, widget.max_usages, widget.show_full_path) == (False, None, False)
    assert widget.path_separator == " / "


def test_pairwise_builder_names_the_two_objects():
    widget, _ = build('<Pairwise name="pw" toName="a,b"/>',
                      objects='<Text name="a" value="$a"/><Text name="b" value="$b"/>')
    assert isinstance(widget, PairwiseWidget)
    assert (widget.left, widget.right, widget.controls) == ("a", "b", ("pw",))


# (Python and JavaScript mirror each other for every widget: tests/test_contract.py)


# -- widgets driven as the front end drives them ----------------------------------------------

# (control XML, what the browser sends, the cell the value model makes of it)
EDITS = [
    ('<TextArea name="c" toName="a"/>', "first line\nsecond", "first line\nsecond"),
    ('<TextArea name="c" toName="a" maxSubmissions="3"/>', ["one", "two"], ["one", "two"]),
    ('<Rating name="c" toName="a" maxRating="7"/>', 7, 7),
    ('<Number name="c" toName="a" min="0" max="10"/>', 2, 2.0),  # JSON gives 2 for 2.0
    ('<Number name="c" toName="a" min="0" max="10" step="0.5" slider="true"/>', 2.5, 2.5),
    ('<DateTime name="c" toName="a" only="date" format="%d/%m/%Y"/>', "04/03/2021", "04/03/2021"),
    ('<DateTime name="c" toName="a" only="time"/>', "14:30", "14:30"),
    ("""<Taxonomy name="c" toName="a"><Choice value="Eukarya"><Choice value="Human" alias="H"/>
        </Choice><Choice value="Archaea"/></Taxonomy>""",
     [["Eukarya", "H"], ["Archaea"]], [["Eukarya", "H"], ["Archaea"]]),
    ('<Pairwise name="c" toName="a,b"/>', "right", "right"),
]


@pytest.mark.parametrize(("xml", "sent", "cell"), EDITS, ids=lambda v: str(v)[:30])
def test_front_end_edit_reaches_python_and_passes_the_value_model(xml, sent, cell):
    widget, tag = build(xml, objects='<Text name="a" value="$a"/><Text name="b" value="$b"/>')
    key = task_key(7)
    widget.tasks = {key: {"rev": 0, "data": {}, "value": {"c": None}}}
    seen = []
    widget.observe(lambda change: seen.append(change["new"]), names="value")
    widget.set_state({"task": key, "value": {"c": sent}})
    assert (widget.task, widget.value) == (key, {"c": sent})
    assert seen == [{"c": sent}]
    checked = tag.check_value(widget.value["c"])
    assert checked == cell and type(checked) is type(cell)


@pytest.mark.parametrize(("xml", "sent"), [
    ('<Rating name="c" toName="a" maxRating="3"/>', 4),
    ('<Number name="c" toName="a" min="0" max="10"/>', 11),
    ('<DateTime name="c" toName="a" only="date" min="2020-01-01"/>', "2019-12-31"),
    ('<Taxonomy name="c" toName="a" leafsOnly="true"><Choice value="A"><Choice value="B"/>'
     "</Choice></Taxonomy>", [["A"]]),
    ('<TextArea name="c" toName="a" maxSubmissions="2"/>', ["1", "2", "3"]),
])
def test_values_the_widget_refuses_are_refused_by_the_value_model_too(xml, sent):
    widget, tag = build(xml)
    widget.set_state({"task": task_key(0), "value": {"c": sent}})
    with pytest.raises(ValueError):
        tag.check_value(widget.value["c"])


def test_set_value_pushes_pythons_value_with_a_new_revision():
    widget, _ = build('<Rating name="stars" toName="a"/>')
    key = task_key(1)
    widget.tasks = {key: {"rev": 0, "data": {}, "value": {"stars": None}}}
    widget.task = key
    widget.set_value(key, {"stars": 4}, rev=1)
    assert widget.value == {"stars": 4}
    assert widget.tasks[key] == {"rev": 1, "data": {}, "value": {"stars": 4}}


# -- the browser's strftime helper agrees with Python's ----------------------------------------

NODE = shutil.which("node")

FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d", "%H:%M", "%Y-%m", "%Y", "%d/%m/%Y %H:%M:%S",
           "%d %B %Y, %I:%M %p", "%a %d %b %y", "%A %j %Y", "%Y%m%d%H%M%S.%f", "[%Y] 100%%"]


def run_js(script: str, payload) -> object:
    """Run an ES module against js/_strftime.js with ``payload`` as JSON on stdin."""
    # Never skipped: the README's test command installs node, and js/ is half of the widget.
    assert NODE, "node is needed for js/ (the README's test command installs it)"
    helper = (JS / "_strftime.js").as_uri()
    code = (f'import fs from "node:fs";\nimport * as s from "{helper}";\n'
            'const input = JSON.parse(fs.readFileSync(0, "utf8"));\n' + script)
    done = subprocess.run([NODE, "--input-type=module", "-e", code], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


moments = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))


@settings(max_examples=5, deadline=None)
@given(st.lists(moments, min_size=20, max_size=20))
def test_js_formats_like_python_strftime_and_parses_like_strptime(batch):
    cases = [{"fmt": fmt, "moment": {"year": m.year, "month": m.month, "day": m.day,
                                     "hour": m.hour, "minute": m.minute, "second": m.second,
                                     "micro": m.microsecond},
              "python": m.strftime(fmt)}
             for m in batch for fmt in FORMATS]
    out = run_js("""
      const result = input.map((c) => ({ text: s.format(c.moment, c.fmt), back: s.parse(c.python, c.fmt) }));
      console.log(JSON.stringify(result));
    """, cases)
    for case, got in zip(cases, out, strict=True):
        assert got["text"] == case["python"], case
        expected = datetime.strptime(case["python"], case["fmt"])
        back = got["back"]
        assert back is not None, case
        assert datetime(back["year"], back["month"], back["day"], back["hour"], back["minute"],
                        back["second"], back["micro"]) == expected, case


def test_js_refuses_what_strptime_refuses_and_accepts_what_it_accepts():
    samples = [("2021-02-29", "%Y-%m-%d"), ("2024-02-29", "%Y-%m-%d"), ("5/1/2021", "%d/%m/%Y"),
               ("2021-1-5 7:3", "%Y-%m-%d %H:%M"), ("13 PM", "%I %p"), ("12 pm", "%I %p"),
               ("Jan 5 2021", "%b %d %Y"), ("JANUARY 5 2021", "%B %d %Y"), ("2021  05", "%Y %m"),
               ("21", "%Y"), ("02021", "%Y"), ("2021-13", "%Y-%m"), ("24:00", "%H:%M"),
               ("2021 366", "%Y %j"), ("2020 366", "%Y %j"), ("x2021", "%Y"), ("2021-05 ", "%Y-%m")]
    out = run_js("console.log(JSON.stringify(input.map(([t, f]) => s.parse(t, f) !== null)));",
                 samples)
    for (text, fmt), accepted in zip(samples, out, strict=True):
        try:
            datetime.strptime(text, fmt)
            python = True
        except ValueError:
            python = False
        assert accepted == python, f"{text!r} in {fmt!r}: JS {accepted}, Python {python}"


# -- end to end: DataFrame -> edits -> submit -> typed cells -----------------------------------

CONFIG = """
<View>
  <Text name="a" value="$a"/>
  <Text name="b" value="$b"/>
  <TextArea name="summary" toName="a"/>
  <TextArea name="keywords" toName="a" maxSubmissions="3"/>
  <Rating name="stars" toName="a" maxRating="5" hotkey="r"/>
  <Number name="price" toName="a" min="0" max="100" step="0.5"/>
  <DateTime name="when" toName="a" only="date" format="%d/%m/%Y" min="01/01/2000"/>
  <Taxonomy name="species" toName="a">
    <Choice value="Eukarya"><Choice value="Human"/><Choice value="Fungi" alias="F"/></Choice>
    <Choice value="Archaea"/>
  </Taxonomy>
  <Pairwise name="better" toName="a,b"/>
</View>
"""


def frame(n=3):
    return pd.DataFrame({"a": [f"left {i}" for i in range(n)], "b": [f"right {i}" for i in range(n)]},
                        index=[100 + i for i in range(n)])


def test_python_api_submit_writes_typed_cells():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("summary", "short")
    ann.set("keywords", ["x"])  # a one-element list stays a list (pandas 3 pitfall)
    ann.set("stars", 4)
    ann.set("price", 12)
    ann.set("when", "4/3/2021")  # strptime accepts it; the cell is written as the format writes
    ann.set("species", [["Eukarya", "F"]])
    ann.set("better", "left")
    ann.submit()
    row = df.loc[100]
    assert row["summary"] == "short"
    assert row["keywords"] == ["x"]
    assert row["stars"] == 4 and isinstance(row["stars"], int)
    assert row["price"] == 12.0 and isinstance(row["price"], float)
    assert row["when"] == "04/03/2021"
    assert row["species"] == [["Eukarya", "F"]]
    assert row["better"] == "left"
    assert ann.current == 101


def test_unset_controls_stay_empty_and_required_ones_block_submit():
    config = CONFIG.replace('<Rating name="stars" toName="a"', '<Rating name="stars" toName="a" '
                            'required="true" requiredMessage="rate it"')
    df = frame()
    ann = lw.Annotator(df, config)
    with pytest.raises(ValueError, match="rate it"):
        ann.submit()
    assert ann.current == 100
    ann.set("stars", 1)
    ann.submit()
    row = df.loc[100]
    assert row["stars"] == 1
    # Left empty in a submit: each control's empty answer (issue 17), None where the type has
    # none (Number).
    empty = {"summary": "", "keywords": [], "price": None, "when": "", "species": [],
             "better": ""}
    assert {name: row[name] for name in empty} == empty


@pytest.mark.parametrize(("control", "value", "message"), [
    ("stars", 6, "outside 1..5"),
    ("price", 100.5, "outside 0..100"),
    ("when", "31/12/1999", "before min"),
    ("when", "2021-03-04", "does not match the format"),
    ("species", [["Eukarya", "Plants"]], "not a path"),
    ("keywords", ["1", "2", "3", "4"], "at most 3"),
    ("better", "middle", 'expected "left" or "right"'),
])
def test_set_refuses_invalid_values_naming_the_control(control, value, message):
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        ann.set(control, value)
    assert str(info.value).startswith(control)


def test_browser_edits_then_submit_message_write_typed_cells():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    key = task_key(100)
    sent = {
        "summary": "typed in the browser", "keywords": ["a", "b"], "stars": 3, "price": 7,
        "when": "05/06/2020", "species": [["Eukarya", "Human"], ["Archaea"]], "better": "right",
    }
    for name, value in sent.items():
        # What each view sends on a click or keystroke: the task and its value together.
        browser_sets(ann._compiled.part_of(name).widget, {"task": key, "value": {name: value}})
    assert {name: ann.values[name] for name in sent} == sent
    ann.toolbar._handle_msg({"content": {"data": {"method": "custom", "content": {
        "type": "navigate", "seq": 1, "action": "submit", "task": key, "to": task_key(101),
        "values": sent, "lead_time": 2.0}}}, "buffers": []})
    row = df.loc[100]
    assert row["summary"] == "typed in the browser"
    assert row["keywords"] == ["a", "b"]
    assert row["stars"] == 3 and isinstance(row["stars"], int)
    assert row["price"] == 7.0 and isinstance(row["price"], float)
    assert row["when"] == "05/06/2020"
    assert row["species"] == [["Eukarya", "Human"], ["Archaea"]]
    assert row["better"] == "right"
    assert ann.current == 101


def test_prefilled_columns_load_into_the_widgets():
    df = frame()
    df["stars"] = pd.Series([2, None, None], index=df.index, dtype=object)
    df["species"] = pd.Series([[["Archaea"]], None, None], index=df.index, dtype=object)
    ann = lw.Annotator(df, CONFIG)
    assert ann.current == 101  # task 100 counts as labeled
    ann.go_to(100)
    assert ann._compiled.part_of("stars").widget.value == {"stars": 2}
    assert ann._compiled.part_of("species").widget.value == {"species": [["Archaea"]]}
