"""The playground (issue 16 item 1), driven headless through its public methods: edits, a
broken config, annotations carried across edits, templates, files, the editor's messages."""

from __future__ import annotations

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.prototyping.templates import TEMPLATES
from labelwidget.widgets.choices import ChoicesWidget

CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
  </Choices>
</View>
"""


def shown_options(pg, name="sentiment"):
    widgets = [p.widget for p in pg.annotator._parts if isinstance(p.widget, ChoicesWidget)
               and p.widget.name == name]
    assert len(widgets) == 1
    return [o["value"] for o in widgets[0].options]


def test_an_edit_that_adds_a_choice_adds_its_option():
    pg = lw.playground(CONFIG)
    assert shown_options(pg) == ["Positive", "Negative"]
    pg.edit(CONFIG.replace('<Choice value="Negative"/>',
                           '<Choice value="Negative"/>\n    <Choice value="Maybe"/>'))
    assert pg.problems == []
    assert shown_options(pg) == ["Positive", "Negative", "Maybe"]
    assert pg.config.count("<Choice ") == 3
    assert pg.widget.children[1].children == (pg.annotator.widget,)


def test_a_broken_config_keeps_the_last_widget_and_reports_line_and_message():
    pg = lw.playground(CONFIG)
    good = pg.annotator
    pg.edit(CONFIG.replace('toName="text"', 'toName="txt"'))
    assert pg.annotator is good
    assert pg.widget.children[1].children == (good.widget,)
    assert [p["line"] for p in pg.problems] == [3]
    assert 'toName="txt" matches no object tag' in pg.problems[0]["message"]
    assert pg.editor.problems == pg.problems
    assert pg.editor.status["kind"] == "error"
    # malformed XML: the parser's line
    pg.edit(CONFIG.replace("</Choices>", "</Choice>"))
    assert pg.annotator is good
    assert pg.problems[0]["line"] == 6
    assert "mismatch" in pg.problems[0]["message"]
    # fixed again: a new widget, no problems
    pg.edit(CONFIG)
    assert pg.annotator is not good and pg.problems == [] and pg.editor.problems == []
    assert pg.editor.status["kind"] == "ok"


def test_annotations_survive_an_edit_that_keeps_their_control():
    pg = lw.playground(CONFIG)
    ann = pg.annotator
    first = ann.current
    ann.set("sentiment", "Positive")
    ann.submit()
    second = ann.current
    ann.set("sentiment", "Negative")  # an edit, not submitted
    pg.edit(CONFIG.replace('<Choice value="Negative"/>',
                           '<Choice value="Negative"/><Choice value="Maybe"/>'))
    new = pg.annotator
    assert new is not ann
    assert new.df.loc[first, "sentiment"] == "Positive"
    assert new.current == second
    assert new.values == {"sentiment": "Negative"}
    assert pd.isna(new.df.loc[second, "sentiment"])  # still an edit, not submitted
    new.submit()
    assert new.df.loc[second, "sentiment"] == "Negative"


def test_annotations_are_dropped_when_their_control_changes_type_or_loses_the_option():
    pg = lw.playground(CONFIG)
    ann = pg.annotator
    first = ann.current
    ann.set("sentiment", "Negative")
    ann.submit()
    # the option "Negative" is gone: its value no longer fits
    pg.edit(CONFIG.replace('<Choice value="Negative"/>', '<Choice value="Bad"/>'))
    assert pd.isna(pg.annotator.df.loc[first, "sentiment"])
    pg.edit(CONFIG)
    pg.annotator.go_to(first)
    pg.annotator.set("sentiment", "Positive")
    pg.annotator.submit()
    # same name, another control type: dropped
    pg.edit("""<View>
  <Text name="text" value="$text"/>
  <TextArea name="sentiment" toName="text"/>
