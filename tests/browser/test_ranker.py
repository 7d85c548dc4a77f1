"""Issue 12 item 4 in a real JupyterLab: sort model answers into buckets by dragging one with
the mouse and moving others with the keyboard only, submit, and check the DataFrame in the
kernel. Notebook: tests/browser/notebooks/ranker.ipynb."""

from __future__ import annotations

NOTEBOOK = "ranker.ipynb"


def item(page, ident):
    return page.locator(f'.lw-rk-item[data-id="{ident}"]')


def column_ids(page, column):
    return page.eval_on_selector_all(
        f'.lw-rk-column[data-column="{column}"] .lw-rk-item', "ns => ns.map(n => n.dataset.id)")


def test_drag_one_answer_and_move_others_by_keyboard(lab):
    page = lab.page
    page.set_viewport_size({"width": 1280, "height": 1000})
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page.wait_for_function("document.querySelectorAll('.lw-ranker .lw-rk-item').length === 3")
    assert column_ids(page, "_") == ["a1", "a2", "a3"]
    assert column_ids(page, "good") == [] and column_ids(page, "bad") == []

    # Drag "Answer one" with the mouse into the "Good" column.
    source = item(page, "a1")
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    target = page.locator('.lw-rk-column[data-column="good"] .lw-rk-items').bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2 + 5, steps=3)
    page.mouse.move(target["x"] + 30, target["y"] + 10, steps=8)
    page.wait_for_selector(".lw-rk-drop")  # where it will land is shown while dragging
    page.mouse.up()
    page.wait_for_function(
        "document.querySelector('.lw-rk-column[data-column=\"good\"] [data-id=\"a1\"]') !== null")
    lab.wait_until_kernel("ann.values['rank'] is not None and ann.values['rank']['good'] == ['a1']")

    # Keyboard: focus goes by Shift+Tab and ↑ to "Answer two"; the bucket key Alt+3 puts it
    # in "Bad" (columns: the list, Good, Bad), Alt+← into "Good", Alt+↑ above "Answer one".
    item(page, "a1").click()  # a click focuses an item (no drag)
    page.wait_for_function("document.activeElement.dataset.id === 'a1'")
    page.keyboard.press("Shift+Tab")  # back to the list's last item
    page.wait_for_function("document.activeElement.dataset.id === 'a3'")
    page.keyboard.press("ArrowUp")  # the item above it
    page.wait_for_function("document.activeElement.dataset.id === 'a2'")
    page.keyboard.press("Alt+3")  # bucket key: the third column, "Bad"
    page.wait_for_function(
        "document.querySelector('.lw-rk-column[data-column=\"bad\"] [data-id=\"a2\"]') !== null")
    page.wait_for_function("document.activeElement.dataset.id === 'a2'")  # focus follows it
    page.keyboard.press("Alt+ArrowLeft")  # back to "Good", at its end
    page.wait_for_function(
        "document.querySelector('.lw-rk-column[data-column=\"good\"] [data-id=\"a2\"]') !== null")
    page.keyboard.press("Alt+ArrowUp")  # above "Answer one"
    page.wait_for_function(
        "[...document.querySelectorAll('.lw-rk-column[data-column=\"good\"] .lw-rk-item')]"
        ".map(n => n.dataset.id).join() === 'a2,a1'")
    assert column_ids(page, "_") == ["a3"]
    # Still on the first task: the arrows moved items, not the task.
    assert lab.kernel_eval_json("ann.current") == "q1"
    lab.screenshot("ranker_sorted", locator=page.locator(".lw-annotator"))

    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['q1', 'rank']")
    assert cell == {"_": ["a3"], "good": ["a2", "a1"], "bad": []}
    exported = lab.kernel_eval_json("ann.to_label_studio()[0]['annotations'][0]['result'][0]")
    assert exported["type"] == "ranker"
    assert exported["value"] == {"ranker": {"_": ["a3"], "good": ["a2", "a1"], "bad": []}}

    # The next task shows its own two answers in the list; submitting it untouched records
    # them as shown, as Label Studio does.
    page.wait_for_function(
        "document.querySelectorAll('.lw-rk-column[data-column=\"_\"] .lw-rk-item').length === 2")
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['q2', 'rank']") == {"_": ["a1", "a2"], "good": [],
                                                             "bad": []}


def test_rank_three_answers_with_the_keyboard_only(lab):
    page = lab.page
    page.set_viewport_size({"width": 1280, "height": 1000})
    lab.open_notebook("ranker_keys.ipynb")
    lab.run_all()
    page.wait_for_function("document.querySelectorAll('.lw-ranker .lw-rk-item').length === 3")
    # No mouse: focus the notebook's output by keys is JupyterLab's business, so start from
    # the annotator itself (it is focusable), then Tab to the first answer.
    page.locator(".lw-annotator").focus()
    for _ in range(30):  # past the toolbar's buttons and fields
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.id || ''") == "a1":
            break
    assert page.evaluate("document.activeElement.dataset.id || ''") == "a1"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "Answer three" is focused
    page.wait_for_function("document.activeElement.dataset.id === 'a3'")
    page.keyboard.press("Alt+Home")  # to the top: a3, a1, a2
    page.wait_for_function("document.activeElement.dataset.id === 'a3'")
    page.keyboard.press("ArrowDown")  # "Answer one", now second
    page.keyboard.press("Control+ArrowDown")  # below "Answer two": a3, a2, a1
    page.wait_for_function(
        "[...document.querySelectorAll('.lw-rk-item')].map(n => n.dataset.id).join() === 'a3,a2,a1'")
    ranks = page.eval_on_selector_all(".lw-rk-rank", "ns => ns.map(n => n.textContent)")
    assert ranks == ["1", "2", "3"]
    order = "[...document.querySelectorAll('.lw-rk-item')].map(n => n.dataset.id).join()"
    page.keyboard.press("Control+z")  # a move is an edit: undone and redone like any other
    page.wait_for_function(f"{order} === 'a3,a1,a2'")
    page.keyboard.press("Control+Shift+z")
    page.wait_for_function(f"{order} === 'a3,a2,a1'")
    lab.screenshot("ranker_keys", locator=page.locator(".lw-annotator"))
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel("df.at['q1', 'rank']") == {"rank": ["a3", "a2", "a1"]}
