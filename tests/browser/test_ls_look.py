"""Issue 17 item 5 in a real JupyterLab: Label Studio templates used as they are look and act as
in Label Studio (their <Style>, className and View styles; Pairwise cards; automatic hotkeys;
lists as paragraphs), and one template's CSS does not reach another widget or the page."""

PAIRWISE = ".lw-annotator >> nth=0"
GRADING = ".lw-annotator >> nth=1"
CLASSIFICATION = ".lw-annotator >> nth=2"


def open_templates(lab):
    lab.open_notebook("ls_look.ipynb")
    lab.run_all()
    lab.page.locator(CLASSIFICATION).wait_for()


def box(locator):
    b = locator.bounding_box()
    assert b is not None
    return b


def test_pairwise_answers_are_cards_side_by_side_picked_by_click_and_arrows(lab):
    page = lab.page
    # The template's answer boxes are 49% wide plus a 20px gap: side by side from a 1000px
    # wide labeling area, as in Label Studio (narrower, its own CSS wraps them, there too).
    page.set_viewport_size({"width": 1800, "height": 1600})
    open_templates(lab)
    widget = page.locator(PAIRWISE)
    left = widget.locator(".lw-pw-card.lw-pw-left")
    right = widget.locator(".lw-pw-card.lw-pw-right")
    # The template's .answers row (its <Style>) puts the two answers side by side, each saying
    # which side it is and its key.
    assert "Reinforcement learning" in left.inner_text()
    assert "database index" in right.inner_text()
    widget.scroll_into_view_if_needed()
    lab.screenshot("ls_look_pairwise", locator=widget)
    lb, rb = box(left), box(right)
    assert abs(lb["y"] - rb["y"]) < 2 and lb["x"] + lb["width"] <= rb["x"]
    assert left.get_attribute("data-lw-pick") == "← left"
    assert right.get_attribute("data-lw-pick") == "right →"

    # Click the right answer, submit with Enter.
    right.click()
    widget.locator(".lw-pw-right.lw-on").wait_for()
    assert widget.locator(".lw-pw-left.lw-on").count() == 0
    lab.screenshot("ls_look_pairwise_right", locator=widget)
    page.keyboard.press("Enter")
    widget.locator(".lw-text", has_text="Why label data").wait_for()
    assert lab.wait_until_kernel("pairs.at['p1', 'comparison']") == "right"

    # Next task: ← picks the left answer, → then switches to the right, ← back; Enter submits.
    page.keyboard.press("ArrowLeft")
    widget.locator(".lw-pw-left.lw-on").wait_for()
    page.keyboard.press("ArrowRight")
    widget.locator(".lw-pw-right.lw-on").wait_for()
    page.keyboard.press("ArrowLeft")
    widget.locator(".lw-pw-left.lw-on").wait_for()
    page.keyboard.press("Enter")
    widget.locator(".lw-text", has_text="pairwise comparison").wait_for()
    assert lab.wait_until_kernel("pairs.at['p2', 'comparison']") == "left"
    assert lab.kernel_eval_json("pairs['comparison'].tolist()") == ["right", "left", None]

    # The arrows chose sides; Ctrl+← moves between tasks, as in Label Studio.
    page.keyboard.press("Control+ArrowLeft")
    widget.locator(".lw-text", has_text="Why label data").wait_for()
    assert lab.wait_until_kernel("ann_at if (ann_at := pw.current) == 'p2' else None") == "p2"
    assert widget.locator(".lw-pw-left.lw-on").count() == 1  # its submitted answer


def test_each_templates_css_stays_in_its_widget(lab):
    page = lab.page
    open_templates(lab)
    pairwise, grading = page.locator(PAIRWISE), page.locator(GRADING)

    def style(locator, prop):
        return locator.evaluate(f"e => getComputedStyle(e)['{prop}']")

    # Both templates name a View "container": a column card in the human-feedback template,
    # a row of two columns in response grading. Each keeps its own.
    pw_container = pairwise.locator(".container").first
    rg_container = grading.locator(".container").first
    assert style(pw_container, "flexDirection") == "column"
    assert style(pw_container, "backgroundColor") == "rgb(255, 255, 255)"
    assert style(rg_container, "flexDirection") == "row"
    assert style(pairwise.locator(".root").first, "backgroundColor") == "rgb(240, 240, 240)"
    assert style(grading.locator(".summary-rating").first, "textAlign") == "center"

    # Response grading's document and summary are side by side; the document (a list) reads
    # as paragraphs, not as a Python list.
    doc = grading.locator(".long-document")
    summary = grading.locator(".short-summary")
    db, sb = box(doc), box(summary)
    assert abs(db["y"] - sb["y"]) < 2 and db["x"] + db["width"] <= sb["x"] + 1
    paragraphs = doc.locator(".lw-text .lw-paragraph")
    assert paragraphs.all_inner_texts() == ["Opossums are marsupials found in the Americas.",
                                            "They are nocturnal and omnivorous.",
                                            "They play dead when threatened."]
    assert "[" not in doc.locator(".lw-text").inner_text()
    # Its "height: 100vh" (Label Studio's screen) leaves room for the toolbar in a notebook:
    # the whole widget, rating included, fits in the window.
    assert box(grading)["height"] < page.viewport_size["height"]
    grading.scroll_into_view_if_needed()
    lab.screenshot("ls_look_response_grading", locator=grading)

    # JupyterLab itself is untouched: the notebook's own cells keep their look.
    assert style(page.locator(".jp-Notebook").first, "backgroundColor") != "rgb(240, 240, 240)"

    # Rate by clicking a star, submit: the DataFrame gets it.
    grading.locator(".lw-rating .lw-star[data-value='4']").click()
    grading.locator(".lw-toolbar .lw-submit").click()
    assert lab.wait_until_kernel("docs.at['d1', 'rating']") == 4


