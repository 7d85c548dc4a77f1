"""Issue 11 item 4 in a real JupyterLab: a person pages through a <Repeater> (the pager's
buttons and PageDown), labels two of its items with the mouse and a hotkey, submits with
Enter, and the DataFrame in the kernel holds one entry per item."""

from __future__ import annotations

from tests.browser.helpers import open_notebook

SETUP = '''import pandas as pd
import labelwidget as lw

config = """
<View>
  <Repeater on="$utterances" indexFlag="{{idx}}" mode="pagination">
    <Text name="user_{{idx}}" value="$utterances[{{idx}}].text"/>
    <Choices name="action_{{idx}}" showInline="true" toName="user_{{idx}}">
      <Choice value="No Action"/><Choice value="Training"/><Choice value="New Intent"/>
    </Choices>
  </Repeater>
</View>
"""
df = pd.DataFrame({"utterances": [[{"text": "hello there"}, {"text": "book a flight"},
                                   {"text": "goodbye"}],
                                  [{"text": "second task"}]]},
                  index=pd.Index(["t1", "t2"], name="task"))
ann = lw.Annotator(df, config)
ann'''

WHERE = "() => document.querySelector('.lw-annotator .lw-repeater-where').textContent"
TEXT = "() => document.querySelector('.lw-annotator .lw-text').textContent"
CHOSEN = """() => [...document.querySelectorAll('.lw-annotator .lw-option.lw-on')]
    .map((b) => b.dataset.value).join()"""


def shows(page, where: str, text: str, chosen: str) -> None:
    page.wait_for_function(f"() => ({WHERE})().startsWith({where!r}) && ({TEXT})() === "
                           f"{text!r} && ({CHOSEN})() === {chosen!r}")


def test_page_through_a_repeater_label_two_items_and_submit(lab):
    page = open_notebook(lab, "repeater.ipynb", SETUP)
    shows(page, "item 1 of 3", "hello there", "")
    # Item 1: a click on an option.
    page.locator('.lw-annotator .lw-option[data-value="Training"]').click()
    shows(page, "item 1 of 3", "hello there", "Training")
    # Next item with the pager's button: its own text, nothing chosen yet.
    page.locator(".lw-annotator .lw-repeater-step[aria-label='next item']").click()
    shows(page, "item 2 of 3", "book a flight", "")
    # Item 3 with PageDown; label it with the option's hotkey (3: the third option).
    page.keyboard.press("PageDown")
    shows(page, "item 3 of 3", "goodbye", "")
    page.keyboard.press("3")
    shows(page, "item 3 of 3", "goodbye", "New Intent")
    lab.screenshot("repeater_item_3")
    # Back to item 1: its choice is still there.
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    shows(page, "item 1 of 3", "hello there", "Training")
    lab.screenshot("repeater_item_1")
    page.keyboard.press("Enter")
    # The next task starts at its first item.
    shows(page, "item 1 of 1", "second task", "")
    cell = lab.wait_until_kernel("df.at['t1', 'action'] if df['action'].notna().any() else None")
    assert cell == ["Training", None, "New Intent"]
    result = lab.kernel_eval_json("[(r['from_name'], r['to_name'], r['value']) for r in "
                                  "ann.to_label_studio()[0]['annotations'][0]['result']]")
    assert result == [["action_0", "user_0", {"choices": ["Training"]}],
                      ["action_2", "user_2", {"choices": ["New Intent"]}]]


IMAGES = '''import numpy as np
import pandas as pd
from PIL import Image

import labelwidget as lw

def page_image(shade):
    return np.asarray(Image.new("RGB", (400, 300), (shade, 230, 210)))

config = """
<View>
  <Image name="pdf" valueList="$pages"/>
  <RectangleLabels name="boxes" toName="pdf"><Label value="Title" hotkey="t"/></RectangleLabels>
  <Choices name="kind" toName="pdf" perItem="true" showInline="true">
    <Choice value="Invoice"/><Choice value="Receipt"/>
  </Choices>
</View>
"""
df = pd.DataFrame({"pages": [[page_image(200), page_image(120)]]}, index=["doc"])
ann = lw.Annotator(df, config)
editor = ann._compiled.part_of("boxes").widget
ann'''


def test_draw_a_box_on_the_second_image_of_a_list_and_choose_per_image(lab):
    from tests.browser.helpers import Editor

    page = open_notebook(lab, "image_list.ipynb", IMAGES)
    page.locator(".lw-regions-canvas").wait_for()
    page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view",
                           polling=100)
    page.wait_for_function(f"() => ({WHERE})().startsWith('item 1 of 2')")
    page.locator('.lw-annotator .lw-option[data-value="Invoice"]').click()
    page.locator(".lw-annotator .lw-repeater-step[aria-label='next item']").click()
    page.wait_for_function(f"() => ({WHERE})().startsWith('item 2 of 2') && "
                           f"({CHOSEN})() === ''")
    ed = Editor(lab)
    page.locator(".lw-regions-stage").scroll_into_view_if_needed()
    ed.focus()
    page.keyboard.press("t")
    ed.drag((40, 40), (140, 120))
    page.locator('.lw-annotator .lw-option[data-value="Receipt"]').click()
    lab.screenshot("image_list_second_image")
    page.keyboard.press("Enter")
    boxes = lab.wait_until_kernel("df.at['doc', 'boxes'] if df['boxes'].notna().all() "
                                  "else None")
    assert [(b["rectanglelabels"], b["item_index"]) for b in boxes] == [(["Title"], 1)]
    assert lab.kernel_eval_json("df.at['doc', 'kind']") == ["Invoice", "Receipt"]
    exported = lab.kernel_eval_json("[(r['from_name'], r.get('item_index')) for r in "
                                    "ann.to_label_studio()[0]['annotations'][0]['result']]")
    assert sorted(map(tuple, exported)) == [("boxes", 1), ("kind", 0), ("kind", 1)]
