"""Issue 17 item 7 in a real JupyterLab: the small things a labeler notices. Each test is what
a person did, then the DataFrame (or the store's history) in the kernel."""

from __future__ import annotations

import re

from harness import REPO_ROOT

from tests.browser.helpers import cell_sources, open_notebook, write_notebook
from tests.browser.helpers import drag as drag_text

LONG_TEXT = '''\
import pandas as pd
import labelwidget as lw

words = " ".join(f"word{i}" for i in range(2000))[:14600]
df = pd.DataFrame({"text": ["Alice " + words, "Bob stays short."]}, index=["long", "short"])
config = """
<View>
  <Labels name="ner" toName="text"><Label value="PER" hotkey="p"/></Labels>
  <Text name="text" value="$text"/>
</View>
"""
ann = lw.Annotator(df, config)
ann
'''

TAXONOMY = '''\
import pandas as pd
import labelwidget as lw

df = pd.DataFrame({"text": ["a puppy", "an oak"]}, index=["one", "two"])
config = """
<View>
  <Text name="text" value="$text"/>
  <Taxonomy name="kind" toName="text">
    <Choice value="Animal"><Choice value="Dog"/><Choice value="Cat"/></Choice>
    <Choice value="Plant"><Choice value="Tree"/><Choice value="Grass"/></Choice>
  </Taxonomy>
</View>
"""
ann = lw.Annotator(df, config)
ann
'''

