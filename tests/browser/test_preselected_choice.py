"""Issue 11 item 5 in a real JupyterLab: a <Choice selected="true"> is shown chosen on a task
not submitted yet, and Enter records it unless changed (as Label Studio preselects it).
Notebook: tests/browser/notebooks/preselected_choice.ipynb."""

from __future__ import annotations

NOTEBOOK = "preselected_choice.ipynb"

CHOSEN = """() => [...document.querySelectorAll('.lw-annotator .lw-option.lw-on')]
    .map((b) => b.dataset.value)"""


def test_a_preselected_choice_is_shown_and_submitted_by_enter(lab):
    page = lab.page
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page.locator(".lw-annotator .lw-choices").wait_for()
    page.wait_for_function(f"() => ({CHOSEN})().join() === 'Politics'")
    lab.screenshot("preselected_choice")
    assert lab.kernel_eval_json("[bool(df['topics'].isna().all()), "
                                "ann.toolbar.progress['done']]") == [True, 0]
    # Add a choice with a click, then Enter: both are recorded.
    page.locator('.lw-annotator .lw-option[data-value="Sports"]').click()
    page.wait_for_function(f"() => ({CHOSEN})().length === 2")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.lw-annotator .lw-text').textContent === 'Second review'")
    # The next task shows the preselected choice again; Enter records it as it is.
    page.wait_for_function(f"() => ({CHOSEN})().join() === 'Politics'")
    page.keyboard.press("Enter")
    cells = lab.wait_until_kernel(
        "[df.at['r1', 'topics'], df.at['r2', 'topics']] "
        "if df['topics'].notna().all() else None")
    assert cells == [["Politics", "Sports"], ["Politics"]]
