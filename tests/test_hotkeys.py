"""Options without ``hotkey`` get Label Studio's automatic keys; the widget's own keys are never
handed out; a Pairwise takes the arrows and task navigation moves to Ctrl+arrows."""

from __future__ import annotations

import pandas as pd

import labelwidget as lw
from labelwidget.config import parse_config
from labelwidget.config.hotkeys import SEQUENCE, assign_hotkeys


def frame(**columns):
    columns = columns or {"text": ["a", "b"]}
    return pd.DataFrame(columns)


def keys_of(config, name):
    return {o.value: o.hotkey for o in config.controls[name].options()}


MIXED = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG" hotkey="1"/></Labels>
  <Choices name="sentiment" toName="text">
    <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral" hotkey="q"/>
  </Choices>
  <Taxonomy name="topic" toName="text"><Choice value="Sports"/></Taxonomy>
  <Rating name="stars" toName="text"/>
</View>
"""


def test_keys_follow_config_order_and_skip_keys_the_config_names():
    config = parse_config(MIXED)
    given = assign_hotkeys(config)
    # Label Studio's order: digits then letters; "1" and "q" belong to ORG and Neutral.
    assert keys_of(config, "ner") == {"PER": "2", "ORG": "1"}
    assert keys_of(config, "sentiment") == {"Positive": "3", "Negative": "4", "Neutral": "q"}
    assert config.controls["stars"].hotkey == "5"
    # A Taxonomy's choices take no key in Label Studio.
    assert keys_of(config, "topic") == {"Sports": None}
    assert given == {"2": "PER", "3": "Positive", "4": "Negative", "5": "stars"}


def test_sequence_is_label_studios_and_runs_out():
    assert SEQUENCE == "1234567890qwetasdfgzxcvbyiopjklnm"
    options = "".join(f'<Choice value="c{i}"/>' for i in range(40))
    config = parse_config(f'<View><Text name="t" value="$t"/><Choices name="c" toName="t">'
                          f"{options}</Choices></View>")
    assign_hotkeys(config)
    keys = [o.hotkey for o in config.controls["c"].options()]
    assert keys[:33] == list(SEQUENCE)
    assert keys[33:] == [None] * 7


def test_reserved_keys_are_never_given_and_a_second_run_starts_over():
    config = parse_config(MIXED)
    assign_hotkeys(config, reserved={"2", "3"})
    assert keys_of(config, "ner")["PER"] == "4"
    assign_hotkeys(config)
    assert keys_of(config, "ner")["PER"] == "2"


def test_annotator_shows_automatic_keys_on_options_and_in_the_cheat_sheet():
    ann = lw.Annotator(frame(), MIXED)
    specs = {o["value"]: o["hotkey"] for o in ann._compiled.part_of("sentiment").widget.options}
    assert specs == {"Positive": "3", "Negative": "4", "Neutral": "q"}
    assert ann._compiled.part_of("stars").widget.hotkey == "5"
    rows = {tuple(r) for r in ann.toolbar.help}
    assert ("3", "sentiment: Positive") in rows
    assert ("2", "ner: PER") in rows
    assert ("5", "stars: one star more") in rows


def test_annotator_keys_are_not_given_to_options():
    config = """<View><Text name="t" value="$text"/><Choices name="c" toName="t">
      <Choice value="A"/><Choice value="B"/></Choices></View>"""
    ann = lw.Annotator(frame(), config, keys={"skip": ["1"], "undo": ["2", "ctrl+z"]})
    specs = {o["value"]: o["hotkey"] for o in ann._compiled.part_of("c").widget.options}
    assert specs == {"A": "3", "B": "4"}


PAIRWISE = """<View>
  <Pairwise name="pw" toName="a,b"/>
  <Text name="a" value="$a"/><Text name="b" value="$b"/>
</View>"""


def test_pairwise_takes_the_arrows_and_navigation_moves_to_ctrl_arrows():
    ann = lw.Annotator(frame(a=["x"], b=["y"]), PAIRWISE)
    assert ann.toolbar.shortcuts["previous"] == ["ctrl+arrowleft"]
    assert ann.toolbar.shortcuts["next"] == ["ctrl+arrowright"]
    widget = ann._compiled.part_of("pw").widget
    assert (widget.left_key, widget.right_key) == ("arrowleft", "arrowright")
    rows = {tuple(r) for r in ann.toolbar.help}
    assert ("arrowleft", "pw: left (a)") in rows
    assert ("arrowright", "pw: right (b)") in rows
    assert ("ctrl+arrowleft", "previous") in rows


def test_arrows_the_caller_keeps_for_navigation_are_not_the_pairwise_keys():
    ann = lw.Annotator(frame(a=["x"], b=["y"]), PAIRWISE, keys={"previous": ["arrowleft"]})
    widget = ann._compiled.part_of("pw").widget
    assert (widget.left_key, widget.right_key) == ("", "arrowright")
    assert ann.toolbar.shortcuts["next"] == ["ctrl+arrowright"]


def test_without_pairwise_arrows_still_move_between_tasks():
    ann = lw.Annotator(frame(), MIXED)
    assert ann.toolbar.shortcuts["previous"] == ["arrowleft"]
    assert ann.toolbar.shortcuts["next"] == ["arrowright"]
