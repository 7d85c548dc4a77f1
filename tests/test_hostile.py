"""Hostile input through the public API (issue 14): every bad value, file, config or frame gets
a clear error naming the offending thing (file, row, column, task, attribute), never a
traceback from inside the library nor a silently wrong value; and the annotations made
before it are still in the DataFrame, in the store, and still export.

Inputs that could take the interpreter down (deep nesting) run in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw

CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text">
    <Choice value="Café" hotkey="1"/><Choice value="Bad" hotkey="2"/>
  </Choices>
  <Rating name="stars" toName="text"/>
  <Number name="score" toName="text" min="0" max="10"/>
  <TextArea name="note" toName="text"/>
</View>"""

BOXES = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
</View>"""

HUGE = 10**400  # an int no float can hold
GIANT = 10**5000  # beyond Python's own int <-> str limit (4300 digits)


# pandas 3's text dtype stored in Python, as it is without pyarrow: with pyarrow installed
# (datasets brings it) pandas stores text in Arrow, which refuses a lone surrogate on assignment,
# so a frame holding one could not be built to test what labelwidget does with it.
PY_STR = pd.StringDtype("python", na_value=np.nan)


def reviews() -> pd.DataFrame:
    return pd.DataFrame({"text": pd.Series(["great", "awful", "meh", "fine"], dtype=PY_STR,
                                           index=[10, 11, 12, 13])},
                        index=pd.Index([10, 11, 12, 13], name="review"))


@pytest.fixture
def session(tmp_path):
    """An Annotator with a store and two submitted tasks: the work that must survive."""
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(reviews(), CONFIG, store=str(store), annotator="me")
    ann.set("sentiment", "Café")
    ann.set("stars", 4)
    ann.submit()
    ann.set("sentiment", "Bad")
    ann.set("note", "too slow")
    ann.submit()
    yield ann, store
    ann.close()


EXPECTED = {10: {"sentiment": "Café", "stars": 4}, 11: {"sentiment": "Bad", "note": "too slow"}}


def assert_safe(ann, store: Path, tmp_path: Path) -> None:
    """The two submits of ``session`` are in the DataFrame, in the store, and export."""
    for task, values in EXPECTED.items():
        for control, value in values.items():
            assert ann.df.at[task, control] == value
    stored = lw.load(store)
    for task, values in EXPECTED.items():
        for control, value in values.items():
            assert stored.at[task, control] == value
    exported = {t["id"]: t for t in ann.to_label_studio()}
    for task, values in EXPECTED.items():
        results = {r["from_name"]: r["value"] for r in exported[task]["annotations"][0]["result"]}
        assert results["sentiment"] == {"choices": [values["sentiment"]]}
    # ... and a file can be written from them.
    path = ann.export("label_studio", tmp_path / "export.json")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert {t["id"] for t in written if t["annotations"]} >= set(EXPECTED)


def raises(kind, *needles):
    """pytest.raises that also checks the message names each of ``needles``."""

    class _Check:
        def __enter__(self):
            self.ctx = pytest.raises(kind)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.ctx.__exit__(*exc)
            if handled:
                message = str(self.info.value)
                for needle in needles:
                    assert needle in message, f"{needle!r} not in {message!r}"
            return handled

    return _Check()


# -- 1. numbers too large for a float -------------------------------------------------------------


@pytest.mark.parametrize("control, value", [("stars", HUGE), ("score", HUGE), ("score", -HUGE),
                                            ("score", GIANT), ("stars", GIANT)],
                         ids=["stars-huge", "score-huge", "score-minus-huge", "score-giant",
                              "stars-giant"])
def test_a_huge_int_is_refused_by_name(session, tmp_path, control, value):
    ann, store = session
    with raises(ValueError, control, "too large"):
        ann.set(control, value)
    assert_safe(ann, store, tmp_path)


def test_huge_numbers_in_label_studio_json_name_the_task_and_result(session, tmp_path):
    ann, store = session
    text = ('[{"id": 7, "data": {"text": "x"}, "annotations": [{"result": [{"from_name": '
            '"score", "to_name": "text", "type": "number", "value": {"number": '
            + "9" * 500 + '}}]}]}]')
    with raises(lw.LabelStudioImportError, "task 7", "result 0", "score", "too large"):
        lw.from_label_studio(text, CONFIG)
    boxes = [{"id": 3, "data": {"image": "a.png"}, "annotations": [{"result": [
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "value": {"x": HUGE, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["Car"]}},
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "original_width": GIANT, "original_height": 10,
         "value": {"x": 1, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["Car"]}},
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "value": {"points": [[HUGE, 1], [2, 2], [3, 1]], "rectanglelabels": ["Car"]}},
    ]}]}]
    with raises(lw.LabelStudioImportError, "task 3", "result 0", "x=", "result 1",
                "original_width", "too large") as info:
        lw.from_label_studio(boxes, BOXES)
    # One issue per bad result, none lost behind the first (the third is a polygon in a box).
    assert [str(issue).split(":")[0] for issue in info.value.issues] == [
        f"task 3, annotation 0, result {i}" for i in range(3)]
    lead = [{"id": 4, "data": {"text": "x"}, "annotations": [{"lead_time": HUGE, "result": []}]}]
    with raises(lw.LabelStudioImportError, "task 4", "annotation 0", "lead_time"):
        lw.from_label_studio(lead, CONFIG)
    assert_safe(ann, store, tmp_path)


def test_a_huge_prefilled_cell_is_a_data_error_naming_row_and_column(session, tmp_path):
    ann_, store_ = session
    df = reviews()
    df["score"] = pd.Series([None, HUGE, None, None], index=df.index, dtype=object)
    with raises(lw.DataError, "row 11", "'score'", "too large"):
        lw.Annotator(df, CONFIG)
    assert_safe(ann_, store_, tmp_path)


# -- 1/2. files in other encodings, directories, the XML declaration ------------------------------

DECLARED = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + CONFIG


def options(config) -> list[str]:
    return lw.parse_config(config).controls["sentiment"].allowed()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig",
                                      "utf-32"])
def test_a_config_file_in_utf16_or_with_a_bom_reads_as_written(session, tmp_path, encoding):
    ann, store = session
    path = tmp_path / "config.xml"
    path.write_bytes(CONFIG.encode(encoding))
    assert options(path) == ["Café", "Bad"]
    assert options(str(path)) == ["Café", "Bad"]
    assert_safe(ann, store, tmp_path)


def test_a_latin1_config_file_without_declaration_is_refused_naming_file_and_line(
        session, tmp_path):
    ann, store = session
    path = tmp_path / "latin.xml"
    path.write_bytes(CONFIG.encode("latin-1"))
    with raises(lw.ConfigError, str(path), "not UTF-8", "line 4", "0xE9", "encoding="):
        lw.parse_config(path)
    assert_safe(ann, store, tmp_path)


def test_the_xml_declaration_decodes_bytes_and_files_but_never_a_str_twice(session, tmp_path):
    ann, store = session
    path = tmp_path / "declared.xml"
    path.write_bytes(DECLARED.encode("latin-1"))
    assert options(path) == ["Café", "Bad"]
    assert options(DECLARED.encode("latin-1")) == ["Café", "Bad"]
    # A str is decoded text: the declaration is not applied again (no "CafÃ©").
    assert options(DECLARED) == ["Café", "Bad"]
    assert options(DECLARED.replace("ISO-8859-1", "UTF-16")) == ["Café", "Bad"]
    # ... and the Annotator built from it stores "Café" itself.
    other = lw.Annotator(reviews(), DECLARED)
    other.set("sentiment", "Café")
    assert other.values["sentiment"] == "Café"
    assert_safe(ann, store, tmp_path)


def test_a_declared_encoding_that_does_not_fit_the_bytes_is_named(session, tmp_path):
    ann, store = session
    stale = tmp_path / "stale.xml"  # saved as UTF-8, still declaring Latin-1
    stale.write_bytes(DECLARED.encode("utf-8"))
    with raises(lw.ConfigError, str(stale), 'encoding="ISO-8859-1"', "UTF-8", "declaration"):
        lw.parse_config(stale)
    wrong = tmp_path / "wrong.xml"  # ASCII bytes declared as UTF-16
    wrong.write_bytes(DECLARED.replace("ISO-8859-1", "UTF-16").replace("é", "e").encode())
    with raises(lw.ConfigError, "UTF-16", "declaration"):
        lw.parse_config(wrong)
    bogus = DECLARED.replace("ISO-8859-1", "klingon").encode("latin-1")
    with raises(lw.ConfigError, 'encoding="klingon"', "not a known encoding"):
        lw.parse_config(bogus)
    assert_safe(ann, store, tmp_path)


def test_a_directory_where_a_config_or_tasks_file_is_expected_is_named(session, tmp_path):
    ann, store = session
    folder = tmp_path / "config.xml"
    folder.mkdir()
    with raises(IsADirectoryError, str(folder), "is a directory"):
        lw.parse_config(str(folder))
    with raises(IsADirectoryError, str(tmp_path), "is a directory"):
        lw.from_label_studio(tmp_path, CONFIG)
    with raises(lw.ConfigError, "nowhere/config", "neither XML"):
        lw.parse_config("nowhere/config")
    assert_safe(ann, store, tmp_path)


TASKS = [{"id": 1, "data": {"text": "Café au lait"}, "annotations": [{"result": [
    {"from_name": "sentiment", "to_name": "text", "type": "choices",
     "value": {"choices": ["Café"]}}]}]}]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32-be"])
def test_a_label_studio_file_in_utf16_or_with_a_bom_reads_as_written(session, tmp_path,
                                                                      encoding):
    ann, store = session
    path = tmp_path / "tasks.json"
    path.write_bytes(json.dumps(TASKS, ensure_ascii=False).encode(encoding))
    df = lw.from_label_studio(path, CONFIG)
    assert df.at[1, "text"] == "Café au lait"
    assert df.at[1, "sentiment"] == "Café"
    assert_safe(ann, store, tmp_path)


def test_a_latin1_label_studio_file_is_refused_naming_the_file(session, tmp_path):
    ann, store = session
    path = tmp_path / "latin.json"
    path.write_bytes(json.dumps(TASKS, ensure_ascii=False).encode("latin-1"))
    with raises(lw.LabelStudioImportError, str(path), "not UTF-8", "line 1", "0xE9"):
        lw.from_label_studio(path, CONFIG)
    with path.open("rb") as handle, raises(lw.LabelStudioImportError, "latin.json", "not UTF-8"):
        lw.from_label_studio(handle, CONFIG)
    assert_safe(ann, store, tmp_path)


def test_json_that_python_cannot_read_is_an_import_error(session, tmp_path):
    ann, store = session
    digits = '[{"id": 1, "data": {"text": "x", "n": ' + "7" * 5000 + "}}]"
    with raises(lw.LabelStudioImportError, "the JSON text", "nothing was imported"):
        lw.from_label_studio(digits, CONFIG)
    assert_safe(ann, store, tmp_path)


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (a crash there cannot take the tests down)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path, env=env)


def test_deeply_nested_json_and_xml_are_clear_errors_in_a_subprocess(session, tmp_path):
    ann, store = session
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    done = run_python(f"""
        import labelwidget as lw
        config = {CONFIG!r}
        for source in ("deep.json", "[" * 100000 + "]" * 100000):
            try:
                lw.from_label_studio(source, config)
            except lw.LabelStudioImportError as exc:
                print("IMPORT:", str(exc).replace(chr(10), " "))
        try:
            lw.parse_config("<View>" * 100000 + "</View>" * 100000)
        except lw.ConfigError as exc:
            print("CONFIG:", str(exc).replace(chr(10), " "))
        deep = "x"
        for _ in range(100000):
            deep = [deep]
        try:
            df = lw.from_label_studio([{{"id": 1, "data": {{"text": "a", "deep": deep}}}}],
                                      config)
            print("NESTED DATA: read")
            ann = lw.Annotator(df, config, store="deep.sqlite")
            ann.set("sentiment", "Bad")
            ann.submit()
            print("SUBMITTED:", lw.load("deep.sqlite").at[1, "sentiment"])
            ann.to_label_studio()
        except (lw.LabelStudioImportError, lw.DataError) as exc:
            print("NESTED DATA:", str(exc).replace(chr(10), " "))
    """, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert sum(line.startswith("IMPORT:") and "too deeply" in line for line in lines) == 2
    assert any(line.startswith("CONFIG:") and "line 1" in line and "deep" in line
               for line in lines)
    assert "SUBMITTED: Bad" in lines, done.stdout
    assert any(line.startswith("NESTED DATA:") and "row 1, column 'deep'" in line
               and "too deeply" in line for line in lines), done.stdout
    assert "Traceback" not in done.stderr
    assert_safe(ann, store, tmp_path)


# -- 1. lone surrogates, at every way in ------------------------------------------------------------

BROKEN = "half an emoji \ud83d here"


def test_a_lone_surrogate_from_set_or_the_browser_is_refused_and_the_draft_kept(session,
                                                                                  tmp_path):
    ann, store = session
    with raises(ValueError, "note", "not valid Unicode", "character 14"):
        ann.set("note", BROKEN)
    # The browser submits what its text field holds: refused by name, the task stays shown
    # with the typed values kept as a draft, nothing written to the DataFrame or the store.
    shown = ann.current
    key = ann.toolbar.nav["center"]
    ann._on_toolbar_msg(ann.toolbar, {"type": "navigate", "action": "submit", "task": key,
                                      "seq": 1, "values": {"note": BROKEN,
                                                           "sentiment": "Bad"}}, [])
    assert "note" in ann.toolbar.status["text"]
    assert "not valid Unicode" in ann.toolbar.status["text"]
    assert ann.current == shown
    assert ann.values["note"] == BROKEN  # the draft is kept, to be fixed
    assert ann.df.at[shown, "note"] is None
    ann.set("note", "half an emoji here")
    ann.submit()
    assert ann.df.at[shown, "note"] == "half an emoji here"
    assert_safe(ann, store, tmp_path)


def test_lone_surrogates_in_a_dataframe_are_a_data_error_naming_row_and_column(session, tmp_path):
    ann_, store_ = session
    df = reviews()
    df.loc[12, "text"] = BROKEN
    with raises(lw.DataError, "row 12", "'text'", "not valid Unicode"):
        lw.Annotator(df, CONFIG)
    df = reviews()
    df["extra"] = [None, {"nested": ["ok", BROKEN]}, None, None]  # a column not shown, exported
    with raises(lw.DataError, "row 11", "'extra'", "nested"):
        lw.Annotator(df, CONFIG)
    df = reviews()
    df["note"] = pd.Series([None, None, BROKEN, None], index=df.index,
                           dtype=object)  # a pre-filled control column
    with raises(lw.DataError, "row 12", "'note'", "not valid Unicode"):
        lw.Annotator(df, CONFIG)
    df = reviews()
    df.index = pd.Index(["a", "b", BROKEN, "d"], dtype=PY_STR)
    with raises(lw.DataError, "task id", "position 2"):
        lw.Annotator(df, CONFIG, store=str(tmp_path / "x.sqlite"))
    assert not (tmp_path / "x.sqlite").exists()
    assert_safe(ann_, store_, tmp_path)


def test_a_lone_surrogate_in_a_config_is_a_config_error_with_its_line(session, tmp_path):
    ann, store = session
    with raises(lw.ConfigError, "line 4", "not valid Unicode"):
        lw.parse_config(CONFIG.replace('value="Bad"', f'value="{BROKEN}"'))
    assert_safe(ann, store, tmp_path)


def test_lone_surrogates_in_label_studio_json_name_the_task(session, tmp_path):
    ann, store = session
    tasks = [{"id": 1, "data": {"text": "fine"}},
             {"id": 2, "data": {"text": BROKEN}},
             {"id": 3, "data": {"text": "ok"}, "annotations": [{"result": [
                 {"from_name": "note", "to_name": "text", "type": "textarea",
                  "value": {"text": [BROKEN]}}]}]}]
    with raises(lw.LabelStudioImportError, "task 2", "text", "task 3", "result 0",
                "not valid Unicode"):
        lw.from_label_studio(tasks, CONFIG)
    path = tmp_path / "escaped.json"  # "\ud83d" as a JSON escape: how it arrives in a file
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.warns(lw.LabelStudioImportWarning, match="2, 3"):
        df = lw.from_label_studio(path, CONFIG, errors="skip")
    assert list(df.index) == [1]
    assert_safe(ann, store, tmp_path)


# -- 1. values and ids of the wrong shape ------------------------------------------------------------


def test_numpy_arrays_and_series_given_to_set_are_values_not_truth_tests(session, tmp_path):
    ann, store = session
    ann.set("sentiment", np.array(["Bad"]))
    assert ann.values["sentiment"] == "Bad"
    with raises(ValueError, "sentiment", "one option"):
        ann.set("sentiment", np.array(["Bad", "Café"]))
    with raises(ValueError, "stars", "whole number"):
        ann.set("stars", np.array([1, 2]))
    ann.set("stars", np.int64(3))
    ann.set("stars", pd.Series([], dtype=object))  # empty: clears, like an empty list
    assert ann.values["stars"] is None
    ann.set("score", np.float32(2.5))
    assert ann.values["score"] == 2.5
    assert_safe(ann, store, tmp_path)


@pytest.mark.parametrize("bad", [[10, 11], {"id": 10}, slice(0, 2), {10}], ids=repr)
def test_go_to_with_something_that_is_not_one_task_id(session, tmp_path, bad):
    ann, store = session
    with raises((TypeError, KeyError), type(bad).__name__):
        ann.go_to(bad)
    with raises(KeyError, "99"):
        ann.go_to(99)
    assert_safe(ann, store, tmp_path)


def test_go_to_a_partial_date_that_matches_several_tasks(session, tmp_path):
    ann_, store_ = session
    df = pd.DataFrame({"text": ["a", "b"]},
                      index=pd.to_datetime(["2024-01-01", "2024-01-02"]))
    ann = lw.Annotator(df, CONFIG)
    with raises(KeyError, "2024-01", "several tasks"):
        ann.go_to("2024-01")
    assert_safe(ann_, store_, tmp_path)


@pytest.mark.parametrize("index", [
    pd.Index([10, None, 12, 13], dtype=object),
    pd.Index([10.0, np.nan, 12.0, 13.0]),
    pd.Index(["a", None, "c", "d"], dtype="string"),
    pd.Index(["a", np.nan, "c", "d"], dtype="str"),
    pd.Index(["a", None, "c", "d"], dtype=object),
    pd.DatetimeIndex(["2024-01-01", None, "2024-01-03", "2024-01-04"]),
    pd.MultiIndex.from_tuples([("a", 1), ("b", None), ("c", 3), ("d", 4)]),
], ids=["object-none", "float-nan", "string-na", "str-nan", "text-none", "datetime-nat",
        "multi"])
def test_a_missing_task_id_is_refused_at_bind_time_for_every_index_dtype(session, index, tmp_path):
    ann_, store_ = session
    df = pd.DataFrame({"text": ["a", "b", "c", "d"]}, index=index)
    with raises(lw.DataError, "task id", "missing", "position(s) 1"):
        lw.Annotator(df, CONFIG, store=str(tmp_path / "bad.sqlite"))
    with raises(lw.DataError, "task id", "missing"):
        lw.Annotator(df, CONFIG)
    assert_safe(ann_, store_, tmp_path)


def test_an_unhashable_index_is_refused_naming_the_position(session, tmp_path):
    ann_, store_ = session
    df = pd.DataFrame({"text": ["a", "b"]})
    df.index = pd.Index([[1], [2]], dtype=object, tupleize_cols=False)
    with raises(lw.DataError, "task id", "position 0", "list"):
        lw.Annotator(df, CONFIG)
    assert_safe(ann_, store_, tmp_path)


# -- 1/3/7. Label Studio import: skip anything malformed, empty input, honest messages -----------

GOOD_TASK = {"id": 5, "data": {"text": "fine"}, "annotations": [{
    "completed_by": {"id": 1, "email": "a@b.c"}, "lead_time": 2.5,
    "created_at": "2024-01-01T00:00:00Z",
    "result": [
        {"id": "r1", "from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["Bad"]}},
        {"id": "r2", "from_name": "stars", "to_name": "text", "type": "rating",
         "value": {"rating": 3}},
        {"id": "r3", "from_name": "score", "to_name": "text", "type": "number",
         "value": {"number": 1.5}},
    ]}], "predictions": [{"model_version": "m", "score": 0.5, "result": [
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["Café"]}}]}]}

HOSTILE = [None, [], {}, "", [1], {"a": [1]}, HUGE, float("nan"), -1, True, BROKEN, [[[]]],
           "x" * 10_000, {"from_name": ["sentiment"]}]


def _paths(value, prefix=()):
    """Every (path) inside a JSON-like value, to replace it with something hostile."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def test_errors_skip_leaves_out_any_malformed_task_and_raise_never_crashes(session, tmp_path):
    ann, store = session
    paths = list(_paths(GOOD_TASK))[1:]
    cases = [_replaced(GOOD_TASK, path, new) for path in paths for new in HOSTILE]
    assert len(cases) > 500
    fine = {"id": 6, "data": {"text": "fine too"}}
    for case in cases:
        tasks = [case, fine] if case.get("id") != 6 else [case]
        result = lw.read_label_studio(tasks, CONFIG, errors="skip")
        assert 6 in result.df.index or case.get("id") == 6
        for issue in result.skipped:
            assert str(issue)  # printable, names a task
        try:
            lw.read_label_studio(tasks, CONFIG)
        except lw.LabelStudioImportError as exc:
            assert "task" in str(exc)
        # annotator= reads completed_by, whatever its shape; "all" keeps every annotation
        lw.read_label_studio(tasks, CONFIG, errors="skip", annotator="a@b.c")
        lw.read_label_studio(tasks, CONFIG, errors="skip", annotations="all")
    assert_safe(ann, store, tmp_path)


