"""Issue 6 in a real JupyterLab: two tasks labeled in the browser survive a kernel restart.

Label two tasks with a store (mouse for one, keys for the other), restart the kernel from
JupyterLab, run the notebook again: the kernel's DataFrame has both, and the widget resumes at
task 3 with the two labeled tasks behind it, showing their values.

A store that fails mid-session (the disk goes away) says "not saved" and keeps what was entered.
"""


STORE = "store_restart.sqlite"
SHOWN = "t => document.querySelector('.lw-annotator .lw-text')?.textContent === t"


def wait_shown(page, text):
    page.wait_for_function(SHOWN, arg=text)


def test_labels_survive_a_kernel_restart(lab):
    page = lab.page
    lab.open_notebook("store_restart.ipynb")
    # A store left by an earlier run of this notebook on the same server would change the story.
    lab.kernel_exec("import pathlib\n"
                    f"for p in pathlib.Path('.').glob('{STORE}*'): p.unlink()")
    lab.run_all()
    page.locator(".lw-annotator").wait_for()
    texts = lab.kernel_eval_json("df['text'].tolist()")
    wait_shown(page, texts[0])
    state = page.locator(".lw-annotator .lw-state")
    assert f"saved to {STORE}" in state.inner_text()

    # Task r1 by mouse.
    page.locator('.lw-choices .lw-option[data-value="Positive"]').click()
    page.locator('.lw-choices .lw-option[data-value="Battery"]').click()
    page.locator(".lw-toolbar .lw-submit").click()
    wait_shown(page, texts[1])
    # Task r2 by keys (focus is still inside the widget).
    page.keyboard.press("2")
    page.keyboard.press("s")
    page.wait_for_selector('.lw-option.lw-on[data-value="Screen"]')
    page.keyboard.press("Enter")
    wait_shown(page, texts[2])

    expected = [["Positive", ["Battery"]], ["Negative", ["Screen"]]]
    labeled = lab.wait_until_kernel(
        "df.loc[['r1', 'r2'], ['sentiment', 'aspects']].values.tolist() "
        "if df.loc[['r1', 'r2'], 'sentiment'].notna().all() else None")
    assert labeled == expected
    page.wait_for_selector(".lw-annotator .lw-state.lw-saved")  # every submit acked
    assert state.inner_text().startswith("✓ saved")
    assert lab.kernel_eval_json(f"lw.load('{STORE}').loc[['r1', 'r2']].values.tolist()") == expected

    lab.restart_kernel()
    assert lab.kernel_eval_json("'df' in globals()") is False  # a new, empty kernel
    lab.run_all()  # raises if a cell failed (e.g. the store still locked by the old kernel)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0  # no StoreWarning

    # The kernel's DataFrame: both restored; the queue resumes at task 3.
    restored = lab.kernel_eval_json("df.loc[['r1', 'r2'], ['sentiment', 'aspects']].values.tolist()")
    assert restored == expected
    assert lab.kernel_eval_json("df.loc[['r3', 'r4', 'r5'], 'sentiment'].isna().all().item()")
    assert lab.kernel_eval_json("ann.current") == "r3"
    # The widget: a fresh view showing task 3, progress counting the two restored tasks.
    assert page.locator(".lw-annotator").count() == 1
    wait_shown(page, texts[2])
    progress = page.locator(".lw-annotator .lw-progress").inner_text()
    assert "task 'r3' (3 of 5, unlabeled)" in progress and "2/5 done" in progress
    assert f"saved to {STORE}" in state.inner_text()
    lab.screenshot("store_restart_resumed")

    # Going back shows the restored values in the widget, drawn from the prefetched tasks.
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("ArrowLeft")
    wait_shown(page, texts[1])
    page.wait_for_selector('.lw-option.lw-on[data-value="Negative"]')
    page.wait_for_selector('.lw-option.lw-on[data-value="Screen"]')
    assert page.locator(".lw-option.lw-on").count() == 2
    page.keyboard.press("ArrowLeft")
    wait_shown(page, texts[0])
    page.wait_for_selector('.lw-option.lw-on[data-value="Positive"]')
    page.wait_for_selector('.lw-option.lw-on[data-value="Battery"]')
    page.wait_for_function(  # Python caught up with the moves: progress and save state settle
        "() => document.querySelector('.lw-annotator .lw-progress').textContent"
        ".includes(\"task 'r1' (1 of 5, done)\")")
    page.wait_for_selector(".lw-annotator .lw-state.lw-saved")
    assert lab.kernel_eval_json("ann.current") == "r1"
    lab.screenshot("store_restart_restored_r1")


def break_the_store_and_submit(lab):
    """Open the notebook, make every append fail, click Negative + Screen + Submit on r1."""
    page = lab.page
    lab.open_notebook("store_restart.ipynb")
    lab.kernel_exec("import pathlib\n"
                    f"for p in pathlib.Path('.').glob('{STORE}*'): p.unlink()")
    lab.run_all()
    texts = lab.kernel_eval_json("df['text'].tolist()")
    wait_shown(page, texts[0])
    # The disk goes away: every append fails the way SQLite's errors reach the Annotator.
    lab.kernel_exec(
        "from labelwidget.store import StoreError\n"
        "def _broken(event, **kwargs):\n"
        "    raise StoreError(f'saving task {event.task!r} in the store failed: disk I/O error')\n"
        "_append = ann._store.append\n"
        "ann._store.append = _broken\n")
    page.locator('.lw-choices .lw-option[data-value="Negative"]').click()
    page.locator('.lw-choices .lw-option[data-value="Screen"]').click()
    page.locator(".lw-toolbar .lw-submit").click()
    message = page.locator(".lw-annotator .lw-message.lw-error")
    message.wait_for()
    assert message.inner_text() == ("not saved: saving task 'r1' in the store failed: "
                                    "disk I/O error")
    return texts


def test_a_failed_save_says_not_saved_and_keeps_the_values(lab):
    page = lab.page
    texts = break_the_store_and_submit(lab)
    wait_shown(page, texts[0])  # Python brought the task back, with what was entered
    page.wait_for_selector('.lw-option.lw-on[data-value="Negative"]')
    page.wait_for_selector('.lw-option.lw-on[data-value="Screen"]')
    assert lab.kernel_eval_json("df['sentiment'].isna().all().item()") is True
    assert lab.kernel_eval_json("ann.current") == "r1"
    lab.screenshot("store_restart_not_saved")

    # The disk is back: Enter saves the values that were kept.
    lab.kernel_exec("ann._store.append = _append")
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("Enter")
    wait_shown(page, texts[1])
    assert lab.wait_until_kernel(
        "df.loc['r1', ['sentiment', 'aspects']].tolist() if df.loc['r1', 'sentiment'] else None"
    ) == ["Negative", ["Screen"]]
    page.wait_for_selector(".lw-annotator .lw-state.lw-saved")
    assert lab.kernel_eval_json(f"lw.load('{STORE}').loc['r1'].tolist()") == ["Negative", ["Screen"]]


def test_the_save_state_does_not_say_saved_after_a_failed_save(lab):
    break_the_store_and_submit(lab)
    lab.wait_until_kernel("ann.current == 'r1'")
    state = lab.page.locator(".lw-annotator .lw-state")
    lab.page.wait_for_selector(".lw-annotator .lw-state.lw-failed")
    assert state.inner_text() == "✗ not saved", state.inner_text()
