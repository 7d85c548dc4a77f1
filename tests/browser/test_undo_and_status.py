"""Issue 17, items 2 and 3, in a real JupyterLab, as a person would do it: Ctrl+Z undoes the last
edit of the task on screen (never a submit); undoing a submit is its own button that says what
it reverts and can be redone; an edit that is not submitted says so until it is submitted.
Everything is checked in the kernel's DataFrame and in the store (``lw.load``).

The scenario notebook is written by this module into the server's root.
"""

from __future__ import annotations

from tests.browser.helpers import drag, write_notebook

NOTEBOOK = "undo_scenarios.ipynb"

SETUP = '''\
import uuid

import pandas as pd

import labelwidget as lw

CONFIG = """
<View>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/><Label value="ORG" hotkey="o"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
  </Choices>
</View>
"""
texts = ["Alice Smith met Bob Jones at Acme Corp.", "Carol works for Globex in Berlin.",
         "Dave met Erin.", "Nothing here."]
df = pd.DataFrame({"text": texts}, index=["r1", "r2", "r3", "r4"])
store = f"undo-{uuid.uuid4().hex[:8]}.labels.sqlite"  # a fresh store for each run
ann = lw.Annotator(df, CONFIG, store=store, annotator="me")
ann
'''


def open_scenarios(lab):
    write_notebook(lab, NOTEBOOK, SETUP)
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page = lab.page
    page.locator(".lw-annotator .lw-span-text").wait_for()
    return page


def shown_text(page):
    return page.locator(".lw-annotator .lw-span-text").inner_text()


def wait_shown(page, text):
    page.wait_for_function(
        "t => document.querySelector('.lw-annotator .lw-span-text').textContent === t", arg=text)


def spans_on_screen(page):
    return page.locator(".lw-annotator .lw-span-text .lw-seg[data-chip]").count()


def state(page):
    return page.locator(".lw-annotator .lw-state").inner_text()


def progress(page):
    return page.locator(".lw-annotator .lw-progress").inner_text()


def shot(lab, name):
    lab.screenshot(name, locator=lab.page.locator(".lw-annotator"))


def test_ctrl_z_undoes_the_edit_on_screen_and_undo_submit_is_explicit_and_redoable(lab):
    page = open_scenarios(lab)
    texts = lab.kernel_eval_json("texts")
    # r1: mark "Alice Smith" as PER and submit.
    drag(page, "text", 0, len("Alice Smith"))
    page.keyboard.press("p")
    page.keyboard.press("Enter")
    wait_shown(page, texts[1])
    assert lab.wait_until_kernel("len(df.at['r1', 'ner'] or [])") == 1

    # r2: a wrong span, then Ctrl+Z: the span goes, the task stays, r1 keeps its span.
    start = texts[1].index("Globex")
    drag(page, "text", start, start + len("Globex"))
    page.keyboard.press("o")
    page.wait_for_function("() => document.querySelectorAll("
                           "'.lw-annotator .lw-span-text .lw-seg[data-chip]').length === 1")
    shot(lab, "undo_wrong_span")
    page.keyboard.press("Control+z")
    page.wait_for_function("() => document.querySelectorAll("
                           "'.lw-annotator .lw-span-text .lw-seg[data-chip]').length === 0")
    assert shown_text(page) == texts[1]
    assert lab.wait_until_kernel("ann.values['ner'] in (None, []) and ann.current == 'r2'")
    assert lab.kernel_eval_json("[s['text'] for s in df.at['r1', 'ner']]") == ["Alice Smith"]
    assert lab.kernel_eval_json("[s['text'] for s in lw.load(store).at['r1', 'ner']]") == \
        ["Alice Smith"]
    shot(lab, "undo_wrong_span_undone")

    # Ctrl+Shift+Z brings the span back; Ctrl+Z again, then a choice and its undo by Ctrl+Z.
    page.keyboard.press("Control+Shift+z")
    page.wait_for_selector('.lw-annotator .lw-seg[data-chip="ORG"]')
    assert lab.wait_until_kernel(
        "[s['text'] for s in ann.values['ner'] or []] == ['Globex']") is True
    page.keyboard.press("Control+z")
    page.keyboard.press("1")
    page.wait_for_selector('.lw-option.lw-on[data-value="Positive"]')
    page.keyboard.press("Control+z")
    page.wait_for_function("() => !document.querySelector('.lw-annotator .lw-option.lw-on')")
    page.keyboard.press("Control+y")  # redo, the other key
    page.wait_for_selector('.lw-option.lw-on[data-value="Positive"]')
    page.keyboard.press("Control+z")
    assert lab.wait_until_kernel("ann.values == {'ner': [], 'sentiment': None} or "
                                 "ann.values == {'ner': None, 'sentiment': None}") is True
    assert spans_on_screen(page) == 0 and shown_text(page) == texts[1]

    # Undoing the submit of r1 is its own button, which names the task and what it reverts.
    undo = page.locator(".lw-annotator .lw-undo_submit")
    assert undo.inner_text() == "Undo submit (r1)"
    assert "ner: 1 region" in undo.get_attribute("title")
    undo.click()
    wait_shown(page, texts[0])
    message = page.locator(".lw-annotator .lw-message")
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-message')"
                           ".textContent.startsWith('undid the submit of task')")
    assert "undid the submit of task 'r1' (ner: 1 region" in message.inner_text()
    assert lab.wait_until_kernel("df.at['r1', 'ner'] is None") is True
    assert lab.kernel_eval_json("'r1' in lw.load(store).index") is False
    shot(lab, "undo_submit_undone")

    # ... and it can be redone.
    redo = page.locator(".lw-annotator .lw-redo_submit")
    redo.wait_for()
    redo.click()
    assert lab.wait_until_kernel("len(df.at['r1', 'ner'] or [])") == 1
    assert lab.kernel_eval_json("[s['text'] for s in lw.load(store).at['r1', 'ner']]") == \
        ["Alice Smith"]
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-message')"
                           ".textContent === \"redid the submit of task 'r1'\"")
    shot(lab, "undo_submit_redone")


