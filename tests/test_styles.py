"""A config's CSS (<Style>, View style and className) applies inside its Annotator only, and
what could reach outside the widget is left out with a reason."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.compile import compile_config
from labelwidget.compile.styles import Sheet, class_names
from labelwidget.config import parse_config
from labelwidget.widgets import StyleWidget

from .corpus import templates_dir

SCOPE = ".lw-group-g"


STYLE_TAG = parse_config('<View>\n<Style>.a { color: red }</Style><Text name="t" value="$t"/>'
                         "</View>").root.children[0]  # a <Style> on line 2


def sheet_of(css: str) -> Sheet:
    sheet = Sheet(SCOPE)
    sheet.add_stylesheet(css, STYLE_TAG)
    return sheet


def test_every_selector_is_scoped_to_the_annotator():
    sheet = sheet_of(".a, .b p { color: red } h2 { margin-top: 0 }")
    assert sheet.rules == [f"{SCOPE} .a, {SCOPE} .b p {{ color: red; }}",
                           f"{SCOPE} h2 {{ margin-top: 0; }}"]
    assert sheet.left_out == []


def test_page_selectors_cannot_reach_the_page():
    sheet = sheet_of("body, html, :root, * { background: black }")
    (rule,) = sheet.rules
    selectors = rule.split("{")[0].split(",")
    assert all(s.strip().startswith(SCOPE + " ") for s in selectors)


@pytest.mark.parametrize("css, reason", [
    ('@import url("https://evil.example/x.css"); .a { color: red }', "@import"),
    ("@font-face { font-family: x; src: url(https://evil.example/f.woff) }", "@font-face"),
    ("@keyframes spin { from { opacity: 0 } }", "@keyframes"),
    (".a { background: url(https://evil.example/track.png) }", "loads a file"),
    ('.a { background-image: url("//evil.example/t.png") }', "loads a file"),
    (".a { background: image-set('x.png' 1x) }", "image-set"),
    (".a { width: expression(alert(1)) }", "expression"),
    (".a { -moz-binding: url(x.xml#y) }", "runs code"),
    (".a { position: fixed; top: 0 }", "leaves the widget"),
])
def test_what_could_leave_the_widget_is_left_out_with_its_reason(css, reason):
    sheet = sheet_of(css)
    assert "evil.example" not in sheet.css
    assert "expression" not in sheet.css and "fixed" not in sheet.css
    assert any(reason in str(note) and str(note).startswith("line 2: <Style> left out ")
               for note in sheet.left_out)


def test_data_images_media_queries_and_safe_declarations_are_kept():
    sheet = sheet_of("@media (max-width: 600px) { .a { color: red; position: sticky } } "
                     ".b { background: url(data:image/png;base64,AAAA) no-repeat }")
    assert sheet.rules[0].startswith("@media (max-width: 600px) {")
    assert f"{SCOPE} .a {{ color: red; position: sticky; }}" in sheet.rules[0]
    assert "url(data:image/png;base64,AAAA)" in sheet.rules[1]
    assert sheet.left_out == []


def test_braces_in_text_cannot_close_a_rule_early():
    sheet = sheet_of('.a { content: "} body { display: none"; color: red }')
    (rule,) = sheet.rules
    assert rule.startswith(f"{SCOPE} .a {{")
    assert "body {" not in rule.replace('"} body { display: none"', "")


def test_a_flex_rule_lays_out_a_row_as_on_a_block():
    sheet = sheet_of(".row { display: flex } .col { display: flex; flex-direction: column }")
    assert sheet.rules[0] == f"{SCOPE} .row {{ display: flex; flex-direction: row; }}"
    assert sheet.rules[1] == f"{SCOPE} .col {{ display: flex; flex-direction: column; }}"


def test_class_names_refuse_host_classes_and_bad_tokens():
    assert class_names("answers  answer-box") == (["answers", "answer-box"], [])
    assert class_names("jp-Notebook lw-on ok x{y") == (["ok"], ["jp-Notebook", "lw-on", "x{y"])


def compiled(xml: str):
    return compile_config(parse_config(xml), "g")


def style_widget(root):
    found = [w for w in root.children if isinstance(w, StyleWidget)]
    return found[0] if found else None


def test_view_class_name_and_inline_style_reach_the_boxes():
    result = compiled("""<View className="root">
      <Style>.root { background: #f0f0f0 }</Style>
      <View style="display: flex; gap: 1em"><Text name="t" value="$t"/></View>
    </View>""")
    root = result.root
    assert "root" in root._dom_classes
    css = style_widget(root).css
    assert f"{SCOPE} .root {{ background: #f0f0f0; }}" in css
    (inner,) = [w for w in root.children if not isinstance(w, StyleWidget)]
    (view_class,) = [c for c in inner._dom_classes if c.startswith("lw-view-")]
    assert f"{SCOPE} .{view_class} {{ display: flex; gap: 1em; flex-direction: row; }}" in css


def test_no_css_means_no_style_widget():
    assert style_widget(compiled('<View><Text name="t" value="$t"/></View>').root) is None


def test_what_was_left_out_is_said_once_with_line_tag_and_attribute():
    with pytest.warns(lw.ConfigWarning) as caught:
        compiled('<View>\n<Style>@import url(x.css); .a { color: red }</Style>'
                 '<Text name="t" value="$t"/>\n<View style="position: fixed; color: red" '
                 'className="jp-Notebook ok"/></View>')
    (warning,) = [w.message for w in caught if isinstance(w.message, lw.ConfigWarning)]
    text = str(warning)
    assert text.startswith("labelwidget keeps a config's CSS inside the widget, and left out:")
    assert "line 2: <Style> left out @import" in text
    assert "line 3: <View> style: left out position: fixed (a fixed element leaves" in text
    assert "line 3: <View> left out className jp-Notebook" in text


def test_pairwise_objects_become_cards_with_the_selection_style():
    result = compiled("""<View>
      <Pairwise name="pw" toName="a,b" selectionStyle="background-color: #27ae60"/>
      <Text name="a" value="$a"/><Text name="b" value="$b"/>
    </View>""")
    widget = result.part_of("pw").widget
    cards = [w for w in result.root.children if "lw-pw-card" in getattr(w, "_dom_classes", ())]
    assert [c._dom_classes for c in cards] == [
        ("lw-pw-card", widget.card, "lw-pw-left"), ("lw-pw-card", widget.card, "lw-pw-right")]
    assert cards[0].children[0] is result.parts[1].widget  # the Text "a" itself, in the card
    assert (f"{SCOPE} .{widget.card}.lw-on {{ background-color: #27ae60; }}"
            in style_widget(result.root).css)


def test_a_list_in_a_text_column_is_sent_as_paragraphs():
    df = pd.DataFrame({"doc": [["First part.", "Second part."], "plain"]})
    ann = lw.Annotator(df, '<View><Text name="t" value="$doc"/>'
                           '<Rating name="r" toName="t"/></View>')
    text = next(p for p in ann._parts if p.widget.name == "t").widget
    first, second = (text.tasks[k]["data"] for k in sorted(text.tasks))
    assert first == {"paragraphs": ["First part.", "Second part."]}
    assert second == {"text": "plain"}


@pytest.mark.parametrize("template", ["generative-ai/human-feedback-collection.xml",
                                      "generative-ai/response-grading.xml"])
def test_templates_with_style_keep_all_their_rules_scoped(template):
    xml = (templates_dir() / template).read_text()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing in these templates needs leaving out
        result = compile_config(parse_config(xml), "g")
    css = style_widget(result.root).css
    for selector in (".root", ".container", ".answers", ".block", ".long-document"):
        if selector in xml:
            assert f"{SCOPE} {selector} " in css or f"{SCOPE} {selector}," in css


def test_text_that_is_not_css_is_skipped_as_a_browser_skips_it():
    # Seen in a Label Studio template: "#" comments, which make the declaration invalid.
    sheet = sheet_of(".a { border: 2px solid #000;  # Add border\n border-radius: 15px; "
                     "color: red }")
    assert sheet.rules == [f"{SCOPE} .a {{ border: 2px solid #000; color: red; }}"]
    assert sheet.left_out == []


def test_viewport_heights_become_a_share_of_the_window_in_a_notebook():
    sheet = sheet_of(".root { height: 100vh } .s { height: calc(100vh - 80px); width: 50vw }")
    assert sheet.rules == [
        f"{SCOPE} .root {{ height: calc(100 * var(--lw-vh, 1vh)); }}",
        f"{SCOPE} .s {{ height: calc(calc(100 * var(--lw-vh, 1vh)) - 80px); width: 50vw; }}"]