def test_a_task_that_breaks_inside_is_skipped_and_reported(session, tmp_path):
    ann, store = session
    odd = {**GOOD_TASK, "annotations": [{**GOOD_TASK["annotations"][0],
                                         "completed_by": {"email": ["a@b.c"]}}]}
    with pytest.warns(lw.LabelStudioImportWarning, match="task 5"):
        df = lw.from_label_studio([odd, {"id": 6, "data": {"text": "x"}}], CONFIG,
                                  errors="skip", annotator="a@b.c")
    assert list(df.index) == [6]
    with raises(lw.LabelStudioImportError, "task 5", "malformed"):
        lw.from_label_studio([odd], CONFIG, annotator="a@b.c")
    assert_safe(ann, store, tmp_path)


@pytest.mark.parametrize("bad_id, shown", [([1], "[1]"), ({"a": 1}, "{'a': 1}"), (1.5, "1.5"),
                                           (True, "True")])
def test_a_bad_task_id_is_named_without_contradiction(session, tmp_path, bad_id, shown):
    ann, store = session
    with raises(lw.LabelStudioImportError, "task #0", f"id {shown} must be a whole number or "
                                                      "text"):
        lw.from_label_studio([{"id": bad_id, "data": {"text": "a"}}], CONFIG)
    result = lw.read_label_studio([{"id": bad_id, "data": {"text": "a"}},
                                   {"id": 2, "data": {"text": "b"}}], CONFIG, errors="skip")
    assert result.skipped_tasks == ["#0"]
    assert list(result.df.index) == [2]
    assert_safe(ann, store, tmp_path)


