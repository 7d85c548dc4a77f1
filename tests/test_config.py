"""The config layer, headless: parsing, one test per validation rule (exact messages), the
tolerance real templates need, and the value model of every control tag (with round trips)."""

from __future__ import annotations

import json
import math
import socket
import textwrap
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import labelwidget as lw
from labelwidget.config import (
    ConfigError,
    ConfigIssue,
    ConfigWarning,
    LabelConfig,
    parse_config,
    registry,
)
from labelwidget.config.choices import Choices
from labelwidget.config.objects import Header, Style, View


def xml(text: str) -> str:
    """A config written in the test, dedented so that its first line is line 1."""
    return textwrap.dedent(text).strip()


def problems(config: str) -> tuple[list[ConfigIssue], str]:
    with pytest.raises(ConfigError) as info:
        parse_config(config)
    error = info.value
    assert isinstance(error, ValueError)  # ConfigError is a ValueError
    return error.issues, str(error)


def one_problem(config: str) -> tuple[ConfigIssue, str]:
    issues, text = problems(config)
    assert len(issues) == 1, issues
    assert text == f"the labeling config has 1 problem:\n  {issues[0]}"
    return issues[0], text


def assert_issue(issue: ConfigIssue, line, tag, name, message) -> None:
    assert (issue.line, issue.tag, issue.name, issue.message) == (line, tag, name, message)


TEXT_AND_IMAGE = """
<View>
  <Text name="text" value="$text"/>
  <Image name="image" value="$image"/>
  {}
</View>
"""


def with_objects(control: str) -> str:
    """``control`` (one line) after a Text and an Image object: the control is on line 4."""
    return xml(TEXT_AND_IMAGE.format(control))


# -- malformed XML --------------------------------------------------------------------------------
def test_malformed_xml_names_line_and_column():
    issue, text = one_problem(xml("""
        <View>
          <Text name="text" value="$text">
        </View>
    """))
    message = "malformed XML at column 8: Opening and ending tag mismatch: Text line 2 and View"
    assert_issue(issue, 3, None, None, message)
    assert f"line 3: {message}" in text


def test_unquoted_attribute_is_malformed_xml_with_its_position():
    issue, _ = one_problem('<View>\n  <Text name=text value="$text"/>\n</View>')
    assert issue.line == 2
    assert issue.message.startswith("malformed XML at column 14: ")
    assert "AttValue" in issue.message


def test_text_that_is_not_xml_is_malformed_xml():
    issue, _ = one_problem("a few words <View/>")
    assert_issue(issue, 1, None, None,
                 "malformed XML at column 1: Start tag expected, '<' not found")


@pytest.mark.parametrize("config", ["", "   \n  "])
def test_an_empty_config_says_so(config):
    issue, text = one_problem(config)
    assert_issue(issue, None, None, None,
                 "is empty: a labeling config is XML that starts with <View>")
    assert text == "the labeling config has 1 problem:\n  " + issue.message


# -- tags and names -------------------------------------------------------------------------------
def test_unknown_tag_lists_the_known_ones():
    issue, text = one_problem(with_objects('<Chioces name="mood" toName="text"/>'))
    known = registry.known()
    for expected in ("Choices", "Choice", "Text", "Image", "View", "Header", "TextArea", "Rating",
                     "Number", "DateTime", "Taxonomy", "Pairwise", "HyperText", "Style"):
        assert expected in known
    assert_issue(issue, 4, "Chioces", "mood",
                 f"unknown tag <Chioces> (known: {', '.join(known)})")
    assert text.endswith(f'line 4: <Chioces name="mood"> unknown tag <Chioces> (known: '
                         f"{', '.join(known)})")


def test_tag_names_match_whatever_their_case():
    config = parse_config(xml("""
        <view>
          <TEXT name="text" value="$text"/>
          <choices name="mood" toName="text"><choice value="Up"/></choices>
        </view>
    """))
    assert type(config["mood"]) is Choices
    assert config["mood"].allowed() == ["Up"]


def test_duplicate_name_names_the_first_line():
    issue, text = one_problem(xml("""
        <View>
          <Text name="text" value="$text"/>
          <Choices name="mood" toName="text"><Choice value="Up"/></Choices>
          <TextArea name="mood" toName="text"/>
        </View>
    """))
    assert_issue(issue, 4, "TextArea", "mood", 'duplicate name="mood" (also used on line 3)')
    assert 'line 4: <TextArea name="mood"> duplicate name="mood" (also used on line 3)' in text


def test_object_and_control_may_not_share_a_name():
    issue, _ = one_problem(xml("""
        <View>
          <Text name="text" value="$text"/>
          <TextArea name="text" toName="text"/>
        </View>
    """))
    assert_issue(issue, 3, "TextArea", "text", 'duplicate name="text" (also used on line 2)')


def test_to_name_matching_no_object_lists_the_objects():
    issue, text = one_problem(with_objects(
        '<Choices name="ner" toName="txt"><Choice value="A"/></Choices>'))
    assert_issue(issue, 4, "Choices", "ner", 'toName="txt" matches no object tag '
                                             "(objects: text, image)")
    # The example of DESIGN.md section 5, word for word.
    assert 'line 4: <Choices name="ner"> toName="txt" matches no object tag (objects: text, image)' \
        in text


def test_to_name_naming_a_control_says_so():
    issue, _ = one_problem(xml("""
        <View>
          <Text name="text" value="$text"/>
          <TextArea name="notes" toName="text"/>
          <Rating name="stars" toName="notes"/>
        </View>
    """))
    assert_issue(issue, 4, "Rating", "stars",
                 'toName="notes" names a control tag (<TextArea name="notes"> on line 3); '
                 "toName must name an object tag (objects: text)")


class PickImage(Choices):
    """A test-only control that labels images only (the region controls work this way)."""

    tag_name = "PickImage"
    labels_objects = ("Image",)
    planned_objects = ("Audio",)


@pytest.fixture
def pick_image(monkeypatch):
    monkeypatch.setitem(registry._classes, "pickimage", PickImage)


