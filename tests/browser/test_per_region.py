"""Issue 11 in a real JupyterLab: per-region controls (a comment typed for the selected span or
box) and visibleWhen (a choice that shows only while a span with a given label is selected, a
View that shows only after a choice), then the DataFrame cells in the kernel.

The scenario notebook is written by this module into the server's root.
"""

from __future__ import annotations

from tests.browser.helpers import Editor, click_char, drag, write_notebook

NOTEBOOK = "per_region_scenarios.ipynb"

SPANS = '''\
import numpy as np
import pandas as pd

import labelwidget as lw

config = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/><Label value="ORG" hotkey="o"/>
  </Labels>
  <TextArea name="norm" toName="text" perRegion="true" placeholder="normalized name"/>
  <Choices name="gender" toName="text" perRegion="true" visibleWhen="region-selected"
           whenLabelValue="PER" showInline="true">
    <Choice value="female" hotkey="f"/><Choice value="male" hotkey="m"/>
  </Choices>
  <Choices name="topic" toName="text" showInline="true">
    <Choice value="Business"/><Choice value="Sports"/>
  </Choices>
  <View visibleWhen="choice-selected" whenTagName="topic" whenChoiceValue="Sports">
    <TextArea name="team" toName="text" placeholder="which team"/>
  </View>
</View>
"""
df = pd.DataFrame({"text": ["Alice Smith works at Acme Corp.", "Second text."]},
                  index=["t1", "t2"])
ann = lw.Annotator(df, config)
ann
'''

BOXES = '''\
from PIL import Image

image = np.asarray(Image.new("RGB", (400, 300), (230, 230, 210)))
idf = pd.DataFrame({"image": [image, image]}, index=["i1", "i2"])
iconfig = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/>
  </RectangleLabels>
  <TextArea name="comment" toName="image" perRegion="true" required="true"
            placeholder="what is in this box"/>
</View>
"""
iann = lw.Annotator(idf, iconfig)
editor = iann._compiled.part_of("boxes").widget
iann
'''


def open_scenarios(lab):
    write_notebook(lab, NOTEBOOK, SPANS, BOXES)
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".lw-regions-canvas").wait_for()
    lab.page.locator('.lw-spans[data-object="text"]').wait_for()
    return lab.page


# The texts of a TextArea's fields (the field being typed, and a kept entry's field).
FIELDS = "[...document.querySelectorAll('[data-control=\"%s\"] .lw-text-field')].map((e) => e.value)"


IN_ANNOTATOR = ("() => Boolean(document.activeElement"
                " && document.activeElement.closest('.lw-annotator'))")


def control(page, name):
    return page.locator(f'.lw-annotator [data-control="{name}"]').first


def span_id(lab, text):
    return lab.kernel_eval_json(
        f"[s['id'] for s in (ann.values['ner'] or []) if s['text'] == {text!r}][0]")


def test_type_a_comment_for_the_selected_span(lab):
    page = open_scenarios(lab)
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    norm = control(page, "norm")
    assert not norm.is_visible()  # no region selected: the per-region control is hidden
    start = text.index("Alice Smith")
    drag(page, "text", start, start + len("Alice Smith"))
    page.keyboard.press("p")
    acme = text.index("Acme Corp")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    lab.wait_until_kernel("len(ann.values['ner'] or []) == 2")
    alice, corp = span_id(lab, "Alice Smith"), span_id(lab, "Acme Corp")

    click_char(page, "text", start + 2)  # select Alice's span
    norm.wait_for(state="visible")
    # The control says which region it edits.
    page.locator(".lw-region-caption", has_text="norm for “Alice Smith” (PER)").wait_for()
    norm.locator(".lw-text-field").fill("Alice B. Smith")
    click_char(page, "text", acme + 1)  # select Acme's span: its own, empty, value
    page.wait_for_function(f"() => {FIELDS % 'norm'}.every((v) => v === '')")
    norm.locator(".lw-text-field").fill("ACME Corporation")
    click_char(page, "text", start + 2)  # back to Alice: her value is still there
    page.wait_for_function(f"() => {FIELDS % 'norm'}.includes('Alice B. Smith')")
    lab.screenshot("per_region_span_comment", locator=page.locator(
        '.lw-annotator:has(.lw-spans[data-object="text"])'))
    page.keyboard.press("Control+Enter")  # submit while typing
    cell = lab.wait_until_kernel("df.at['t1', 'norm']")
    assert cell == {alice: "Alice B. Smith", corp: "ACME Corporation"}
    # The field that held focus hid with the submit: focus stays in the annotator, so the
    # person's next key acts on the widget (ArrowLeft goes back to t1), not on the notebook.
    lab.wait_until_kernel("ann.current == 't2'")
    norm.wait_for(state="hidden")
    assert page.evaluate(IN_ANNOTATOR)
    page.keyboard.press("ArrowLeft")
    assert lab.wait_until_kernel("ann.current == 't1'", timeout=30)
    exported = lab.kernel_eval_json(
        "[r for r in ann.to_label_studio()[0]['annotations'][0]['result']"
        " if r['from_name'] == 'norm']")
    assert sorted((r["id"], r["value"]["text"]) for r in exported) == sorted(
        [(alice, ["Alice B. Smith"]), (corp, ["ACME Corporation"])])


