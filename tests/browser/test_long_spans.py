"""A long document in a real JupyterLab (issue 15 item 7): a 100,000-character text with 2,000
pre-filled spans is drawn from its start, the rest as the person scrolls; a span near the end
is deleted and another one drawn there with the mouse, and the DataFrame gets Python offsets."""

from __future__ import annotations

from tests.browser.helpers import drag, open_notebook

NOTEBOOK = "long_spans.ipynb"
SETUP = '''
import random
import pandas as pd
import labelwidget as lw

def long_task(i, chars=100_000, spans=2_000):
    rng = random.Random(i)
    words = "alpha beta gamma delta Alice Bob Paris Acme works broke fast slow".split()
    text = f"Task {i}: " + " ".join(rng.choice(words) for _ in range(chars // 5))
    text = text[:chars - 4] + " end"
    out, step = [], (chars - 200) // spans
    for k in range(spans):
        start = text.index(" ", 20 + k * step) + 1
        end = text.index(" ", start)
        out.append({"id": f"s{k}", "start": start, "end": end, "text": text[start:end],
                    "labels": ["ORG"]})
    return text, out

pairs = [long_task(i) for i in range(2)]
df = pd.DataFrame({"text": [t for t, _ in pairs]}, index=["a", "b"])
df["ner"] = pd.Series([s for _, s in pairs], index=df.index, dtype=object)
ann = lw.Annotator(df, """<View>
  <Labels name="ner" toName="text"><Label value="PER" hotkey="p"/><Label value="ORG"/></Labels>
  <Text name="text" value="$text"/>
</View>""")
'''

BOX = '.lw-span-text[data-object="text"]'
SHOWN = f"() => document.querySelector('{BOX}').textContent.length"


def scroll_to_the_end(page, length):
    """Wheel over the text until all of it is in the page (a person scrolling down)."""
    page.locator(BOX).hover()
    state = (f"() => {{ const b = document.querySelector('{BOX}');"
             " return [b.scrollTop, b.textContent.length]; }")
    for _ in range(400):
        before = page.evaluate(state)
        if before[1] >= length:
            break
        page.mouse.wheel(0, 4000)
        # the box scrolled, or drew more text (each wheel does one or the other)
        page.wait_for_function(f"b => {{ const now = ({state})();"
                               " return now[0] !== b[0] || now[1] !== b[1]; }",
                               arg=before, timeout=30_000)
    assert page.evaluate(SHOWN) == length


def test_a_long_document_is_drawn_from_its_start_and_labeled_at_its_end(lab):
    page = open_notebook(lab, NOTEBOOK, SETUP, "ann")
    text = lab.kernel_eval_json("df.at['a', 'text']")
    assert len(text) == 100_000
    page.wait_for_function(f"() => document.querySelector('{BOX}').textContent.startsWith('Task 0:')")
    # What the box shows first is the start of the text, a small part of it.
    first = page.evaluate(f"() => document.querySelector('{BOX}').textContent")
    assert text.startswith(first) and 1000 < len(first) < 40_000
    assert page.locator(f"{BOX} .lw-seg").count() < 1000
    scroll_to_the_end(page, len(text))
    assert page.evaluate(f"() => document.querySelector('{BOX}').textContent") == text
    assert page.locator(f'{BOX} .lw-seg[data-chip="ORG"]').count() == 2000
    lab.screenshot("long_spans_end", locator=page.locator(".lw-annotator"))

    # Delete the last pre-filled span: click it, Backspace.
    last = page.locator(f'{BOX} .lw-seg[data-chip="ORG"]').last
    last.scroll_into_view_if_needed()
    last.click()
    page.keyboard.press("Backspace")
    page.wait_for_function(
        f"() => document.querySelectorAll('{BOX} .lw-seg[data-chip=\"ORG\"]').length === 1999")
    # A new span on the last word, with the mouse, labeled by hotkey.
    start = text.rindex(" ") + 1
    page.evaluate(f"() => {{ const b = document.querySelector('{BOX}');"
                  " b.scrollTop = b.scrollHeight; }")
    drag(page, "text", start, len(text))
    page.keyboard.press("p")
    page.wait_for_selector(f'{BOX} .lw-seg[data-chip="PER"]')
    # Drawn where it was: the edit redraws the whole text, not only its start.
    assert page.evaluate(SHOWN) == len(text)
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel(
        "df.at['a', 'ner'] if any('PER' in s['labels'] for s in df.at['a', 'ner']) else None")
    assert len(cell) == 2000
    new = [s for s in cell if s["labels"] == ["PER"]]
    assert [(s["start"], s["end"], s["text"]) for s in new] == [(start, len(text), "end")]
    assert "s1999" not in {s["id"] for s in cell}

    # The next task starts at its top, drawn from its start again.
    page.wait_for_function(f"() => document.querySelector('{BOX}').textContent.startsWith('Task 1:')")
    assert page.evaluate(f"() => document.querySelector('{BOX}').scrollTop") == 0
    assert page.evaluate(SHOWN) < 40_000