def test_control_on_an_object_it_cannot_label(pick_image):
    issue, text = one_problem(with_objects(
        '<PickImage name="kind" toName="text"><Choice value="Cat"/></PickImage>'))
    assert_issue(issue, 4, "PickImage", "kind",
                 'cannot label <Text name="text">: <PickImage> labels <Image>')
    assert 'line 4: <PickImage name="kind"> cannot label <Text name="text">' in text
    parse_config(with_objects(
        '<PickImage name="kind" toName="image"><Choice value="Cat"/></PickImage>'))


def test_control_on_an_object_label_studio_allows_but_we_do_not_build_yet(pick_image, monkeypatch):
    from labelwidget.config.objects import Image

    class Audio(Image):
        tag_name = "Audio"

    monkeypatch.setitem(registry._classes, "audio", Audio)
    issue, _ = one_problem(xml("""
        <View>
          <Audio name="audio" value="$audio"/>
          <PickImage name="kind" toName="audio"><Choice value="Cat"/></PickImage>
        </View>
    """))
    assert_issue(issue, 3, "PickImage", "kind", "not supported yet: <PickImage> on <Audio>")


def test_pairwise_needs_two_objects():
    issue, _ = one_problem(with_objects('<Pairwise name="better" toName="text"/>'))
    assert_issue(issue, 4, "Pairwise", "better", 'toName="text" must name 2 object tag(s)')
    parse_config(with_objects('<Pairwise name="better" toName="text,image"/>'))


@pytest.mark.parametrize("control", ["Choices", "Pairwise"])
def test_controls_that_need_to_name_say_so(control):
    issue, _ = one_problem(with_objects(f'<{control} name="c"><Choice value="A"/></{control}>'
                                        if control == "Choices" else f'<{control} name="c"/>'))
    assert_issue(issue, 4, control, "c", 'needs toName="..." naming the object tag it labels')


def test_control_without_a_name_says_it_names_the_column():
    issue, _ = one_problem(with_objects('<TextArea toName="text"/>'))
    assert_issue(issue, 4, "TextArea", None,
                 'needs a name="..." attribute (it names the DataFrame column)')
    assert str(issue) == 'line 4: <TextArea> needs a name="..." attribute ' \
                         "(it names the DataFrame column)"


def test_object_tags_need_a_name_and_a_value():
    issues, _ = problems(xml("""
        <View>
          <Text value="$text"/>
          <Image name="image"/>
        </View>
    """))
    assert [(i.line, i.tag, i.name, i.message) for i in issues] == [
        (2, "Text", None, 'needs a name="..." attribute'),
        (3, "Image", "image", 'needs value="$column" naming the data column it shows'),
    ]


def test_the_config_starts_with_a_view():
    issue, _ = one_problem('<Text name="text" value="$text"/>')
    assert_issue(issue, 1, "Text", "text", "the config must start with <View>")


def test_a_tag_in_a_place_it_cannot_be():
    issue, _ = one_problem(with_objects(
        '<Choices name="c" toName="text"><Choice value="A"/><TextArea name="t"/></Choices>'))
    assert_issue(issue, 4, "TextArea", "t",
                 "cannot be inside <Choices> (allowed: <Choice>, <View>, <Header>)")


# -- options --------------------------------------------------------------------------------------
def test_choices_with_no_options():
    issue, text = one_problem(with_objects('<Choices name="mood" toName="text"></Choices>'))
    assert_issue(issue, 4, "Choices", "mood",
                 'has no <Choice> options (add <Choice value="..."/> or value="$column")')
    assert 'line 4: <Choices name="mood"> has no <Choice> options' in text


def test_taxonomy_with_no_options():
    issue, _ = one_problem(with_objects('<Taxonomy name="kind" toName="text"/>'))
    assert_issue(issue, 4, "Taxonomy", "kind", 'has no <Choice> options (add <Choice value="..."/>)')


def test_option_without_value():
    issue, _ = one_problem(with_objects(
        '<Choices name="mood" toName="text"><Choice value="A"/><Choice/></Choices>'))
    assert_issue(issue, 4, "Choice", None, 'needs value="..." (the option\'s text)')


def test_an_option_twice():
    issues, _ = problems(xml("""
        <View>
          <Text name="text" value="$text"/>
          <Choices name="mood" toName="text">
            <Choice value="Up"/>
            <Choice value="Down" alias="Up"/>
          </Choices>
          <Taxonomy name="kind" toName="text">
            <Choice value="Animal"><Choice value="Cat"/><Choice value="Cat"/></Choice>
            <Choice value="Plant"><Choice value="Cat"/></Choice>
          </Taxonomy>
        </View>
    """))
    assert [(i.line, i.tag, i.message) for i in issues] == [
        (5, "Choice", 'value="Up" is already an option on line 4'),
        (8, "Choice", 'value="Cat" is already an option on line 8'),
    ]


def test_single_choice_with_two_options_selected():
    issue, _ = one_problem(with_objects(
        '<Choices name="mood" toName="text">'
        '<Choice value="A" selected="true"/><Choice value="B" selected="true"/></Choices>'))
    assert_issue(issue, 4, "Choices", "mood",
                 'has 2 options with selected="true" but choice="single" allows one')
    parse_config(with_objects(
        '<Choices name="mood" toName="text" choice="multiple">'
        '<Choice value="A" selected="true"/><Choice value="B" selected="true"/></Choices>'))


def test_nested_choice_outside_a_taxonomy():
    issue, _ = one_problem(with_objects(
        '<Choices name="mood" toName="text"><Choice value="A"><Choice value="B"/></Choice>'
        "</Choices>"))
    assert_issue(issue, 4, "Choice", None, "nested <Choice> is only allowed inside <Taxonomy>")


def test_option_outside_a_control():
    issue, _ = one_problem(with_objects('<Choice value="A"/>'))
    assert_issue(issue, 4, "Choice", None,
                 "is an option and must be inside a control tag (e.g. <Choices> or <Taxonomy>)")


def test_options_may_sit_in_a_view_inside_their_control():
    config = parse_config(with_objects(
        '<Choices name="mood" toName="text"><View><Header value="Pick"/><Choice value="A"/>'
        "</View><Choice value='B'/></Choices>"))
    assert config["mood"].allowed() == ["A", "B"]