def test_a_list_from_name_is_named(session, tmp_path):
    ann, store = session
    task = {"id": 1, "data": {"text": "a"}, "annotations": [{"result": [
        {"from_name": ["sentiment"], "to_name": "text", "type": "choices",
         "value": {"choices": ["Bad"]}}]}]}
    with raises(lw.LabelStudioImportError, "task 1", "result 0", "from_name ['sentiment']"):
        lw.from_label_studio([task], CONFIG)
    assert_safe(ann, store, tmp_path)


@pytest.mark.parametrize("tasks", [[], [{"id": 1, "data": {"nope": 1}}]], ids=["empty",
                                                                            "all-skipped"])
def test_no_tasks_give_a_frame_an_annotator_takes(session, tasks, tmp_path):
    ann_, store_ = session
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = lw.from_label_studio(tasks, CONFIG, errors="skip")
    assert len(caught) == len(tasks)  # the skipped task is reported
    assert len(df) == 0
    assert "text" in df.columns
    ann = lw.Annotator(df, CONFIG, store=str(tmp_path / "empty.sqlite"))
    assert ann.current is None
    assert ann.to_label_studio() == []
    assert_safe(ann_, store_, tmp_path)


# -- 3. hotkeys: real keys, not the widget's own ---------------------------------------------------