EMPTY_TEXT = '''\
import numpy as np
import pandas as pd
import labelwidget as lw

df = pd.DataFrame({"text": [np.nan, "Works well."]}, index=["blank", "fine"])
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


def in_viewport(page, selector):
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }", selector)


def test_a_long_text_scrolls_inside_the_widget(lab):
    page = open_notebook(lab, "small_long_text.ipynb", LONG_TEXT)
    annotator = page.locator(".lw-annotator")
    annotator.scroll_into_view_if_needed()
    height = annotator.bounding_box()["height"]
    viewport = page.viewport_size["height"]
    assert height < viewport * 0.8, height  # the whole widget fits: the text scrolls inside
    text = page.locator('.lw-span-text[data-object="text"]')
    assert page.evaluate("() => { const t = document.querySelector('.lw-span-text');"
                         " return t.scrollHeight > t.clientHeight * 3; }")
    # Label the first word, scroll the text to its end: toolbar and labels stay in view.
    page.locator('.lw-label[data-value="PER"]').click()  # arm PER, then select the word
    drag_text(page, "text", 0, 5)
    page.wait_for_selector(".lw-span-row")
    text.hover()
    page.mouse.wheel(0, 20000)
    page.wait_for_function("() => { const t = document.querySelector('.lw-span-text');"
                           " return t.scrollTop + t.clientHeight >= t.scrollHeight - 2; }")
    assert in_viewport(page, ".lw-toolbar") and in_viewport(page, ".lw-span-labels")
    # The span's delete button is a target a finger or a tired hand can hit.
    delete = page.locator(".lw-span-delete").first.bounding_box()
    assert delete["width"] >= 24 and delete["height"] >= 24, delete
    lab.screenshot("small_long_text", locator=annotator)
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['long', 'ner']")
    assert [(s["start"], s["end"], s["labels"]) for s in cell] == [(0, 5, ["PER"])]
    # The next task starts at the top of its text.
    page.wait_for_function("() => document.querySelector('.lw-span-text').textContent"
                           ".startsWith('Bob') && document.querySelector('.lw-span-text')"
                           ".scrollTop === 0")


def test_taxonomy_search_and_open_tree_do_not_carry_over(lab):
    page = open_notebook(lab, "small_taxonomy.ipynb", TAXONOMY)
    page.locator(".lw-tax-toggle").click()
    page.locator(".lw-tax-search").fill("do")
    page.locator('.lw-tax-label:has-text("Dog") input').click()
    page.keyboard.press("Enter")  # the click left focus in the widget: Enter submits
    assert lab.wait_until_kernel("df.at['one', 'kind']") == [["Animal", "Dog"]]
    page.wait_for_function("() => document.querySelector('.lw-object.lw-text')"
                           ".textContent === 'an oak'")
    # The next task: the tree is closed and the search empty, as in Label Studio.
    assert page.locator(".lw-tax-panel").is_hidden()
    assert page.locator(".lw-tax-search").input_value() == ""
    page.locator(".lw-tax-toggle").click()
    assert page.locator('.lw-tax-label:has-text("Dog")').count() == 0  # Animal is folded
    page.locator('.lw-tax-caret[aria-label="expand Plant"]').click()
    page.locator('.lw-tax-label:has-text("Tree") input').click()
    lab.screenshot("small_taxonomy", locator=page.locator(".lw-annotator"))
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['two', 'kind']") == [["Plant", "Tree"]]


def test_an_empty_text_cell_says_so_and_is_not_submitted(lab):
    page = open_notebook(lab, "small_empty_text.ipynb", EMPTY_TEXT)
    text = page.locator(".lw-annotator .lw-object.lw-text")
    assert "“text” cell of this task is empty" in text.inner_text()
    text.click()
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    message = page.locator(".lw-message.lw-error")
    message.wait_for()
    assert "Cannot submit" in message.inner_text() and "empty" in message.inner_text()
    lab.screenshot("small_empty_text", locator=page.locator(".lw-annotator"))
    assert lab.kernel_eval_json("[df.at['blank', 'sentiment'], ann.current]") == [None, "blank"]
    page.keyboard.press("Control+Space")  # skip it: the next task has text
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-text')"
                           ".textContent === 'Works well.'")
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['fine', 'sentiment']") == "Negative"
    assert lab.kernel_eval_json("df.at['blank', 'sentiment']") is None
    assert lab.kernel_eval_json("ann.results['kind'].tolist()") == ["skip", "submit"]


def readme_cells() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text()
    section = readme.split("## 30 seconds", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_30_seconds_cells_work_as_written(lab):
    cells = readme_cells()
    assert len(cells) >= 2
    folder = lab.server.root_dir / "readme30"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("reviews.labels.sqlite*"):
        old.unlink()
    write_notebook(lab, "readme30/readme_30_seconds.ipynb", *cells)
    lab.open_notebook("readme30/readme_30_seconds.ipynb")
    lab.run_all()
    page = lab.page
    page.locator(".lw-annotator").wait_for()
    first = lab.kernel_eval_json("df.index[0]")
    # Label the first review as the comment says: press 1, Enter submits.
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel(f"df.at[{first!r}, 'sentiment']") == "Positive"
    # A new day: restart, run the same cells. The label comes back, and so does its history.
    lab.restart_kernel()
    lab.run_all()
    assert lab.kernel_eval_json(f"df.at[{first!r}, 'sentiment']") == "Positive"
    results = lab.kernel_eval_json("ann.results[['task', 'kind', 'value']].values.tolist()")
    assert results == [[first, "submit", "Positive"]]
    outputs = page.evaluate("() => window.__lwPanel.content.widgets.map(c => c.model.outputs"
                            ".toJSON().map(o => JSON.stringify(o.data || o.text || '')).join(''))")
    assert "lw-annotator" in outputs[0] or "application/vnd.jupyter.widget-view+json" in outputs[0]
    assert "Positive" in outputs[-1] and "submit" in outputs[-1]  # ann.results, shown
    lab.screenshot("small_readme_30_seconds", full_page=True)
    assert len(cell_sources(page)) == len(cells)


def test_bad_image_rows_are_named_before_they_are_reached(lab):
    from test_image_regions import open_scenarios as open_image_scenarios

    page = open_image_scenarios(lab)  # t0..t2 are images, t3's file is missing
    progress = page.locator(".lw-progress")
    page.wait_for_function("() => document.querySelector('.lw-progress').textContent"
                           ".includes('cannot be shown')")
    assert "1 task(s) cannot be shown: 't3'" in progress.inner_text()
    assert "task 't0'" in progress.inner_text()  # found at bind time, while t0 is shown
    lab.screenshot("small_bad_image_rows", locator=page.locator(".lw-toolbar"))
    # The rest labels as usual.
    page.locator('.lw-choices .lw-option[data-value="Sharp"]').click()
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['t0', 'quality']") == "Sharp"
    assert lab.kernel_eval_json("ann._unshowable") == ["t3"]
