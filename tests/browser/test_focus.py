"""Issue 17 item 1 in a real JupyterLab: any click inside the widget keeps keyboard focus in it,
keys pressed while it has focus never reach JupyterLab or a cell editor, and a key pressed
before it has focus says how to give it focus. Each test is what a person did, then the
DataFrame in the kernel.

The notebooks are written by this module into the server's root (``helpers.write_notebook``).
"""

from __future__ import annotations

from tests.browser.helpers import (
    Editor,
    cell_sources,
    open_image_scenarios,
    open_notebook,
)
from tests.browser.helpers import drag as drag_text

CHOICES = '''\
import pandas as pd
import labelwidget as lw

df = pd.DataFrame({"text": ["Great shoes.", "Broke in a week.", "Fine, I guess."]},
                  index=["a", "b", "c"])
config = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
  </Choices>
</View>
"""
ann = lw.Annotator(df, config)
ann
'''

SPANS = '''\
import pandas as pd
import labelwidget as lw

df = pd.DataFrame({"text": ["Alice met Bob in Paris.", "Carol stayed home."]}, index=["s1", "s2"])
df["ner"] = pd.Series([[{"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]},
                        {"start": 17, "end": 22, "text": "Paris", "labels": ["LOC"]}], None],
                      index=df.index, dtype=object)
config = """
<View>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/><Label value="LOC" hotkey="l"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""
ann = lw.Annotator(df, config)
ann.go_to("s1")  # labeled already (pre-filled), so not where the widget would start
ann
'''

EDITED_CELL = "note = 1"


def test_click_the_text_then_a_choice_then_enter_submits(lab):
    page = open_notebook(lab, "focus_choices.ipynb", CHOICES)
    cells = cell_sources(page)
    # The README's promise: click an option, Enter submits.
    page.locator(".lw-annotator .lw-text").click()
    page.locator('.lw-option[data-value="Positive"]').click()
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['a', 'sentiment']") == "Positive"
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-text')"
                           ".textContent === 'Broke in a week.'")
    # A choice as the very first click on this task, then Enter.
    page.locator('.lw-option[data-value="Negative"]').click()
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['b', 'sentiment']") == "Negative"
    # A toolbar button, then keys: Previous goes back to "b", 1 relabels it, Enter submits.
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-text')"
                           ".textContent === 'Fine, I guess.'")
    page.locator(".lw-toolbar .lw-previous").click()
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-text')"
                           ".textContent === 'Broke in a week.'")
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['b', 'sentiment'] == 'Positive'")
    assert page.evaluate("() => document.querySelector('.lw-annotator')"
                         ".contains(document.activeElement)")
    lab.screenshot("focus_choices", locator=page.locator(".lw-annotator"))
    assert cell_sources(page) == cells  # no key reached the notebook
    assert lab.kernel_eval_json("df['sentiment'].tolist()") == ["Positive", "Positive", None]


def test_delete_a_span_while_a_code_cell_was_being_edited(lab):
    page = open_notebook(lab, "focus_spans.ipynb", SPANS, EDITED_CELL)
    # The person was typing in the next code cell (edit mode) ...
    lab.cell(1).locator(".cm-content").click()
    page.wait_for_function("() => window.__lwPanel.content.mode === 'edit'")
    # ... then clicks the delete button of the "Alice" span in the widget's list and presses Enter.
    row = page.locator('.lw-span-row:has-text("Alice")')
    row.locator(".lw-span-delete").click()
    page.wait_for_function("() => document.querySelectorAll('.lw-span-row').length === 1")
    page.keyboard.press("Enter")  # submits the task: no newline in the code cell
    cell = lab.wait_until_kernel("df.at['s1', 'ner'] if ann.current == 's2' else None")
    assert [s["text"] for s in cell] == ["Paris"]
    assert lab.cell(1).locator(".cm-content").inner_text() == EDITED_CELL
    assert cell_sources(page)[1] == ["code", EDITED_CELL]
    # Keys keep acting in the widget, not in the cell: select "Carol", press p, Enter.
    page.keyboard.press("p")  # nothing selected yet: arms PER
    drag_text(page, "text", 0, 5)
    page.wait_for_selector(".lw-span-row")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['s2', 'ner']")
    assert cell[0]["labels"] == ["PER"] and cell[0]["text"] == "Carol"
    assert cell_sources(page)[1] == ["code", EDITED_CELL]
    lab.screenshot("focus_spans_after_code_cell", full_page=False)