# -- $column ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["$", "$1abc", "$a-b", "$a b", "$$a"])
def test_bad_column_syntax_on_an_object(value):
    issue, _ = one_problem(f'<View>\n<Text name="text" value="{value}"/>\n</View>')
    assert_issue(issue, 2, "Text", "text", f'value="{value}" is not a valid $column reference '
                                           "(a $ then letters, digits or _)")


def test_bad_column_syntax_for_dynamic_options():
    issue, _ = one_problem(with_objects('<Choices name="mood" toName="text" value="$1"/>'))
    assert_issue(issue, 4, "Choices", "mood", 'value="$1" is not a valid $column reference '
                                              "(a $ then letters, digits or _)")
    issue, _ = one_problem(with_objects('<Choices name="mood" toName="text" value="moods"/>'))
    assert_issue(issue, 4, "Choices", "mood", 'value="moods" must name a data column as $column')


def test_columns_the_config_reads():
    config = parse_config(xml("""
        <View>
          <Header value="About $title"/>
          <Text name="text" value="$body"/>
          <Text name="note" value="A literal note"/>
          <Choices name="mood" toName="text" value="$moods"/>
          <Image name="image" value="$meta.url"/>
        </View>
    """))
    assert config.columns == ["title", "body", "moods", "meta.url"]
    assert config["note"].literal == "A literal note"
    assert config["note"].column is None


# -- attribute values -----------------------------------------------------------------------------
@pytest.mark.parametrize(("control", "message"), [
    ('<Choices name="c" toName="text" choice="sometimes"><Choice value="A"/></Choices>',
     'choice="sometimes" must be one of "single", "single-radio", "multiple"'),
    ('<Rating name="c" toName="text" maxRating="x"/>', 'maxRating="x" must be a whole number'),
    ('<Rating name="c" toName="text" maxRating="0"/>', 'maxRating="0" must be at least 1'),
    ('<Number name="c" toName="text" min="10" max="1"/>', 'min="10" is greater than max="1"'),
    ('<Number name="c" toName="text" min="low"/>', 'min="low" must be a number'),
    ('<Number name="c" toName="text" step="0"/>', 'step="0" must be positive'),
    ('<Number name="c" toName="text" slider="true" min="0"/>', 'slider="true" needs both min and max'),
    ('<TextArea name="c" toName="text" rows="0"/>', 'rows="0" must be at least 1'),
    ('<TextArea name="c" toName="text" maxSubmissions="0"/>', 'maxSubmissions="0" must be at least 1'),
    ('<TextArea name="c" toName="text" required="maybe"/>', 'required="maybe" must be true or false'),
    ('<DateTime name="c" toName="text" only="date" min="2021-02-01" max="2021-01-01"/>',
     'min="2021-02-01" is after max="2021-01-01"'),
    ('<DateTime name="c" toName="text" only="date" min="01/02/2021"/>',
     'min="01/02/2021" does not match the format %Y-%m-%d (or ISO)'),
    ('<DateTime name="c" toName="text" only="week"/>',
     'only="week" must list parts among date, time, month, year'),
    ('<DateTime name="c" toName="text" format="%Y-%Q"/>',
     "format=\"%Y-%Q\" is not a strftime format ('Q' is a bad directive in format '%Y-%Q')"),
    ('<Text name="c" value="$c" granularity="letter"/>',
     'granularity="letter" must be one of "symbol", "word", "sentence", "paragraph"'),
])
def test_invalid_attribute_values(control, message):
    issue, text = one_problem(with_objects(control))
    assert (issue.line, issue.name, issue.message) == (4, "c", message)
    assert text.endswith(f'line 4: <{issue.tag} name="c"> {message}')


def test_an_unknown_attribute_is_a_warning_with_a_did_you_mean():
    with pytest.warns(ConfigWarning) as caught:
        config = parse_config(with_objects(
            '<Rating name="stars" toName="text" maxRatting="3"/>'))
    assert config["stars"].attrs["maxRating"] == 5  # the typo changed nothing
    [warning] = [w.message for w in caught]
    [issue] = warning.issues
    assert_issue(issue, 4, "Rating", "stars", 'unknown attribute maxRatting="3" '
                 "(did you mean maxRating?); Label Studio ignores it too")
    assert str(warning) == (
        "labelwidget ignores 1 attribute of the labeling config:\n"
        '  line 4: <Rating name="stars"> unknown attribute maxRatting="3" '
        "(did you mean maxRating?); Label Studio ignores it too")


def test_date_time_bounds_in_iso_when_the_format_is_not():
    config = parse_config(with_objects(
        '<DateTime name="day" toName="text" only="date" format="%d.%m.%Y" min="2021-01-01" '
        'max="31.12.2021"/>'))
    day = config["day"]
    assert day.check_value("05.03.2021") == "05.03.2021"
    with pytest.raises(ValueError, match=r"'31\.12\.2020' is before min '2021-01-01'"):
        day.check_value("31.12.2020")


# -- hotkeys --------------------------------------------------------------------------------------
def test_duplicate_hotkeys_name_both_places():
    issues, text = problems(xml("""
        <View>
          <Text name="text" value="$text"/>
          <Choices name="mood" toName="text">
            <Choice value="Up" hotkey="u"/>
            <Choice value="Down" hotkey="d"/>
          </Choices>
          <Choices name="topic" toName="text">
            <Choice value="Sport" hotkey="U"/>
          </Choices>
          <Rating name="stars" toName="text" hotkey="d"/>
        </View>
    """))
    assert [(i.line, i.tag, i.name, i.message) for i in issues] == [
        (8, "Choice", None, 'value="Sport" hotkey="U" is already used by <Choice value="Up"> '
                            "on line 4"),
        (10, "Rating", "stars", 'hotkey="d" is already used by <Choice value="Down"> on line 5'),
    ]
    assert 'line 10: <Rating name="stars"> hotkey="d" is already used by <Choice value="Down"> ' \
           "on line 5" in text