def test_an_unsubmitted_edit_says_so_until_it_is_submitted(lab):
    page = open_scenarios(lab)
    texts = lab.kernel_eval_json("texts")
    store = lab.kernel_eval_json("store")
    page.locator(".lw-annotator .lw-span-text").click()
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    wait_shown(page, texts[1])
    assert lab.wait_until_kernel("df.at['r1', 'sentiment']") == "Positive"
    page.wait_for_selector(".lw-annotator .lw-state.lw-saved")
    assert state(page) == f"✓ saved to {store}"

    # Back on the done task, press 2: not submitted, and it says so everywhere.
    page.keyboard.press("ArrowLeft")
    wait_shown(page, texts[0])
    page.keyboard.press("2")
    page.wait_for_selector('.lw-option.lw-on[data-value="Negative"]')
    assert state(page) == "● edited — not submitted"
    # Away and back: still not saved, still said.
    page.keyboard.press("ArrowRight")
    wait_shown(page, texts[1])
    page.keyboard.press("ArrowLeft")
    wait_shown(page, texts[0])
    page.wait_for_selector('.lw-option.lw-on[data-value="Negative"]')
    assert state(page) == "● edited — not submitted"
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-progress')"
                           ".textContent.includes('(1 of 4, done, edited — not submitted)')")
    assert "1 edited — not submitted" in progress(page)
    assert lab.wait_until_kernel("ann.unsaved == ['r1'] and ann.current == 'r1'") is True
    assert lab.kernel_eval_json("[df.at['r1', 'sentiment'], lw.load(store).at['r1', "
                                "'sentiment']]") == ["Positive", "Positive"]
    shot(lab, "status_edited_not_submitted")

    page.keyboard.press("Enter")
    wait_shown(page, texts[1])
    assert lab.wait_until_kernel("df.at['r1', 'sentiment'] == 'Negative' and ann.unsaved == []")
    page.wait_for_function(
        "s => document.querySelector('.lw-annotator .lw-state').textContent === s",
        arg=f"✓ saved to {store}")
    assert "edited" not in progress(page)

    # A message about undoing a submit goes once that task is submitted again.
    page.locator(".lw-annotator .lw-undo_submit").click()
    wait_shown(page, texts[0])
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-message')"
                           ".textContent.startsWith(\"undid the submit of task 'r1'\")")
    assert lab.wait_until_kernel("df.at['r1', 'sentiment'] == 'Positive'") is True  # as before
    page.locator(".lw-annotator .lw-span-text").click()
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    wait_shown(page, texts[1])
    assert lab.wait_until_kernel("df.at['r1', 'sentiment'] == 'Negative'") is True
    page.wait_for_function(
        "() => document.querySelector('.lw-annotator .lw-message').textContent === ''")
    shot(lab, "status_after_resubmit")
