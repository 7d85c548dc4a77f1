"""A long document in a real JupyterLab (issue 15 item 7): a 100,000-character text with 2,000
pre-filled spans is drawn from its start, the rest as the person scrolls; a span near the end
is deleted and another one drawn there with the mouse, and the DataFrame gets Python offsets."""

from __future__ import annotations

from labelwidget.config.spans import HtmlText
from tests.browser.helpers import CHAR_RECT, drag, open_notebook

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



def test_a_selection_dragged_past_the_drawn_part_becomes_one_span(lab):
    """Label first, then press on the first word and hold the mouse below the box: the box
    scrolls by itself, the text below is drawn on the way, and the span goes from the first
    word to where the mouse is released, far past what was drawn when it was pressed."""
    page = open_notebook(lab, "long_spans_drag.ipynb", SETUP, "ann")
    text = lab.kernel_eval_json("df.at['a', 'text']")
    page.wait_for_function(f"() => document.querySelector('{BOX}').textContent.startsWith('Task 0:')")
    drawn = page.evaluate(SHOWN)
    assert drawn < len(text)
    page.locator('.lw-label[data-value="PER"]').click()  # armed: the selection becomes a span
    page.locator(BOX).scroll_into_view_if_needed()
    a = page.evaluate(CHAR_RECT, ["text", 0])
    box = page.locator(BOX).bounding_box()
    page.mouse.move(a["left"] + 1, (a["top"] + a["bottom"]) / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] + 30, steps=6)
    # Held below the box: it scrolls on its own, drawing on the way (wait for 3x as much).
    page.wait_for_function(f"n => document.querySelector('{BOX}').textContent.length > n",
                           arg=3 * drawn, timeout=60_000)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 12, steps=2)
    page.mouse.up()
    page.wait_for_selector(f'{BOX} .lw-seg[data-chip="PER"]')
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel(
        "df.at['a', 'ner'] if any('PER' in s['labels'] for s in df.at['a', 'ner']) else None")
    [new] = [s for s in cell if s["labels"] == ["PER"]]
    assert new["start"] == 0 and new["end"] > drawn  # past what was drawn at the press
    assert new["text"] == text[: new["end"]]
    assert len(cell) == 2001

HTML_NOTEBOOK = "long_hypertext.ipynb"
HTML_SETUP = '''
import bisect, html, random
import pandas as pd
import labelwidget as lw
from labelwidget.config.spans import HtmlText, sanitize_html

def long_page(i, chars=100_000, spans=2_000):
    """One <p> per line of a long text; spans (ORG) by XPath and offsets, one word each."""
    rng = random.Random(i)
    words = "alpha beta gamma delta Alice Bob Paris Acme works broke fast slow".split()
    text = f"Task {i}: " + "".join(rng.choice(words) + ("\\n" if rng.random() < 0.03 else " ")
                                  for _ in range(chars // 6))
    page = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\\n"))
    doc = HtmlText(sanitize_html(page))
    starts = [s for _, s, _ in doc.nodes]
    def at(u, end):
        k = bisect.bisect_right(starts, u - 1 if end else u) - 1
        return doc.nodes[k][0], u - doc.nodes[k][1]
    t, out, step = doc.text, [], len(doc.text) // spans
    for k in range(spans):
        start = t.index(" ", 20 + k * step) + 1
        end = t.index(" ", start)
        (sx, so), (ex, eo) = at(start, False), at(end, True)
        out.append({"id": f"h{k}", "start": sx, "startOffset": so, "end": ex, "endOffset": eo,
                    "globalOffsets": {"start": start, "end": end}, "text": t[start:end],
                    "hypertextlabels": ["ORG"]})
    return page, out

pairs = [long_page(i) for i in range(2)]
df = pd.DataFrame({"page": [p for p, _ in pairs]}, index=["a", "b"])
df["ner"] = pd.Series([s for _, s in pairs], index=df.index, dtype=object)
ann = lw.Annotator(df, """<View>
  <HyperTextLabels name="ner" toName="page">
    <Label value="PER" hotkey="p"/><Label value="ORG"/>
  </HyperTextLabels>
  <HyperText name="page" value="$page"/>
</View>""")
'''
HTML_BOX = '.lw-span-text[data-object="page"]'

# How far (CSS px) the character at UTF-16 offset `at` of the page's text is below the middle
# of the box (negative: above it), and whether it is in the box's visible part.
WHERE = f"""
([at, charRect]) => {{
  const box = document.querySelector('{HTML_BOX}').getBoundingClientRect();
  const r = (0, eval)(charRect)(['page', at]);
  return [r.top - (box.top + box.bottom) / 2, r.top >= box.top && r.bottom <= box.bottom];
}}
"""


def test_a_word_far_below_the_fold_of_a_long_hypertext_is_labeled(lab):
    """HyperText is in the page whole (blocks out of view are neither styled nor laid out):
    a person wheels down to a paragraph near the end and marks a word there with the mouse;
    the DataFrame gets its XPath, offsets and global offsets. The next task then shows."""
    page = open_notebook(lab, HTML_NOTEBOOK, HTML_SETUP, "ann")
    page.wait_for_function(f"() => document.querySelector('{HTML_BOX}')"
                           ".textContent.startsWith('Task 0:')")
    doc = HtmlText(lab.kernel_eval_json("sanitize_html(df.at['a', 'page'])"))
    text = doc.text
    spans = lab.kernel_eval_json("[s['globalOffsets'] for s in df.at['a', 'ner']]")
    # The word after a pre-filled span near 85% of the text (not a span, inside one <p>).
    after = next(s for s in spans if s["start"] > 0.85 * len(text))
    start = after["end"] + 1
    end = text.index(" ", start)
    node = next(n for n in doc.nodes if n[1] <= start and end <= n[2])
    assert text[start:end].isalpha()

    # Wheel down over the text until that word shows.
    page.locator(HTML_BOX).hover()
    top = f"() => document.querySelector('{HTML_BOX}').scrollTop"
    for _ in range(300):
        below, shown = page.evaluate(WHERE, [start, CHAR_RECT])
        if shown:
            break
        before = page.evaluate(top)
        page.mouse.wheel(0, max(-3000, min(3000, below)))
        page.wait_for_function(f"b => ({top})() !== b", arg=before, timeout=30_000)
    assert page.evaluate(WHERE, [start, CHAR_RECT])[1]
    # A block that comes into view is drawn in the frame after (content-visibility): a person
    # sees it before pressing on it.
    page.evaluate("() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))")
    assert page.locator(f"{HTML_BOX}.lw-long").count() == 1
    drag(page, "page", start, end)
    page.keyboard.press("p")
    page.wait_for_selector(f'{HTML_BOX} .lw-seg[data-chip="PER"]')
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel(
        "df.at['a', 'ner'] if any('PER' in s['hypertextlabels'] for s in df.at['a', 'ner']) else None")
    assert len(cell) == 2001
    new = [s for s in cell if s["hypertextlabels"] == ["PER"]]
    assert [(s["start"], s["startOffset"], s["end"], s["endOffset"], s["globalOffsets"], s["text"])
            for s in new] == [(node[0], start - node[1], node[0], end - node[1],
                               {"start": start, "end": end}, text[start:end])]

    # The next long task shows, from its start.
    page.wait_for_function(f"() => document.querySelector('{HTML_BOX}')"
                           ".textContent.startsWith('Task 1:')")
    assert page.evaluate(top) == 0
    lab.screenshot("long_hypertext_next", locator=page.locator(".lw-annotator"))