def with_hotkey(key: str, config: str = CONFIG) -> str:
    return config.replace('hotkey="1"', f'hotkey="{key}"')


@pytest.mark.parametrize("key, action", [("enter", "submit"), ("Enter", "submit"),
                                         ("ArrowLeft", "previous"), ("left", "previous"),
                                         ("arrowright", "next"), ("ctrl+z", "undo"),
                                         ("Ctrl+Z", "undo"), ("cmd+z", "undo"),
                                         ("ctrl+space", "skip"), ("ctrl+enter", "submit"),
                                         ("[", "previous suggestion")])
def test_a_hotkey_of_the_widget_itself_is_refused_with_line_tag_and_attribute(session, tmp_path,
                                                                             key, action):
    ann, store = session
    with raises(lw.ConfigError, "line 4", "<Choice>", 'value="Café"', f'hotkey="{key}"',
                "the widget's own key", action):
        lw.parse_config(with_hotkey(key))
    assert_safe(ann, store, tmp_path)


def test_region_keys_are_reserved_only_where_regions_are_edited(session, tmp_path):
    ann_, store_ = session
    regions = BOXES.replace('<Label value="Car"/>', '<Label value="Car" hotkey="delete"/>')
    with raises(lw.ConfigError, 'hotkey="delete"', "remove the selected region"):
        lw.parse_config(regions)
    assert lw.parse_config(with_hotkey("delete")).controls["sentiment"].hotkeys() == {
        "delete": "Café", "2": "Bad"}
    assert_safe(ann_, store_, tmp_path)