# -- several problems at once ---------------------------------------------------------------------
def test_every_problem_is_reported_together_in_line_order_of_discovery():
    issues, text = problems(xml("""
        <View>
          <Text name="text" value="$text"/>
          <Choices name="mood" toName="txt" choice="sometimes">
            <Choice value="Up"/>
          </Choices>
          <Rating name="mood" toName="text" maxRating="x"/>
          <Widget name="w"/>
        </View>
    """))
    rendered = [str(i) for i in issues]
    assert rendered == [
        'line 3: <Choices name="mood"> choice="sometimes" must be one of "single", '
        '"single-radio", "multiple"',
        'line 6: <Rating name="mood"> maxRating="x" must be a whole number',
        f'line 7: <Widget name="w"> unknown tag <Widget> (known: {", ".join(registry.known())})',
        'line 6: <Rating name="mood"> duplicate name="mood" (also used on line 3)',
        'line 3: <Choices name="mood"> toName="txt" matches no object tag (objects: text)',
    ]
    assert text == "the labeling config has 5 problems:\n" + "\n".join(
        f"  {line}" for line in rendered)


# -- safety: no DTD, no entities, no network -----------------------------------------------------
PASSWD = Path("/etc/passwd")


def secret_lines() -> list[str]:
    return [line for line in PASSWD.read_text().splitlines() if line.strip()]


DTD_MESSAGE = ("a <!DOCTYPE> or <!ENTITY> is not allowed in a config (DTDs and entities are "
               "refused, they can read files or reach the network)")


@pytest.mark.parametrize("payload", [
    # classic XXE: an external entity used in element text and in an attribute
    """<?xml version="1.0"?>
<!DOCTYPE View [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<View><Header>&xxe;</Header><Text name="text" value="$text"/></View>""",
    """<?xml version="1.0"?>
<!DOCTYPE View [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<View><Header value="&xxe;"/><Text name="text" value="$text"/></View>""",
    # a parameter entity expanded inside the DTD itself
    """<?xml version="1.0"?>
<!DOCTYPE View [<!ENTITY % xxe SYSTEM "file:///etc/passwd"> %xxe;]>
<View><Text name="text" value="$text"/></View>""",
    # an external DTD
    """<?xml version="1.0"?>
<!DOCTYPE View SYSTEM "file:///etc/passwd">
<View><Text name="text" value="$text"/></View>""",
    # billion laughs (kept small)
    """<?xml version="1.0"?>
<!DOCTYPE View [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<View><Header value="&b;"/><Text name="text" value="$text"/></View>""",
])
def test_dtd_and_entities_are_refused_and_files_are_never_read(payload):
    assert PASSWD.exists()
    issue, text = one_problem(payload)
    assert_issue(issue, 2, None, None, DTD_MESSAGE)
    for line in secret_lines():
        assert line not in text
        assert line not in repr(issue)


def test_an_entity_reference_without_a_dtd_is_malformed_xml():
    issue, _ = one_problem('<View><Header value="&xxe;"/></View>')
    assert issue.message == "malformed XML at column 27: Entity 'xxe' not defined"


def test_an_external_dtd_on_the_network_is_never_fetched():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    port = server.getsockname()[1]
    try:
        issue, _ = one_problem(
            f'<!DOCTYPE View SYSTEM "http://127.0.0.1:{port}/evil.dtd">\n'
            f'<View><Text name="text" value="$text"/></View>')
        assert issue.message == DTD_MESSAGE
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected
    finally:
        server.close()


def test_dtd_words_inside_comments_and_cdata_are_just_text():
    config = parse_config(xml("""
        <View>
          <!-- <!DOCTYPE x> is refused, this comment is not -->
          <Style><![CDATA[ .x::after { content: "<!ENTITY y>"; } ]]></Style>
          <Text name="text" value="$text"/>
        </View>
    """))
    assert config.names == ["text"]


# -- what real templates contain ------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["toName", "toname", "TONAME", "ToName"])
def test_to_name_in_any_case(spelling):
    config = parse_config(with_objects(
        f'<Choices name="mood" {spelling}="text"><Choice value="A"/></Choices>'))
    assert config["mood"].to_name == ["text"]


@pytest.mark.parametrize("spelling", ["showInline", "showInLine", "SHOWINLINE"])
def test_show_inline_in_any_spelling(spelling):
    config = parse_config(with_objects(
        f'<Choices name="mood" toName="text" {spelling}="true"><Choice value="A"/></Choices>'))
    assert config["mood"].inline is True


def test_the_same_attribute_twice_in_two_cases():
    issue, _ = one_problem(with_objects(
        '<Choices name="mood" toName="text" toname="image"><Choice value="A"/></Choices>'))
    assert_issue(issue, 4, "Choices", "mood", "sets the same attribute twice: toName, toname "
                                              "(attribute names are not case-sensitive)")


def test_header_text_from_value_element_text_or_with_a_name():
    config = parse_config(xml("""
        <View>
          <Header value="From value"/>
          <Header>From <!-- a comment --> element text</Header>
          <Header name="h" value="With a name, about $title" underline="true"/>
          <Header size="3">  Padded  </Header>
          <Text name="text" value="$text"/>
        </View>
    """))
    headers = [t for t in config.walk() if isinstance(t, Header)]
    assert [h.content for h in headers] == [
        "From value", "From  element text", "With a name, about $title", "Padded"]
    assert headers[2].columns == ["title"]
    assert config.names == ["text"]  # a Header's name is not a control or object name


def test_style_is_accepted_with_comments_inside():
    config = parse_config(xml("""
        <View>
          <Style>
            /* css comment */
            .a { color: red; }
            <!-- an XML comment inside the CSS -->
            .b { color: blue; }
          </Style>
          <Text name="text" value="$text"/>
        </View>
    """))
    style = next(t for t in config.walk() if isinstance(t, Style))
    assert ".a { color: red; }" in style.text
    assert "XML comment" not in style.text


def test_trailing_example_task_comment_is_exposed():
    config = parse_config(xml("""
        <View>
          <Text name="text" value="$text"/>
        </View>
        <!-- {"data": {"text": "A fine movie."}, "annotations": []} -->
    """))
    assert config.example_task == {"text": "A fine movie."}


