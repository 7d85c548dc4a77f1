"""Issue 8 in a real JupyterLab: a model's suggestions are visible with their score and model
version, Enter accepts one, [ and ] switch between two, and correcting a suggested span is
recorded as "prediction-changed". Notebook: tests/browser/notebooks/suggestions.ipynb."""

from __future__ import annotations

from tests.browser.helpers import click_char, drag

NOTEBOOK = "suggestions.ipynb"

def open_scenarios(lab):
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".lw-annotator .lw-suggestion").nth(1).wait_for()


def annotator(page, obj):
    return page.locator(f'.lw-annotator:has(.lw-span-text[data-object="{obj}"])')


def banner(page, obj):
    return annotator(page, obj).locator(".lw-suggestion")


def chosen(page, obj):
    on = annotator(page, obj).locator(".lw-choices .lw-option.lw-on")
    return [on.nth(i).get_attribute("data-value") for i in range(on.count())]


def spans(page, obj):
    """(text, label) of each span drawn by the browser."""
    rows = annotator(page, obj).locator(".lw-span-row")
    return [(rows.nth(i).locator(".lw-span-quote").inner_text(),
             rows.nth(i).locator(".lw-span-tag").inner_text()) for i in range(rows.count())]


def focus(page, obj):
    """Click the banner's label: focus goes to the annotator, which owns the keys."""
    banner(page, obj).locator(".lw-suggestion-tag").click()


def result_of(lab, name, task):
    return lab.wait_until_kernel(
        f"(lambda r: r.iloc[0][['origin', 'model_version', 'score']].tolist() if len(r) else None)"
        f"({name}.results.query(\"task == '{task}' and kind == 'submit'\"))")


def test_suggestion_is_visible_and_enter_accepts_it(lab):
    page = lab.page
    open_scenarios(lab)
    shown = banner(page, "text")
    assert shown.is_visible()
    assert shown.locator(".lw-suggestion-tag").inner_text().lower() == "suggestion"
    assert shown.locator(".lw-suggestion-model").inner_text() == "model ner-v2"
    assert shown.locator(".lw-suggestion-score").inner_text() == "score 0.91"
    assert shown.locator(".lw-suggestion-count").inner_text() == "1 of 2"
    # The controls are pre-filled with it.
    assert chosen(page, "text") == ["Positive"]
    assert spans(page, "text") == [("Alice", "PER")]
    lab.screenshot("suggestion_shown", locator=annotator(page, "text"))

    focus(page, "text")
    page.keyboard.press("Enter")
    # The next task has no suggestion: the banner hides at once (drawn by the browser).
    page.wait_for_function(
        "() => document.querySelectorAll('.lw-suggestion')[0].hidden === true")
    assert result_of(lab, "ann", "t1") == ["prediction", "ner-v2", 0.91]
    assert lab.kernel_eval_json("df.at['t1', 'sentiment']") == "Positive"
    assert lab.kernel_eval_json("[(s['text'], s['labels']) for s in df.at['t1', 'ner']]") == \
        [["Alice", ["PER"]]]


def test_switch_between_two_predictions_with_brackets(lab):
    page = lab.page
    open_scenarios(lab)
    shown = banner(page, "text")
    focus(page, "text")
    page.keyboard.press("]")
    # Drawn by the browser without a kernel round trip: the second prediction is on screen.
    assert shown.locator(".lw-suggestion-count").inner_text() == "2 of 2"
    assert shown.locator(".lw-suggestion-model").inner_text() == "model ner-v1"
    assert shown.locator(".lw-suggestion-score").inner_text() == "score 0.40"
    assert chosen(page, "text") == ["Negative"]
    assert spans(page, "text") == []  # the second prediction has no spans
    assert shown.get_attribute("data-edited") == "false"
    lab.screenshot("suggestion_second", locator=annotator(page, "text"))
    page.keyboard.press("[")
    assert shown.locator(".lw-suggestion-count").inner_text() == "1 of 2"
    assert chosen(page, "text") == ["Positive"] and spans(page, "text") == [("Alice", "PER")]
    page.keyboard.press("]")
    page.keyboard.press("Enter")
    assert result_of(lab, "ann", "t1") == ["prediction", "ner-v1", 0.4]
    # The accepted suggestion has no spans: submitted, that is an empty answer (issue 17).
    assert lab.kernel_eval_json("[df.at['t1', 'sentiment'], df.at['t1', 'ner']]") == \
        ["Negative", []]