@pytest.mark.parametrize("key, reason", [("abc", "one character"), ("ctrl+", "nothing follows"),
                                         ("ctrl", "only a modifier"), ("", "empty"),
                                         ("a+b", "not a modifier"), ("shift+a", "told apart"),
                                         ("ctrl+ctrl+x", "twice"), ("enterr", "key name")])
def test_a_hotkey_that_is_not_a_key_is_refused(session, tmp_path, key, reason):
    ann, store = session
    config = with_hotkey(key)
    if key == "":  # an empty hotkey means none, as in Label Studio
        assert lw.parse_config(config).controls["sentiment"].hotkeys() == {"2": "Bad"}
        return
    with raises(lw.ConfigError, "line 4", f'hotkey="{key}"', "is not a key", reason):
        lw.parse_config(config)
    rating = CONFIG.replace('<Rating name="stars" toName="text"/>',
                            f'<Rating name="stars" toName="text" hotkey="{key}"/>')
    with raises(lw.ConfigError, "line 6", '<Rating name="stars">', f'hotkey="{key}"'):
        lw.parse_config(rating)
    assert_safe(ann, store, tmp_path)


def test_hotkeys_are_kept_as_the_browser_names_the_key_press(session, tmp_path):
    ann_, store_ = session
    config = lw.parse_config(with_hotkey("Ctrl+Shift+F2").replace('hotkey="2"',
                                                                  'hotkey="Alt+Cmd+K"'))
    assert config.controls["sentiment"].hotkeys() == {"ctrl+shift+f2": "Café",
                                                       "ctrl+alt+k": "Bad"}
    with raises(lw.ConfigError, 'value="Bad" hotkey="Alt+Cmd+K" is already used by <Choice '
                                'value="Café">'):
        lw.parse_config(with_hotkey("ctrl+alt+k").replace('hotkey="2"', 'hotkey="Alt+Cmd+K"'))
    assert_safe(ann_, store_, tmp_path)


