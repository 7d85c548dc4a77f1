"""Issue 2 in a real JupyterLab: label by clicking and by hotkeys, check the DataFrame in the
kernel, and check that the widget's keys do not reach JupyterLab's own shortcuts."""

from tests.browser.helpers import shown_text

EXPECTED = ["Positive", "Negative", "Neutral", "Negative", "Positive", "Neutral"]


def test_label_by_click_and_by_hotkey(lab):
    page = lab.page
    lab.open_notebook("text_classification.ipynb")
    lab.run_all()
    annotator = page.locator(".lw-annotator")
    annotator.wait_for()
    texts = lab.kernel_eval_json("df['text'].tolist()")
    assert shown_text(page) == texts[0]

    # Three tasks by mouse: click the option, then the Submit button.
    for i, label in enumerate(EXPECTED[:3]):
        page.locator(f'.lw-choices .lw-option[data-value="{label}"]').click()
        page.locator(".lw-toolbar .lw-submit").click()
        page.wait_for_function(
            "t => document.querySelector('.lw-annotator .lw-text').textContent === t",
            arg=texts[i + 1],
        )
    lab.screenshot("text_classification_clicked")

    # Three tasks by keyboard: focus stays in the widget; the option hotkey, then Enter.
    keys = {"Positive": "1", "Negative": "2", "Neutral": "3"}
    for i, label in enumerate(EXPECTED[3:], start=3):
        page.keyboard.press(keys[label])
        page.wait_for_selector(f'.lw-option.lw-on[data-value="{label}"]')
        page.keyboard.press("Enter")
        # The next task is drawn by the browser from the prefetched tasks: no kernel wait.
        page.wait_for_function(
            "t => document.querySelector('.lw-annotator .lw-text').textContent === t",
            arg=texts[i + 1],
        )

    labeled = lab.wait_until_kernel(
        "df['sentiment'].head(6).tolist() if df['sentiment'].head(6).notna().all() else None"
    )
    assert labeled == EXPECTED
    assert lab.kernel_eval_json("ann.current") == lab.kernel_eval_json("df.index[6]")
    assert lab.kernel_eval_json("ann.results.query(\"kind == 'submit'\").shape[0]") == 6
    page.wait_for_selector(".lw-state.lw-saved")
    lab.screenshot("text_classification_done")

    # "m" in command mode turns a cell into Markdown; with focus in the widget it must not.
    before = page.evaluate(
        "() => jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)")
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("m")
    page.keyboard.press("Escape")
    page.keyboard.press("m")
    after = page.evaluate(
        "() => jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)")
    assert after == before
    assert lab.kernel_eval_json("df['sentiment'].head(6).tolist()") == EXPECTED


def test_required_blocks_submit_and_undo_restores(lab):
    page = lab.page
    lab.open_notebook("getting_started.ipynb")
    lab.run_all()
    page.locator(".lw-annotator").first.wait_for()
    # The notebook submitted one task by script, so the widget shows the second review.
    first = page.locator(".lw-annotator .lw-text").inner_text()
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("Enter")
    page.wait_for_selector(".lw-message.lw-error")
    assert "sentiment is required" in page.locator(".lw-message").inner_text()
    assert page.locator(".lw-annotator .lw-text").inner_text() == first

    page.keyboard.press("2")
    page.keyboard.press("q")
    page.keyboard.press("v")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "t => document.querySelector('.lw-annotator .lw-text').textContent !== t", arg=first)
    row = lab.wait_until_kernel("df.loc['r002', ['sentiment', 'aspects']].tolist() "
                                "if df.loc['r002', 'sentiment'] else None")
    assert row == ["Negative", ["Quality", "Price"]]

    # Ctrl+Z undoes edits of the task on screen only, never a submit (issue 17); undoing the
    # submit is the Undo submit button (or its own key), which names the task.
    page.keyboard.press("Control+z")
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-message')"
                           ".textContent.startsWith('nothing to undo on this task')")
    assert page.locator(".lw-annotator .lw-text").inner_text() != first
    assert lab.kernel_eval_json("df.loc['r002', 'sentiment']") == "Negative"
    page.locator(".lw-annotator .lw-undo_submit").click()
    page.wait_for_function(
        "t => document.querySelector('.lw-annotator .lw-text').textContent === t", arg=first)
    assert lab.wait_until_kernel("df.loc['r002', 'sentiment'] is None") is True
    lab.screenshot("getting_started_undo")