@pytest.mark.parametrize(("comment", "task"), [
    ('{"text": "bare data"}', {"text": "bare data"}),
    ('[{"text": "first"}, {"text": "second"}]', {"text": "first"}),
    ('[{"data": {"text": "first"}}]', {"text": "first"}),
    # valid "data" followed by a typo, as in one Label Studio template
    ('{"data": {"text": "kept"},\n"annotations: [{"result": []}]}', {"text": "kept"}),
    ('{"annotations": [{"result": []}]}', None),  # results only, no data
    ("just a note", None),
    ("{not json", None),
])
def test_example_task_forms_seen_in_templates(comment, task):
    config = parse_config(f'<View><Text name="text" value="$text"/></View>\n<!-- {comment} -->')
    assert config.example_task == task


def test_comments_inside_the_view_are_not_the_example_task():
    config = parse_config('<View><!-- {"data": {"text": "x"}} --><Text name="text" '
                          'value="$text"/></View>')
    assert config.example_task is None


@pytest.mark.parametrize("control", ["TextArea", "Rating", "Number", "DateTime"])
def test_control_without_to_name_where_label_studio_accepts_one(control):
    config = parse_config(with_objects(f'<{control} name="c"/>'))
    assert config["c"].to_name == ["text"]  # the task's first object


def test_view_keeps_the_layout():
    config = parse_config(xml("""
        <View>
          <View style="display: flex;">
            <Text name="a" value="$a"/>
            <Text name="b" value="$b"/>
          </View>
          <View style="display: flex; flex-direction: column">
            <Pairwise name="better" toName="a,b"/>
          </View>
        </View>
    """))
    row, column = config.root.children
    assert isinstance(config.root, View)
    assert (row.direction, column.direction) == ("row", "column")
    assert [c.name for c in row.children] == ["a", "b"]
    assert column.children[0] is config["better"]
    assert config["better"].parent is column
    with pytest.raises(KeyError, match="no tag named 'c' \\(names: a, b, better\\)"):
        config["c"]


# -- not supported yet ----------------------------------------------------------------------------
def test_unsupported_tag_says_not_supported_yet_and_nothing_else():
    issues, text = problems(xml("""
        <View>
          <Video name="video" value="$video"/>
          <TextArea name="transcript" toName="video"/>
          <Brush name="brush" toName="video"/>
        </View>
    """))
    assert [(i.line, i.tag, i.name, i.message) for i in issues] == [
        (2, "Video", "video", "not supported yet: <Video>"),
        (4, "Brush", "brush", "not supported yet: <Brush>"),
    ]
    assert 'line 2: <Video name="video"> not supported yet: <Video>' in text


@pytest.mark.parametrize(("attribute", "spelled"), [
    ('readonly="true"', 'readonly="true"'),
    ('READONLY="true"', 'READONLY="true"'),
])
def test_unsupported_attribute_says_not_supported_yet(attribute, spelled):
    issue, text = one_problem(with_objects(
        f'<Choices name="mood" toName="text" {attribute}><Choice value="A"/></Choices>'))
    assert_issue(issue, 4, "Choices", "mood", f"not supported yet: attribute {spelled}")
    assert f'line 4: <Choices name="mood"> not supported yet: attribute {spelled}' in text


def test_value_list_on_an_image_must_name_a_column():
    issue, _ = one_problem('<View>\n<Image name="pages" valueList="pages"/>\n</View>')
    assert_issue(issue, 2, "Image", "pages", 'valueList="pages" must name a data column as '
                                             "$column (a list of images)")


def test_text_from_a_url_is_not_supported_yet():
    issue, _ = one_problem('<View>\n<Text name="text" value="$url" valueType="url"/>\n</View>')
    assert_issue(issue, 2, "Text", "text", 'not supported yet: attribute valueType="url"')


def test_an_unsupported_child_does_not_also_make_its_control_empty():
    issue, _ = one_problem(with_objects(
        '<Taxonomy name="kind" toName="text"><Collapse/></Taxonomy>'))
    assert issue.message in ("not supported yet: <Collapse>",
                             "cannot be inside <Taxonomy> (allowed: <Choice>)")


# -- inputs to parse_config -----------------------------------------------------------------------
SIMPLE = '<View><Text name="text" value="$text"/></View>'


def test_parse_config_reads_an_xml_file(tmp_path):
    path = tmp_path / "labeling.xml"
    path.write_text(SIMPLE, encoding="utf-8")
    for given_as in (path, str(path)):
        config = parse_config(given_as)
        assert config.names == ["text"]
        assert config.xml == SIMPLE


def test_parse_config_reads_a_file_without_the_xml_suffix(tmp_path):
    path = tmp_path / "labeling.config"
    path.write_text(SIMPLE, encoding="utf-8")
    assert parse_config(str(path)).names == ["text"]


def test_a_missing_xml_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.xml"
    with pytest.raises(FileNotFoundError, match=r"labeling config file not found: .*nope\.xml"):
        parse_config(str(missing))


def test_parse_config_returns_a_label_config_as_is():
    config = parse_config(SIMPLE)
    assert isinstance(config, LabelConfig)
    assert parse_config(config) is config
    assert lw.parse_config is parse_config
    assert lw.ConfigError is ConfigError


def test_parse_config_takes_utf8_bytes():
    assert parse_config(SIMPLE.encode()).names == ["text"]
    with pytest.raises(ConfigError, match="not UTF-8"):
        parse_config(b"<View>\xff</View>")


def test_parse_config_refuses_other_types():
    with pytest.raises(TypeError, match="got int"):
        parse_config(3)


def test_issues_are_data():
    issues, _ = problems(with_objects('<Rating name="stars" toName="nope"/>'))
    (issue,) = issues
    assert issue == ConfigIssue(4, "Rating", "stars",
                                'toName="nope" matches no object tag (objects: text, image)')
    assert str(ConfigIssue(None, None, None, "plain")) == "plain"
    assert str(ConfigIssue(2, "View", None, "x")) == "line 2: <View> x"