def test_keys_argument_is_checked_before_the_store_opens(session, tmp_path):
    ann_, store_ = session
    store = tmp_path / "keys.sqlite"
    with raises(ValueError, "keys['submit']", "'1'", "Choice", "line 4"):
        lw.Annotator(reviews(), CONFIG, store=str(store), keys={"submit": ["1"]})
    with raises(ValueError, "'ctrl+'", "is not a key"):
        lw.Annotator(reviews(), CONFIG, store=str(store), keys={"skip": ["ctrl+"]})
    with raises(ValueError, "'send'", "no such action"):
        lw.Annotator(reviews(), CONFIG, store=str(store), keys={"send": ["ctrl+s"]})
    ann = lw.Annotator(reviews(), CONFIG, store=str(store), keys={"submit": "Ctrl+S"})
    assert ann.toolbar.shortcuts["submit"] == ["ctrl+s"]  # a str is one key, not letters
    ann.close()
    assert_safe(ann_, store_, tmp_path)


# -- 1. export targets of the wrong kind, data changed after binding ---------------------------


def test_an_export_path_that_is_a_directory_or_a_file_is_named(session, tmp_path):
    ann, store = session
    with raises(IsADirectoryError, str(tmp_path), "is a directory"):
        ann.export("label_studio", tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    with raises(NotADirectoryError, str(blocker), "is a file"):
        ann.export("csv", blocker / "out.csv")
    boxes = pd.DataFrame({"image": ["a.png"]}, index=[1])
    boxes["box"] = pd.Series([[{"x": 1, "y": 1, "width": 5, "height": 5,
                                "rectanglelabels": ["Car"], "original_width": 10,
                                "original_height": 10}]], index=boxes.index, dtype=object)
    with raises(NotADirectoryError, str(blocker), "is a file", "folder"):
        lw.export(boxes, BOXES, "yolo", blocker)
    clash = tmp_path / "yolo"
    (clash / "labels").mkdir(parents=True)
    (clash / "classes.txt").mkdir()  # a folder where the export writes a file
    with raises(IsADirectoryError, "classes.txt", "nothing was written"):
        lw.export(boxes, BOXES, "yolo", clash)
    assert list((clash / "labels").iterdir()) == []  # all or nothing
    assert_safe(ann, store, tmp_path)


def test_invalid_text_put_into_the_frame_after_binding_fails_the_export_by_row(session,
                                                                               tmp_path):
    ann, store = session
    ann.df.loc[13, "text"] = BROKEN
    with raises(lw.DataError, "row 13", "'text'", "not valid Unicode"):
        ann.export("label_studio", tmp_path / "broken.json")
    assert not (tmp_path / "broken.json").exists()
    with raises(lw.DataError, "row 13", "'text'"):
        ann.to_label_studio()
    ann.df.loc[13, "text"] = "repaired"
    assert_safe(ann, store, tmp_path)


# -- 1. one broken image does not take the gallery down ----------------------------------------------


def test_a_truncated_or_corrupt_image_is_one_error_tile_in_the_gallery(tmp_path):
    from PIL import Image

    good, truncated, corrupt = (tmp_path / n for n in ("good.png", "truncated.jpg", "bad.png"))
    picture = Image.effect_noise((64, 48), 40).convert("RGB")
    picture.save(good)
    picture.save(truncated, format="JPEG", quality=95)
    data = truncated.read_bytes()
    truncated.write_bytes(data[:len(data) // 2])  # header intact, pixels cut off
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    box = {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": ["Car"]}
    df = pd.DataFrame({"image": [str(good), str(truncated), str(corrupt)]}, index=[1, 2, 3])
    df["box"] = pd.Series([None, [dict(box)], [dict(box)]], index=df.index, dtype=object)
    store = tmp_path / "boxes.sqlite"
    ann = lw.Annotator(df, BOXES, store=str(store))  # the broken ones came pre-labeled
    ann.go_to(1)
    ann.set("box", [box])
    ann.submit()
    view = ann.gallery()
    assert [t.task for t in view.tiles] == [1, 2, 3]
    assert view.tile(1).error is None and view.tile(1).regions == 1
    assert "truncated.jpg" in view.tile(2).error
    assert "bad.png" in view.tile(3).error
    # The boxes are still in the DataFrame, the store and the export.
    assert [len(cell) for cell in ann.df["box"]] == [1, 1, 1]
    assert list(lw.load(store).index) == [1]
    assert all(t["annotations"][0]["result"] for t in ann.to_label_studio())
    ann.close()


# -- 7. messages that do not contradict themselves -------------------------------------------------


def test_a_whole_number_attribute_is_never_told_it_is_not_one(session, tmp_path):
    ann, store = session
    def rating(value):
        return CONFIG.replace('<Rating name="stars" toName="text"/>',
                              f'<Rating name="stars" toName="text" maxRating="{value}"/>')
    assert lw.parse_config(rating("5.0")).controls["stars"].attrs["maxRating"] == 5
    with raises(lw.ConfigError, "line 6", '<Rating name="stars">', "maxRating=", "too large"
                ) as info:
        lw.parse_config(rating("9" * 5000))
    assert "whole number" not in str(info.value)
    assert len(str(info.value)) < 300  # the 5,000 digits are not repeated back
    with raises(lw.ConfigError, 'maxRating="2.5" must be a whole number'):
        lw.parse_config(rating("2.5"))
    for bound in ("nan", "NaN", "inf", "-inf", "1e400"):
        with raises(lw.ConfigError, "line 7", '<Number name="score">', f'min="{bound}"',
                    "finite number"):
            lw.parse_config(CONFIG.replace('min="0"', f'min="{bound}"'))
    assert_safe(ann, store, tmp_path)


def test_a_region_id_of_the_wrong_type_says_what_is_accepted(session, tmp_path):
    ann, store = session
    task = {"id": 1, "data": {"image": "a.png"}, "annotations": [{"result": [
        {"id": "r", "from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "value": {"id": True, "x": 1, "y": 1, "width": 5, "height": 5,
                   "rectanglelabels": ["Car"]}}]}]}
    with raises(lw.LabelStudioImportError, "task 1", "result 0", "id=True",
                "text or a whole number"):
        lw.from_label_studio([task], BOXES)
    assert_safe(ann, store, tmp_path)


def test_a_huge_value_is_quoted_short_in_messages(session, tmp_path):
    ann, store = session
    with raises(ValueError, "sentiment", "...") as info:
        ann.set("sentiment", {"x": "y" * 100_000})
    assert len(str(info.value)) < 300
    assert_safe(ann, store, tmp_path)


def test_css_with_a_number_python_cannot_read_is_left_out_with_a_warning(session, tmp_path):
    ann, store = session
    config = CONFIG.replace("<View>", f'<View style="width: {"9" * 5000}px">', 1)
    styled = config.replace("</View>", f"<Style>.x {{ width: {'9' * 5000}px }}</Style></View>")
    with pytest.warns(UserWarning, match="cannot be read") as caught:
        other = lw.Annotator(reviews(), styled)
    assert len(str(caught[0].message)) < 2000
    other.set("sentiment", "Bad")
    assert_safe(ann, store, tmp_path)


@pytest.mark.parametrize("source, error, needle", [
    ("x" * 5000, lw.LabelStudioImportError, "the JSON text is not valid JSON"),
    ("not json\nat all", lw.LabelStudioImportError, "the JSON text is not valid JSON"),
    ("a\0b.json", FileNotFoundError, "not found"),
    ("missing.json", FileNotFoundError, "missing.json"),
], ids=["long-text", "two-lines", "nul", "missing"])
def test_a_source_that_is_neither_json_nor_a_file_is_named(session, tmp_path, source, error,
                                                           needle):
    ann, store = session
    with raises(error, needle):
        lw.from_label_studio(source, CONFIG)
    assert_safe(ann, store, tmp_path)


def test_json_text_with_a_bom_reads(session, tmp_path):
    ann, store = session
    df = lw.from_label_studio("\ufeff" + json.dumps(TASKS), CONFIG)
    assert df.at[1, "sentiment"] == "Café"
    assert_safe(ann, store, tmp_path)


# -- 1. what the browser sends, however malformed ----------------------------------------------------


@pytest.mark.parametrize("message", [
    {"action": "submit", "task": [1]},
    {"action": "submit", "values": [1]},
    {"action": "next", "to": [1]},
    {"action": "next", "to": {"a": 1}},
    {"action": ["x"]},
    {"action": "submit", "values": {"stars": HUGE}},
    {"action": "submit", "values": {"note": BROKEN}},
], ids=["list-task", "list-values", "list-target", "dict-target", "list-action", "huge",
        "surrogate"])
def test_a_malformed_browser_message_is_answered_with_an_error_not_a_traceback(session,
                                                                               tmp_path,
                                                                               message):
    ann, store = session
    sent = []
    ann.toolbar.send = lambda content, buffers=None: sent.append(content)
    key = ann.toolbar.nav["center"]
    ann._on_toolbar_msg(ann.toolbar, {"type": "navigate", "task": key, "seq": 7, **message}, [])
    assert sent and sent[-1]["seq"] == 7 and sent[-1]["error"]
    assert ann.toolbar.status["kind"] == "error"
    assert_safe(ann, store, tmp_path)


@pytest.mark.parametrize("lead_time", ["abc", HUGE, float("nan"), -5, [1], True])
def test_a_malformed_lead_time_from_the_browser_is_recorded_as_unknown(session, tmp_path,
                                                                       lead_time):
    ann, store = session
    key = ann.toolbar.nav["center"]
    shown = ann.current
    ann._on_toolbar_msg(ann.toolbar, {"type": "navigate", "action": "submit", "task": key,
                                      "seq": 1, "lead_time": lead_time,
                                      "values": {"sentiment": "Bad"}}, [])
    assert ann.df.at[shown, "sentiment"] == "Bad"
    history = lw.load_history(store)
    assert history.iloc[-1]["task"] == shown
    assert pd.isna(history.iloc[-1]["lead_time"])
    assert_safe(ann, store, tmp_path)