def test_every_click_in_the_image_view_keeps_its_keys(lab):
    page = open_image_scenarios(lab)
    ed = Editor(lab)
    # Pick Car by its button, draw a box, click the box to select it, relabel by the Bus button.
    page.locator('.lw-region-label[data-value="Car"]').click()
    ed.drag((100, 80), (200, 180))
    ed.wait_value("len(v['boxes']) == 1")
    ed.click(150, 130)
    page.wait_for_selector(".lw-region-item.lw-on")
    page.locator('.lw-region-label[data-value="Bus"]').click()
    ed.wait_value("v['boxes'][0]['rectanglelabels'] == ['Bus']")
    page.keyboard.press("Escape")  # after a label button, Esc still deselects
    page.wait_for_selector(".lw-region-item.lw-on", state="detached")
    # Zoom in with the + button, then Space+drag pans (it must not draw a box).
    page.locator(".lw-zoom-in").click()
    x0, y0 = ed.at(250, 200)
    page.keyboard.down(" ")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 - 50, y0 - 30, steps=5)
    page.mouse.up()
    page.keyboard.up(" ")
    x1, y1 = ed.at(250, 200)
    assert abs(x1 - (x0 - 50)) <= 1 and abs(y1 - (y0 - 30)) <= 1
    assert page.locator(".lw-region-item").count() == 1
    # Select the box by its row in the region list, press Delete: it is gone.
    page.locator(".lw-region-item").first.click()
    page.wait_for_selector(".lw-region-item.lw-on")
    x0, y0 = ed.at(250, 200)  # Space+drag still pans after a click on the list
    page.keyboard.down(" ")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 20, y0 + 10, steps=5)
    page.mouse.up()
    page.keyboard.up(" ")
    x1, y1 = ed.at(250, 200)
    assert abs(x1 - (x0 + 20)) <= 1 and abs(y1 - (y0 + 10)) <= 1
    assert page.locator(".lw-region-item").count() == 1
    page.keyboard.press("Delete")
    ed.wait_value("v['boxes'] == []")
    # The last click was on a list row; Enter still submits the task (no box, a quality).
    page.locator('.lw-choices .lw-option[data-value="Sharp"]').click()
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['t0', 'quality']") == "Sharp"
    assert lab.kernel_eval_json("ann.current") == "t1"
    ed.shot("focus_image_view")


def test_a_key_before_the_widget_has_focus_says_how_to_focus_it(lab):
    page = open_notebook(lab, "focus_unfocused.ipynb", CHOICES)
    cells = cell_sources(page)
    annotator = page.locator(".lw-annotator")
    # The pointer rests on the widget; nothing in it was clicked yet (JupyterLab has focus).
    box = page.locator(".lw-annotator .lw-text").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hint = page.locator(".lw-focus-hint")
    hint.wait_for(state="visible")
    assert "click" in hint.inner_text()
    page.keyboard.press("1")  # in JupyterLab's command mode "1" would make a heading
    message = page.locator(".lw-message")
    message.wait_for(state="visible")
    assert "click" in message.inner_text() and "focus" in message.inner_text()
    lab.screenshot("focus_key_before_focus", locator=annotator)
    assert cell_sources(page) == cells
    assert page.locator(".lw-option.lw-on").count() == 0
    # Click the text as the message says: the hint goes, keys now label.
    page.locator(".lw-annotator .lw-text").click()
    hint.wait_for(state="hidden")
    assert message.inner_text() == ""
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['a', 'sentiment']") == "Positive"
    assert cell_sources(page) == cells