# =================================================================================================
# Value models
# =================================================================================================
CONTROLS = xml("""
    <View>
      <Text name="text" value="$text"/>
      <Text name="other" value="$other"/>
      <Choices name="single" toName="text">
        <Choice value="Positive" alias="pos"/><Choice value="Negative" alias="neg"/>
        <Choice value="Neutral"/>
      </Choices>
      <Choices name="radio" toName="text" choice="single-radio">
        <Choice value="A"/><Choice value="B"/>
      </Choices>
      <Choices name="multi" toName="text" choice="multiple">
        <Choice value="Sports"/><Choice value="Politics"/><Choice value="Tech" alias="IT"/>
      </Choices>
      <Choices name="dynamic" toName="text" value="$options" choice="multiple"/>
      <Choices name="mixed" toName="text" value="$options"><Choice value="Other"/></Choices>
      <Taxonomy name="taxonomy" toName="text">
        <Choice value="Animal"><Choice value="Cat"/><Choice value="Dog"/></Choice>
        <Choice value="Plant"/>
      </Taxonomy>
      <Taxonomy name="leaves" toName="text" leafsOnly="true" maxUsages="2">
        <Choice value="Animal"><Choice value="Cat"><Choice value="Lion"/></Choice></Choice>
        <Choice value="Plant"/>
      </Taxonomy>
      <TextArea name="summary" toName="text"/>
      <TextArea name="notes" toName="text" maxSubmissions="3"/>
      <Rating name="stars" toName="text" maxRating="10"/>
      <Rating name="five" toName="text"/>
      <Number name="number" toName="text"/>
      <Number name="bounded" toName="text" min="-1.5" max="10"/>
      <DateTime name="when" toName="text"/>
      <DateTime name="day" toName="text" only="date" min="2000-01-01" max="2030-12-31"/>
      <DateTime name="both" toName="text" only="date,time"/>
      <DateTime name="clock" toName="text" only="time"/>
      <DateTime name="month" toName="text" only="month,year"/>
      <DateTime name="year" toName="text" only="year" min="1990"/>
      <DateTime name="custom" toName="text" format="%d.%m.%Y %H:%M:%S"/>
      <Pairwise name="better" toName="text,other"/>
    </View>
""")


@pytest.fixture(scope="module")
def tags():
    return parse_config(CONTROLS)


def check(tag, value, row=None):
    return tag.check_value(value, row)


def rejects(tag, value, message, row=None):
    with pytest.raises(ValueError) as info:
        tag.check_value(value, row)
    assert str(info.value) == message
    return info.value


def test_every_control_has_a_result_type_and_task_scope(tags):
    types = {name: tag.result_type for name, tag in tags.controls.items()}
    assert types["single"] == types["multi"] == "choices"
    assert (types["taxonomy"], types["summary"], types["stars"], types["number"], types["when"],
            types["better"]) == ("taxonomy", "textarea", "rating", "number", "datetime", "pairwise")
    assert {tag.scope for tag in tags.controls.values()} == {"task"}
    assert all(tag.empty() is None for tag in tags.controls.values())


# -- Choices --------------------------------------------------------------------------------------
def test_choices_single(tags):
    single = tags["single"]
    assert check(single, "pos") == "pos"
    assert check(single, "Neutral") == "Neutral"
    assert check(single, ["neg"]) == "neg"  # a one-element list is one option
    rejects(single, "Happy", "'Happy' is not an option (options: pos, neg, Neutral)")
    rejects(single, ["pos", "neg"], "expected one option as text, got ['pos', 'neg']")
    rejects(single, 3, "expected one option as text, got 3")
    rejects(single, None, "expected one option as text, got None")
    assert check(tags["radio"], "B") == "B"
    rejects(tags["radio"], "C", "'C' is not an option (options: A, B)")


def test_choices_aliases_are_what_is_stored(tags):
    # Label Studio accepts an option's value or its alias and stores the alias.
    single = tags["single"]
    assert [o.stored for o in single.options()] == ["pos", "neg", "Neutral"]
    assert check(single, "Positive") == "pos"
    assert check(single, ["Negative"]) == "neg"
    assert check(single, "pos") == "pos"
    rejects(single, "Happy", "'Happy' is not an option (options: pos, neg, Neutral)")
    multi = tags["multi"]
    assert check(multi, ["Tech", "Sports"]) == ["IT", "Sports"]
    assert check(multi, "Tech") == ["IT"]
    rejects(multi, ["Tech", "IT"], "['IT', 'IT'] lists an option twice")
    assert single.to_result("pos") == {"choices": ["pos"]}


def test_an_alias_wins_over_another_options_value():
    config = parse_config(with_objects(
        '<Choices name="c" toName="text"><Choice value="A" alias="B"/><Choice value="B" '
        'alias="C"/></Choices>'))
    # "B" is stored for the first option; the second one's value names it only through "C"
    assert check(config.controls["c"], "B") == "B"
    assert check(config.controls["c"], "A") == "B"


def test_taxonomy_paths_accept_values_and_store_aliases():
    config = parse_config(with_objects(
        '<Taxonomy name="kind" toName="text"><Choice value="Animal" alias="animal">'
        '<Choice value="Cat" alias="cat"/><Choice value="Dog"/></Choice>'
        '<Choice value="Plant"/></Taxonomy>'))
    kind = config.controls["kind"]
    assert check(kind, [["Animal", "Cat"], ["animal", "Dog"], ["Plant"]]) == [
        ["animal", "cat"], ["animal", "Dog"], ["Plant"]]
    rejects(kind, [["Animal", "Cow"]], "['animal', 'Cow'] is not a path of the taxonomy")


def test_choices_multiple(tags):
    multi = tags["multi"]
    assert check(multi, ["Sports", "IT"]) == ["Sports", "IT"]
    assert check(multi, ("Politics",)) == ["Politics"]
    assert check(multi, "Sports") == ["Sports"]
    assert check(multi, []) == []
    rejects(multi, ["Sports", "Sports"], "['Sports', 'Sports'] lists an option twice")
    rejects(multi, ["Sports", "Cooking"],
            "'Cooking' is not an option (options: Sports, Politics, IT)")
    rejects(multi, [1], "expected a list of options, got [1]")
    rejects(multi, {"Sports"}, "expected a list of options, got {'Sports'}")