def test_correct_a_suggested_span(lab):
    page = lab.page
    open_scenarios(lab)
    shown = banner(page, "text2")
    assert spans(page, "text2") == [("Bob", "ORG")]
    assert shown.locator(".lw-suggestion-model").inner_text() == "model ner-v3"
    # Select the suggested span and relabel it, then add a span of its own.
    click_char(page, "text2", 1)
    page.keyboard.press("p")
    assert spans(page, "text2") == [("Bob", "PER")]
    page.wait_for_selector('.lw-suggestion.lw-edited[data-edited="true"]')
    assert shown.locator(".lw-suggestion-tag").inner_text().lower() == "edited suggestion"
    text = lab.kernel_eval_json("df2.at['t2', 'text']")
    carol = text.index("Carol")
    drag(page, "text2", carol, carol + len("Carol"))
    page.keyboard.press("p")
    assert sorted(spans(page, "text2")) == [("Bob", "PER"), ("Carol", "PER")]
    lab.screenshot("suggestion_corrected", locator=annotator(page, "text2"))
    page.keyboard.press("Enter")
    assert result_of(lab, "ann2", "t2") == ["prediction-changed", "ner-v3", 0.55]
    cell = lab.kernel_eval_json("df2.at['t2', 'ner']")
    assert sorted((s["start"], s["end"], s["text"], s["labels"][0]) for s in cell) == \
        [(0, 3, "Bob", "PER"), (carol, carol + 5, "Carol", "PER")]
    # The untouched control still carries the suggested value.
    assert lab.kernel_eval_json("df2.at['t2', 'sentiment']") == "Positive"


def test_active_learning_refits_in_the_kernel_and_suggests_the_next_tasks(lab):
    page = lab.page
    open_scenarios(lab)
    third = page.locator(".lw-annotator").nth(2)
    assert lab.kernel_eval_json("learner.background") is True  # the kernel's loop runs
    truth = lab.kernel_eval_json("df3['truth'].to_dict()")
    keys = {"Positive": "1", "Negative": "2"}
    third.locator(".lw-text").click()
    for _ in range(4):
        task = lab.kernel_eval_json("ann3.current")
        page.keyboard.press(keys[truth[str(task)]])
        page.keyboard.press("Enter")
        lab.wait_until_kernel(f"ann3.current != {task!r}")
    # Nobody calls learner.wait(): the fit ran in a thread and the kernel's loop applied it.
    assert lab.wait_until_kernel("len(learner.history) == 1", timeout=60)
    line = third.locator(".lw-learner")
    page.wait_for_function(
        "el => el.textContent.includes('accuracy')", arg=line.element_handle())
    assert "LogisticRegression@4" in line.inner_text()
    # The task on screen keeps what it shows; the next ones carry the model's suggestion, and
    # the queue now puts the most uncertain task next.
    ranking = lab.kernel_eval_json("learner.ranking")
    task = lab.kernel_eval_json("ann3.current")
    page.keyboard.press(keys[truth[str(task)]])
    page.keyboard.press("Enter")
    lab.wait_until_kernel(f"ann3.current != {task!r}")
    assert lab.kernel_eval_json("ann3.current") == ranking[0]
    shown = third.locator(".lw-suggestion")
    shown.locator(".lw-suggestion-model").wait_for()
    assert shown.locator(".lw-suggestion-model").inner_text() == "model LogisticRegression@4"
    lab.screenshot("active_learning_suggestion", locator=third)
    suggested = lab.kernel_eval_json("ann3.values['sentiment']")
    page.keyboard.press("Enter")  # accept the model's suggestion as is
    origin = lab.wait_until_kernel(
        f"(lambda r: r.iloc[0][['origin', 'model_version']].tolist() if len(r) else None)"
        f"(ann3.results.query('task == {ranking[0]} and kind == \"submit\"'))")
    assert origin == ["prediction", "LogisticRegression@4"]
    assert lab.kernel_eval_json(f"df3.at[{ranking[0]}, 'sentiment']") == suggested
