"""The playground in a real JupyterLab (issue 16 item 1): type a new <Choice> into the XML
editor and see its button appear; type a broken tag and see it marked at its line while the
last good widget stays."""

from tests.browser.helpers import write_notebook

CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
  </Choices>
</View>
"""

# The 1-based number of the CodeMirror line holding `text`, and where it is on the page.
LINE_OF = """
(text) => {
  const lines = [...document.querySelectorAll('.lw-playground .cm-content .cm-line')];
  const i = lines.findIndex((l) => l.textContent.includes(text));
  return i + 1;
}
"""


def click_line_end(page, text):
    """Put the cursor at the end of the editor line that contains ``text``, as a person does."""
    page.locator(".lw-playground .cm-line", has_text=text).first.click()
    page.keyboard.press("End")


def test_type_a_choice_then_an_error(lab):
    page = lab.page
    write_notebook(lab, "playground.ipynb",
                   f"import labelwidget as lw\npg = lw.playground({CONFIG!r})\npg")
    lab.open_notebook("playground.ipynb")
    lab.run_all()
    page.locator('.lw-playground .lw-option[data-value="Negative"]').wait_for()
    page.locator(".lw-playground .cm-content").wait_for()

    # A new option, typed on a new line after Negative: its button appears in the widget.
    click_line_end(page, '<Choice value="Negative"/>')
    page.keyboard.press("Enter")
    page.keyboard.type('<Choice value="Maybe"/>')
    page.locator('.lw-playground .lw-option[data-value="Maybe"]').wait_for(timeout=15_000)
    assert lab.wait_until_kernel("'Maybe' in pg.config and pg.problems == [] or None") is True
    assert page.locator(".lw-playground .lw-pg-status.lw-pg-ok").count() == 1
    lab.screenshot("playground_new_choice")

    # The new option is a working control: click it, and the kernel has the value.
    page.locator('.lw-playground .lw-option[data-value="Maybe"]').click()
    assert lab.wait_until_kernel("pg.annotator.values.get('sentiment')") == "Maybe"

    # A control pointing at no object: marked at its line, listed with the ConfigError message.
    click_line_end(page, "<Text name=")
    page.keyboard.press("Enter")
    page.keyboard.type('<Rating name="stars" toName="nowhere"/>')
    line = page.evaluate(LINE_OF, 'toName="nowhere"')
    assert line == 3
    problem = page.locator(f'.lw-playground .lw-pg-problem[data-line="{line}"]')
    problem.wait_for(timeout=15_000)
    assert 'toName="nowhere" matches no object tag' in problem.inner_text()
    marked = page.locator(".lw-playground .cm-line", has=page.locator(".cm-lintRange-error"))
    marked.first.wait_for()
    assert marked.count() == 1
    assert 'toName="nowhere"' in marked.first.inner_text()
    assert page.locator(".lw-playground .cm-gutter-lint .cm-lint-marker-error").count() == 1
    assert lab.kernel_eval_json("[p['line'] for p in pg.problems]") == [line]
    # the last good widget stays, with the value picked in it
    assert page.locator('.lw-playground .lw-option.lw-on[data-value="Maybe"]').count() == 1
    assert page.locator(".lw-playground .lw-rating, .lw-playground .lw-star").count() == 0
    lab.screenshot("playground_error_at_line")

    # Fixed by hand (the line selected and deleted): the problem goes, the value stays.
    click_line_end(page, 'toName="nowhere"')
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.wait_for_function(
        "() => !document.querySelector('.lw-playground .lw-pg-problem')", timeout=15_000)
    assert lab.wait_until_kernel("pg.problems == [] or None") is True
    assert lab.kernel_eval_json("pg.annotator.values.get('sentiment')") == "Maybe"


def test_pick_a_template_open_a_file_and_type_digits(lab):
    page = lab.page
    mine = lab.server.root_dir / "mine.xml"
    mine.write_text(CONFIG.replace("Positive", "Great"), encoding="utf-8")
    write_notebook(lab, "playground_picker.ipynb",
                   f"import labelwidget as lw\npg = lw.playground({CONFIG!r})\npg")
    lab.open_notebook("playground_picker.ipynb")
    lab.run_all()
    page.locator('.lw-playground .lw-option[data-value="Positive"]').wait_for()

    # Digits typed in the editor are XML, not the options' hotkeys (1 = Positive).
    click_line_end(page, "<Text name=")
    page.keyboard.type("<!-- 1 2 -->")
    assert lab.wait_until_kernel("'<!-- 1 2 -->' in pg.config or None") is True
    assert page.locator(".lw-playground .lw-option.lw-on").count() == 0
    assert lab.kernel_eval_json("pg.annotator.values") == {"sentiment": None}

    # The picker: the NER template replaces the text and the widget shows a span editor.
    page.locator(".lw-playground .lw-pg-templates").select_option("ner")
    page.locator(".lw-playground .lw-span-text").wait_for(timeout=15_000)
    page.locator(".lw-playground .cm-line", has_text='<Label value="Product"').wait_for()
    assert lab.wait_until_kernel("pg.config == lw.prototyping.templates.TEMPLATES['ner'] "
                                 "or None") is True
    lab.screenshot("playground_template_ner")

    # A file by path: typed in the box, opened with Enter.
    page.locator(".lw-playground .lw-pg-path").fill(str(mine))
    page.locator(".lw-playground .lw-pg-path").press("Enter")
    page.locator('.lw-playground .lw-option[data-value="Great"]').wait_for(timeout=15_000)
    page.locator(".lw-playground .cm-line", has_text='<Choice value="Great"/>').wait_for()
    assert lab.kernel_eval_json("pg.problems") == []


def test_copy_xml_without_a_clipboard_selects_the_xml_and_says_so(lab):
    page = lab.page
    write_notebook(lab, "playground_copy.ipynb",
                   f"import labelwidget as lw\npg = lw.playground({CONFIG!r})\npg")
    lab.open_notebook("playground_copy.ipynb")
    lab.run_all()
    page.locator(".lw-playground .cm-content").wait_for()
    # As on a page served over plain http from another host: no clipboard API.
    page.evaluate("() => Object.defineProperty(Navigator.prototype, 'clipboard', "
                  "{ get: () => undefined, configurable: true })")
    page.locator(".lw-playground .lw-pg-copy").click()
    note = page.locator(".lw-playground .lw-pg-note")
    page.wait_for_function(
        "() => document.querySelector('.lw-playground .lw-pg-note')?.textContent.length > 0",
        timeout=15_000)
    assert "cannot use the clipboard" in note.inner_text()
    assert "playground.config" in note.inner_text()
    page.wait_for_function(
        "() => document.getSelection().toString().includes('<Choice value=\"Negative\"/>')",
        timeout=15_000)
    selected = page.evaluate("() => document.getSelection().toString()")
    assert selected.replace("\n", "").startswith("<View>") and "</View>" in selected
    lab.screenshot("playground_copy_without_clipboard")