def test_options_without_hotkey_get_label_studios_keys_and_the_cheat_sheet_reads_them(lab):
    page = lab.page
    open_templates(lab)
    widget = page.locator(CLASSIFICATION)
    widget.scroll_into_view_if_needed()
    # The template names no hotkey: Label Studio gives 1, 2, 3 in order; the buttons say so.
    shown = widget.locator(".lw-choices .lw-option").evaluate_all(
        "els => els.map(e => [e.querySelector('.lw-option-label').textContent,"
        " e.querySelector('kbd').textContent])")
    assert shown == [["Positive", "1"], ["Negative", "2"], ["Neutral", "3"]]
    widget.locator(".lw-text").click()
    page.keyboard.press("2")
    widget.locator('.lw-option.lw-on[data-value="Negative"]').wait_for()
    page.keyboard.press("Enter")
    widget.locator(".lw-text", has_text="Dull and long.").wait_for()
    page.keyboard.press("3")
    widget.locator('.lw-option.lw-on[data-value="Neutral"]').wait_for()
    page.keyboard.press("Enter")
    assert lab.wait_until_kernel(
        "reviews['sentiment'].tolist() if reviews['sentiment'].notna().sum() == 2 else None"
    ) == ["Negative", "Neutral", None]

    # The cheat-sheet names keys as they are printed on a keyboard.
    widget.locator(".lw-help-button").click()
    sheet = widget.locator(".lw-help")
    sheet.wait_for()
    rows = [r.split("\t") for r in sheet.locator("tr").all_inner_texts()]
    keys = {what.strip(): key.strip() for key, what in rows}
    assert keys["previous"] == "←" and keys["next"] == "→"
    assert keys["submit"] == "Enter / Ctrl+Enter"
    assert keys["undo the last edit of this task"] == "Ctrl+Z"
    assert keys["redo the edit undone last"] == "Ctrl+Shift+Z / Ctrl+Y"
    assert keys["sentiment: Positive"] == "1"
    assert "arrow" not in sheet.inner_text().lower()
    lab.screenshot("ls_look_cheat_sheet", locator=widget)

    # With a Pairwise, the arrows pick a side and Ctrl+arrows move between tasks.
    pairwise = page.locator(PAIRWISE)
    pairwise.locator(".lw-help-button").click()
    rows = [r.split("\t") for r in pairwise.locator(".lw-help tr").all_inner_texts()]
    keys = {what.strip(): key.strip() for key, what in rows}
    assert keys["previous"] == "Ctrl+←" and keys["next"] == "Ctrl+→"
    assert keys["comparison: left (answer1)"] == "←"
    assert keys["comparison: right (answer2)"] == "→"


SUMMARIES = ".lw-annotator >> nth=3"
NOTES = ".lw-annotator >> nth=4"


def test_text_area_enter_keeps_the_entry_listed_and_removable_as_in_label_studio(lab):
    page = lab.page
    open_templates(lab)
    page.locator(NOTES).wait_for()
    widget = page.locator(SUMMARIES)
    widget.scroll_into_view_if_needed()
    field = widget.locator(".lw-text-input .lw-text-field")
    entries = widget.locator(".lw-entries .lw-entry")

    # One-line field, maxSubmissions="1": Enter keeps the text as the entry; the field goes.
    field.click()
    page.keyboard.type("first summary")
    page.keyboard.press("Enter")
    entries.first.wait_for()
    assert entries.count() == 1
    assert widget.locator(".lw-text-input").is_hidden()
    assert widget.locator(".lw-text", has_text="A long article.").count() == 1  # not submitted
    lab.screenshot("ls_look_text_area_kept", locator=widget)
    page.keyboard.press("Control+Enter")  # submit the task, as the toolbar says
    widget.locator(".lw-text", has_text="Another long article.").wait_for()
    assert lab.wait_until_kernel("articles.at['a1', 'answer']") == "first summary"

    # Its remove button takes a kept entry away and brings the field back; "Add" keeps text too.
    field.click()
    page.keyboard.type("wrong")
    page.keyboard.press("Enter")
    entries.first.wait_for()
    widget.locator(".lw-entry .lw-remove").click()
    field.wait_for()
    assert entries.count() == 0
    field.click()
    page.keyboard.type("second summary")
    widget.locator(".lw-add").click()
    entries.first.wait_for()
    widget.locator(".lw-toolbar .lw-submit").click()
    assert lab.wait_until_kernel("articles.at['a2', 'answer']") == "second summary"

    # Multi-line field with maxSubmissions="2": Enter starts a new line, Shift+Enter keeps the
    # entry; both entries are listed; the field goes when two are kept.
    notes = page.locator(NOTES)
    notes.scroll_into_view_if_needed()
    field = notes.locator(".lw-text-input .lw-text-field")
    entries = notes.locator(".lw-entries .lw-entry")
    field.click()
    page.keyboard.type("line one")
    page.keyboard.press("Enter")
    page.keyboard.type("line two")
    assert entries.count() == 0
    page.keyboard.press("Shift+Enter")
    entries.first.wait_for()
    page.keyboard.type("other")
    page.keyboard.press("Shift+Enter")
    entries.nth(1).wait_for()
    assert notes.locator(".lw-text-input").is_hidden()
    kept = entries.evaluate_all("els => els.map(e => e.querySelector('.lw-text-field').value)")
    assert kept == ["line one\nline two", "other"]
    lab.screenshot("ls_look_text_area_entries", locator=notes)
    notes.locator(".lw-entry .lw-remove").first.click()
    field.wait_for()
    notes.locator(".lw-toolbar .lw-submit").click()
    assert lab.wait_until_kernel("notes.df.at['a1', 'notes']") == ["other"]
