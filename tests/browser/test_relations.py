"""Issue 11 item 3 in a real JupyterLab: draw two spans, link them with the keyboard, set the
relation's label and direction, submit, and check the DataFrame in the kernel.
Notebook: tests/browser/notebooks/relations.ipynb."""

from __future__ import annotations

from tests.browser.helpers import click_char, drag

NOTEBOOK = "relations.ipynb"


def test_link_two_spans_with_the_keyboard(lab):
    page = lab.page
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page.locator(".lw-relations").wait_for()
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    alice, acme = text.index("Alice Smith"), text.index("Acme Corp")
    drag(page, "text", alice, alice + len("Alice Smith"))
    page.keyboard.press("p")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row').count() == 2

    # Select "Alice Smith", Alt+R starts linking it, → moves to a target, Enter links.
    click_char(page, "text", alice + 1)
    page.keyboard.press("Alt+r")
    page.wait_for_selector(".lw-relations.lw-picking")
    page.wait_for_selector(".lw-rel-layer .lw-rel-candidate")
    # Two regions only: → wraps back to the one candidate, the arrows do not change the task.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    row = page.locator(".lw-rel-row")
    row.wait_for()
    assert row.count() == 1
    assert "Alice Smith" in row.inner_text() and "Acme Corp" in row.inner_text()
    page.wait_for_function("document.querySelector('.lw-rel-layer').dataset.arrows === '1'")
    # Still on the first task: Enter linked, it did not submit.
    assert lab.kernel_eval_json("df.at['t1', 'relations']") is None

    page.locator(".lw-rel-row .lw-rel-label", has_text="works_for").click()
    page.locator(".lw-rel-row .lw-rel-dir").click()  # → becomes ←
    page.wait_for_selector(".lw-rel-row .lw-rel-dir:text('←')")
    lab.screenshot("relations_linked", locator=page.locator(".lw-annotator"))
    page.keyboard.press("Enter")

    relations = lab.wait_until_kernel("df.at['t1', 'relations']")
    spans = lab.kernel_eval_json("{s['text']: s['id'] for s in df.at['t1', 'ner']}")
    assert relations == [{"from_id": spans["Alice Smith"], "to_id": spans["Acme Corp"],
                          "direction": "left", "labels": ["works_for"]}]
    exported = lab.kernel_eval_json(
        "[r for r in ann.to_label_studio()[0]['annotations'][0]['result'] "
        "if r['type'] == 'relation']")
    assert [(r["from_id"], r["to_id"], r["direction"], r["labels"]) for r in exported] == [
        (spans["Alice Smith"], spans["Acme Corp"], "left", ["works_for"])]


def test_deleting_a_linked_span_deletes_its_relation(lab):
    page = lab.page
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    page.locator(".lw-relations").wait_for()
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    alice, acme = text.index("Alice Smith"), text.index("Acme Corp")
    drag(page, "text", alice, alice + len("Alice Smith"))
    page.keyboard.press("p")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    # By mouse: select Acme, "Link", then click Alice.
    click_char(page, "text", acme + 1)
    page.locator(".lw-rel-link").click()
    page.wait_for_selector(".lw-relations.lw-picking")
    click_char(page, "text", alice + 1)
    page.locator(".lw-rel-row").wait_for()
    assert "Acme Corp" in page.locator(".lw-rel-ends").inner_text().split("→")[0]
    lab.wait_until_kernel("ann.values['relations']")
    # Delete the selected span (Alice): its relation goes with it, in Python and on screen.
    page.keyboard.press("Delete")
    lab.wait_until_kernel("ann.values['relations'] == []")
    page.wait_for_selector(".lw-rel-empty")
    page.wait_for_function("document.querySelector('.lw-rel-layer').dataset.arrows === '0'")