</View>""")
    assert pg.problems == []
    assert pg.annotator.df["sentiment"].isna().all()


def test_spans_and_their_relations_survive_a_compatible_edit():
    pg = lw.playground(TEMPLATES["relations"])
    ann = pg.annotator
    text = ann.df["text"].iloc[0]
    spans = [{"id": "s1", "start": 0, "end": 3, "text": text[0:3], "labels": ["Product"]},
             {"id": "s2", "start": 4, "end": 9, "text": text[4:9], "labels": ["Feature"]}]
    ann.set("entities", spans)
    ann.set("relations", [{"from_id": "s1", "to_id": "s2", "direction": "right",
                           "labels": ["has"]}])
    ann.submit()
    pg.edit(pg.config.replace('<Relation value="lacks"/>', '<Relation value="lacks"/>'
                                                           '<Relation value="needs"/>'))
    row = pg.annotator.df.iloc[0]
    assert [s["id"] for s in row["entities"]] == ["s1", "s2"]
    assert row["relations"][0]["from_id"] == "s1"
    # the spans' control is renamed: its spans go, and the relations between them with them
    pg.edit(pg.config.replace('name="entities"', 'name="ents"'))
    assert pg.problems == []
    row = pg.annotator.df.iloc[0]
    assert pd.isna(row["ents"]) and pd.isna(row["relations"])


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_opens_on_sample_rows(name):
    pg = lw.playground()
    pg.use_template(name)
    assert pg.problems == [], pg.problems
    assert pg.config == TEMPLATES[name]
    assert len(pg.annotator.df) == 4
    for column in lw.parse_config(TEMPLATES[name]).columns:
        assert pg.annotator.df[column].notna().all()


def test_sample_rows_follow_new_columns_and_a_given_df_is_used_as_is():
    pg = lw.playground(CONFIG)
    pg.edit(CONFIG.replace('<Text name="text" value="$text"/>',
                           '<Text name="text" value="$text"/><Text name="title" value="$title"/>'))
    assert pg.problems == []
    assert pg.annotator.df["title"].notna().all()
    df = pd.DataFrame({"text": ["a", "b", "c", "d", "e", "f"]}, index=list("uvwxyz"))
    pg = lw.playground(CONFIG, df=df, rows=3)
    assert pg.annotator.df["text"].tolist() == ["a", "b", "c"]
    pg.annotator.set("sentiment", "Positive")
    assert "sentiment" not in df.columns  # the caller's DataFrame is not written to
    pg.edit(CONFIG.replace("$text", "$body"))
    assert pg.problems[0]["line"] == 2  # the <Text> that reads $body
    assert "body" in pg.problems[0]["message"] and "missing" in pg.problems[0]["message"]


def test_open_a_file_and_report_one_that_cannot_be_read(tmp_path):
    path = tmp_path / "mine.xml"
    path.write_text(CONFIG, encoding="utf-8")
    pg = lw.playground(path)
    assert pg.config == CONFIG and pg.problems == []
    pg.use_template("ner")
    pg.open(str(tmp_path / "missing.xml"))
    assert pg.config == TEMPLATES["ner"]
    assert "cannot open" in pg.problems[0]["message"]
    assert "missing.xml" in pg.problems[0]["message"]
    with pytest.raises(KeyError, match="no template 'nope'"):
        pg.use_template("nope")


def test_the_editor_messages_are_the_public_actions(tmp_path):
    """What js/playground.js sends: the text after typing, a template, a path."""
    pg = lw.playground(CONFIG)
    pg.editor.set_state({"source": CONFIG.replace("Negative", "Bad")})
    assert shown_options(pg) == ["Positive", "Bad"]
    pg.editor._handle_custom_msg({"type": "template", "name": "boxes"}, [])
    assert pg.config == TEMPLATES["boxes"] and pg.editor.source == TEMPLATES["boxes"]
    path = tmp_path / "c.xml"
    path.write_text(CONFIG, encoding="utf-8")
    pg.editor._handle_custom_msg({"type": "open", "path": str(path)}, [])
    assert pg.config == CONFIG
    pg.editor._handle_custom_msg({"type": "template", "name": "nope"}, [])
    assert "no template" in pg.problems[0]["message"]
    pg.editor._handle_custom_msg({"type": "open"}, [])  # no path: named, nothing raised
    assert "path" in pg.problems[0]["message"]
    assert pg.config == CONFIG


def test_a_label_studio_template_file_opens_on_sample_rows():
    from tests.corpus import templates_dir

    path = templates_dir() / "natural-language-processing" / "named-entity-recognition.xml"
    pg = lw.playground(path)
    assert pg.problems == []
    assert pg.config == path.read_text(encoding="utf-8-sig")
    object_columns = lw.parse_config(path).columns
    assert object_columns and pg.annotator.df[object_columns].notna().all().all()


def test_ignored_attributes_are_warnings_at_their_line_and_the_widget_builds():
    pg = lw.playground(CONFIG.replace('<Text name="text" value="$text"/>',
                                      '<Text name="text" value="$text" colour="red"/>'))
    assert pg.problems == []
    assert pg.annotator is not None
    warnings = pg.editor.problems
    assert [w["line"] for w in warnings] == [2]
    assert warnings[0]["severity"] == "warning" and "colour" in warnings[0]["message"]


def test_an_unexpected_failure_while_building_is_reported_not_raised(monkeypatch):
    import labelwidget.annotator as annotator_module

    pg = lw.playground(CONFIG)
    good = pg.annotator

    def broken(*args, **kwargs):
        raise RuntimeError("the widget could not be built")

    monkeypatch.setattr(annotator_module, "Annotator", broken)
    pg.edit(CONFIG.replace("Negative", "Bad"))
    assert pg.annotator is good
    assert pg.problems == [{"line": None, "severity": "error",
                            "message": "RuntimeError: the widget could not be built"}]