def test_choices_dynamic_options_come_from_the_row(tags):
    dynamic = tags["dynamic"]
    assert dynamic.dynamic_column == "options"
    row = {"options": [{"value": "Red"}, {"value": "Blue", "html": "<b>Blue</b>"}]}
    assert check(dynamic, ["Blue"], row) == ["Blue"]
    rejects(dynamic, ["Green"], "'Green' is not an option (options: Red, Blue)", row=row)
    assert check(dynamic, ["Red"], {"options": ["Red", "Green"]}) == ["Red"]
    assert check(dynamic, ["Red"], {"options": "Red"}) == ["Red"]
    rejects(dynamic, ["Red"], "'Red' is not an option (options: )", row={"options": None})
    rejects(dynamic, ["Red"], "'Red' is not an option (options: )", row={"options": math.nan})
    # Without a row the options are not known: any text passes the type check.
    assert check(dynamic, ["Anything"]) == ["Anything"]
    rejects(dynamic, [3], "expected a list of options, got [3]")
    mixed = tags["mixed"]
    assert mixed.dynamic_options({"options": ["X"]}) == ["X"]
    assert check(mixed, "Other", {"options": ["X"]}) == "Other"
    assert check(mixed, "X", {"options": ["X"]}) == "X"
    rejects(mixed, "Y", "'Y' is not an option (options: Other, X)", row={"options": ["X"]})


def test_choices_from_result(tags):
    assert tags["single"].from_result({"choices": ["neg"]}) == "neg"
    assert tags["multi"].from_result({"choices": ["IT", "Sports"]}) == ["IT", "Sports"]
    with pytest.raises(ValueError, match=r"expected a list of one option in \{'choices': \[\]\}"):
        tags["single"].from_result({"choices": []})
    with pytest.raises(ValueError, match=r'with a "choices" key, got \{\'rating\': 3\}'):
        tags["single"].from_result({"rating": 3})


# -- Taxonomy -------------------------------------------------------------------------------------
def test_taxonomy(tags):
    taxonomy = tags["taxonomy"]
    assert taxonomy.paths() == [(["Animal"], False), (["Animal", "Cat"], True),
                                (["Animal", "Dog"], True), (["Plant"], True)]
    assert check(taxonomy, [["Animal", "Cat"], ("Plant",)]) == [["Animal", "Cat"], ["Plant"]]
    assert check(taxonomy, [["Animal"]]) == [["Animal"]]
    assert check(taxonomy, []) == []
    rejects(taxonomy, [["Animal", "Cow"]], "['Animal', 'Cow'] is not a path of the taxonomy")
    rejects(taxonomy, [["Cat"]], "['Cat'] is not a path of the taxonomy")
    rejects(taxonomy, ["Animal"], "expected a list of paths (lists of text), got ['Animal']")
    rejects(taxonomy, "Plant", "expected a list of paths (lists of text), got 'Plant'")


def test_taxonomy_leafs_only_and_max_usages(tags):
    leaves = tags["leaves"]
    assert check(leaves, [["Animal", "Cat", "Lion"]]) == [["Animal", "Cat", "Lion"]]
    rejects(leaves, [["Animal", "Cat"]], "['Animal', 'Cat'] is not a leaf (leafsOnly is set)")
    rejects(leaves, [["Plant"], ["Animal", "Cat", "Lion"], ["Plant"]],
            "3 paths chosen, at most 2 allowed")


def test_taxonomy_from_result(tags):
    assert tags["taxonomy"].from_result({"taxonomy": [["Plant"]]}) == [["Plant"]]
    with pytest.raises(ValueError, match="expected a list of paths in"):
        tags["taxonomy"].from_result({"taxonomy": "Plant"})


# -- TextArea -------------------------------------------------------------------------------------
def test_text_area_single(tags):
    summary = tags["summary"]
    assert not summary.several
    assert check(summary, "short") == "short"
    assert check(summary, "") == ""
    assert check(summary, ["one"]) == "one"
    rejects(summary, 3, "expected text, got 3")
    rejects(summary, ["a", "b"], "expected text, got ['a', 'b']")
    assert summary.to_result("two\nlines") == {"text": ["two\nlines"]}
    assert summary.from_result({"text": ["a", "b"]}) == "a\nb"
    assert summary.from_result({"text": "plain"}) == "plain"


def test_text_area_max_submissions(tags):
    notes = tags["notes"]
    assert notes.several
    assert check(notes, ["a", "b"]) == ["a", "b"]
    assert check(notes, "a") == ["a"]
    rejects(notes, ["a", "b", "c", "d"], "4 entries, at most 3 allowed (maxSubmissions)")
    rejects(notes, [1], "expected a list of texts, got [1]")
    with pytest.raises(ValueError, match="expected text in"):
        notes.from_result({"text": [1]})


# -- Rating ---------------------------------------------------------------------------------------
def test_rating(tags):
    stars, five = tags["stars"], tags["five"]
    assert five.attrs["maxRating"] == 5
    assert check(stars, 10) == 10
    assert check(stars, 3.0) == 3 and type(check(stars, 3.0)) is int
    assert check(stars, np.int64(7)) == 7 and type(check(stars, np.int64(7))) is int
    rejects(five, 6, "6 is outside 1..5 (maxRating)")
    rejects(five, 0, "0 is outside 1..5 (maxRating)")
    rejects(five, 2.5, "expected a whole number of stars, got 2.5")
    rejects(five, "3", "expected a whole number of stars, got '3'")
    rejects(five, True, "expected a whole number of stars, got True")
    with pytest.raises(ValueError, match=r"7 is outside 1\.\.5"):
        five.from_result({"rating": 7})


