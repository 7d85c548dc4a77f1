"""Issue 15 item 8 in a real JupyterLab: a Rating and a Number with defaultValue show it on
every task not submitted yet; the task is not labeled until Enter submits it, which records the
default unless changed. Notebook: tests/browser/notebooks/defaults.ipynb."""

from __future__ import annotations

NOTEBOOK = "defaults.ipynb"


def shown(page):
    """(stars lit, the number field's text, the task's text) as the browser draws them."""
    return page.evaluate("""() => [
        document.querySelectorAll('.lw-annotator .lw-rating .lw-star.lw-on').length,
        document.querySelector('.lw-annotator .lw-number-field').value,
        document.querySelector('.lw-annotator .lw-text').textContent]""")


def test_defaults_are_shown_and_recorded_only_on_submit(lab):
    page = lab.page
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page.locator(".lw-annotator .lw-rating").wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll('.lw-annotator .lw-star.lw-on').length === 3")
    assert shown(page) == [3, "2.5", "First review"]
    lab.screenshot("defaults_prefilled")
    # Shown, not labeled: the cells are empty and nothing is counted done.
    assert lab.kernel_eval_json("[bool(df['stars'].isna().all()), bool(df['price'].isna().all()), "
                                "ann.toolbar.progress['done']]") == [True, True, 0]

    # Move on without submitting: the next task shows its defaults too (from the prefetch).
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.lw-annotator .lw-text').textContent === 'Second review'")
    assert shown(page) == [3, "2.5", "Second review"]
    # Change the rating with a click, keep the number's default, submit with Enter.
    page.locator('.lw-annotator .lw-star[data-value="5"]').click()
    page.wait_for_selector('.lw-annotator .lw-star.lw-on[data-value="5"]')
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.lw-annotator .lw-text').textContent === 'Third review'")
    cells = lab.wait_until_kernel(
        "[df.at['r2', 'stars'], df.at['r2', 'price']] if df['stars'].notna().any() else None")
    assert cells == [5, 2.5]
    assert lab.kernel_eval_json("[df.at['r1', 'stars'] is None, "
                                "bool(df['price'].isna()['r1']), ann.toolbar.progress['done']]"
                                ) == [True, True, 1]
    lab.screenshot("defaults_submitted")