def test_a_choice_shows_only_while_a_per_span_is_selected(lab):
    page = open_scenarios(lab)
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    gender = control(page, "gender")
    start = text.index("Alice Smith")
    drag(page, "text", start, start + len("Alice Smith"))
    page.keyboard.press("p")
    acme = text.index("Acme Corp")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    lab.wait_until_kernel("len(ann.values['ner'] or []) == 2")
    alice = span_id(lab, "Alice Smith")
    assert not gender.is_visible()
    click_char(page, "text", acme + 1)  # an ORG span: the choice stays hidden
    page.locator('.lw-span-row.lw-sel').wait_for()
    assert not gender.is_visible()
    page.keyboard.press("f")  # a hidden control's hotkey does nothing
    click_char(page, "text", start + 2)  # a PER span: the choice shows
    gender.wait_for(state="visible")
    gender.locator('[data-value="female"]').click()
    # Only Alice's value: the "f" pressed while the choice was hidden set nothing.
    assert lab.wait_until_kernel("ann.values['gender']") == {alice: "female"}
    lab.screenshot("per_region_visible_when_label", locator=page.locator(
        '.lw-annotator:has(.lw-spans[data-object="text"])'))

    # A View shown only when topic is Sports.
    team = control(page, "team")
    assert not team.is_visible()
    control(page, "topic").locator('[data-value="Sports"]').click()
    team.wait_for(state="visible")
    control(page, "topic").locator('[data-value="Business"]').click()
    page.wait_for_function(
        "() => !document.querySelector('[data-control=\"team\"]').checkVisibility()")
    click_char(page, "text", text.index("works"))  # outside the spans: deselects
    gender.wait_for(state="hidden")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['t1', 'gender']") == {alice: "female"}
    assert lab.kernel_eval_json("df.at['t1', 'topic']") == "Business"


def test_type_a_comment_for_the_selected_box(lab):
    page = open_scenarios(lab)
    ed = Editor(lab)
    page.locator(".lw-regions-stage").scroll_into_view_if_needed()
    comment = control(page, "comment")
    assert not comment.is_visible()
    ed.focus()
    page.keyboard.press("c")
    ed.drag((40, 40), (140, 120))
    ed.click(90, 80)  # select the box
    comment.wait_for(state="visible")
    comment.locator(".lw-text-field").fill("red car")
    ed.drag((200, 150), (300, 250))
    ed.click(250, 200)  # the second box: its comment is empty
    page.wait_for_function(f"() => {FIELDS % 'comment'}.every((v) => v === '')")
    lab.screenshot("per_region_box_comment", locator=page.locator(".lw-annotator:has(.lw-regions)"))
    page.keyboard.press("Control+Enter")  # the second box has no comment: required says so
    page.locator(".lw-message.lw-error").wait_for()
    message = page.locator(".lw-message.lw-error").inner_text()
    second = lab.wait_until_kernel(
        "len(editor.value['boxes'] or []) == 2 and editor.value['boxes'][1]['id']")
    assert f'region "{second}"' in message and "comment" in message
    comment.locator(".lw-text-field").fill("blue van")
    page.keyboard.press("Control+Enter")
    cell = lab.wait_until_kernel("idf.at['i1', 'comment']")
    boxes = lab.kernel_eval_json("idf.at['i1', 'boxes']")
    assert cell == {boxes[0]["id"]: "red car", boxes[1]["id"]: "blue van"}