# -- Number ---------------------------------------------------------------------------------------
def test_number(tags):
    number, bounded = tags["number"], tags["bounded"]
    assert check(number, 3) == 3.0 and type(check(number, 3)) is float
    assert check(number, np.float32(0.5)) == 0.5
    assert check(number, -1e300) == -1e300
    assert check(bounded, -1.5) == -1.5
    assert check(bounded, 10) == 10.0
    rejects(bounded, 10.5, "10.5 is outside -1.5..10")
    rejects(bounded, -2, "-2 is outside -1.5..10")
    rejects(number, "3", "expected a number, got '3'")
    rejects(number, math.nan, "expected a number, got nan")
    rejects(number, math.inf, "expected a number, got inf")
    rejects(number, False, "expected a number, got False")
    with pytest.raises(ValueError, match="expected a number in"):
        number.from_result({"number": "x"})


# -- DateTime -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "mode", "good", "bad"), [
    ("when", "datetime", "2021-01-12T14:30", "2021-01-12"),
    ("both", "datetime", "2021-01-12T14:30", "14:30"),
    ("day", "date", "2021-01-12", "2021-01-12T14:30"),
    ("clock", "time", "14:30", "2pm"),
    ("month", "month", "2021-01", "January 2021"),
    ("year", "year", "2021", "21"),
    ("custom", "datetime", "12.01.2021 14:30:59", "2021-01-12T14:30"),
])
def test_date_time_formats(tags, name, mode, good, bad):
    tag = tags[name]
    assert tag.mode == mode
    assert check(tag, good) == good
    rejects(tag, bad, f"{bad!r} does not match the format {tag.fmt}")


def test_date_time_bounds_and_types(tags):
    day, year = tags["day"], tags["year"]
    rejects(day, "1999-12-31", "'1999-12-31' is before min '2000-01-01'")
    rejects(day, "2031-01-01", "'2031-01-01' is after max '2030-12-31'")
    rejects(year, "1989", "'1989' is before min '1990'")
    rejects(day, 20210112, "expected a date/time as text in the format %Y-%m-%d, got 20210112")
    rejects(day, datetime(2021, 1, 12),
            "expected a date/time as text in the format %Y-%m-%d, got "
            "datetime.datetime(2021, 1, 12, 0, 0)")


def test_date_time_values_are_written_as_the_format_writes_them(tags):
    assert check(tags["day"], "2021-1-5") == "2021-01-05"
    assert check(tags["clock"], "9:05") == "09:05"


def test_date_time_from_result(tags):
    assert tags["when"].from_result({"datetime": "2021-01-12T14:30"}) == "2021-01-12T14:30"
    with pytest.raises(ValueError, match="expected a date/time as text in"):
        tags["when"].from_result({"datetime": 5})


# -- Pairwise -------------------------------------------------------------------------------------
def test_pairwise(tags):
    better = tags["better"]
    assert better.to_name == ["text", "other"]
    assert check(better, "left") == "left"
    assert check(better, "right") == "right"
    rejects(better, "middle", "expected \"left\" or \"right\", got 'middle'")
    rejects(better, None, "expected \"left\" or \"right\", got None")
    assert better.to_result("left") == {"selected": "left"}
    with pytest.raises(ValueError, match="got 'up'"):
        better.from_result({"selected": "up"})


# -- round trips ------------------------------------------------------------------------------------
def valid_values(tags) -> dict[str, st.SearchStrategy]:
    def subsets(items):
        return st.lists(st.sampled_from(items), unique_by=repr, max_size=len(items))

    def datetimes(fmt):
        moments = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))
        return moments.map(lambda m: m.strftime(fmt))

    day = tags["day"]
    return {
        "single": st.sampled_from(tags["single"].allowed()),
        "radio": st.sampled_from(tags["radio"].allowed()),
        "multi": subsets(tags["multi"].allowed()),
        "dynamic": st.lists(st.text(), unique=True),
        "mixed": st.text(),
        "taxonomy": subsets([p for p, _ in tags["taxonomy"].paths()]),
        "leaves": st.lists(st.sampled_from([p for p, leaf in tags["leaves"].paths() if leaf]),
                           max_size=2),
        "summary": st.text(),
        "notes": st.lists(st.text(), max_size=3),
        "stars": st.integers(1, 10),
        "five": st.integers(1, 5),
        "number": st.floats(allow_nan=False, allow_infinity=False),
        "bounded": st.floats(-1.5, 10),
        "when": datetimes(tags["when"].fmt),
        "day": st.dates(min_value=datetime(2000, 1, 1).date(),
                        max_value=datetime(2030, 12, 31).date()).map(
                            lambda d: d.strftime(day.fmt)),
        "both": datetimes(tags["both"].fmt),
        "clock": datetimes(tags["clock"].fmt),
        "month": datetimes(tags["month"].fmt),
        "year": st.integers(1990, 9999).map(str),
        "custom": datetimes(tags["custom"].fmt),
        "better": st.sampled_from(["left", "right"]),
    }


def test_every_control_has_a_round_trip_strategy(tags):
    assert set(valid_values(tags)) == set(tags.controls)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_results_round_trip(tags, data):
    """check_value accepts every valid value as is, and a value survives to_result -> JSON ->
    from_result unchanged, for every control."""
    for name, strategy in valid_values(tags).items():
        tag = tags[name]
        value = data.draw(strategy, label=name)
        assert tag.check_value(value) == value
        payload = json.loads(json.dumps(tag.to_result(value)))
        back = tag.from_result(payload)
        assert back == value, (name, payload)
        assert tag.check_value(back) == value


def test_results_are_what_label_studio_accepts(tags):
    """External oracle: Label Studio's SDK validates the ``value`` payloads we produce."""
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(CONTROLS)
    samples = {
        "single": "pos", "multi": ["Sports", "IT"], "taxonomy": [["Animal", "Cat"]],
        "summary": "a summary", "notes": ["one", "two"], "stars": 4, "number": 2.5,
        "when": "2021-01-12T14:30", "better": "left",
    }
    for name, value in samples.items():
        payload = tags[name].to_result(tags[name].check_value(value))
        assert interface.get_control(name).validate_value(payload), (name, payload)
    # and the SDK refuses what our value model refuses
    assert not interface.get_control("single").validate_value({"choices": ["Happy"]})
