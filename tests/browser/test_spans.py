"""Issue 3 in a real JupyterLab: label spans with the real mouse and keyboard, then check the
DataFrame cells in the kernel. Notebook: tests/browser/notebooks/spans_scenarios.ipynb."""

from __future__ import annotations

from tests.browser.helpers import click_char, drag

NOTEBOOK = "spans_scenarios.ipynb"

def open_scenarios(lab):
    lab.open_notebook(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".lw-spans").nth(2).wait_for()


def box(page, obj):
    return page.locator(f'.lw-span-text[data-object="{obj}"]')


def shown(page, obj):
    return page.evaluate(
        "o => document.querySelector(`.lw-span-text[data-object=\"${o}\"]`).textContent", obj
    )


def shot(lab, name, obj="text"):
    """Screenshot of the annotator showing `obj` (kept in artifacts/screenshots/)."""
    annotator = lab.page.locator(f'.lw-annotator:has(.lw-spans[data-object="{obj}"])')
    lab.screenshot(name, locator=annotator)


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_drag_select_hotkey_submit(lab):
    page = lab.page
    open_scenarios(lab)
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    assert shown(page, "text") == text
    start = text.index("Alice Smith")
    drag(page, "text", start, start + len("Alice Smith"))
    page.wait_for_selector('.lw-span-text[data-object="text"] .lw-seg.lw-pending')
    page.keyboard.press("p")
    # Drawn by the browser at once: no kernel round trip before the highlight.
    seg = page.locator('.lw-span-text[data-object="text"] .lw-seg[data-chip="PER"]')
    assert seg.count() == 1
    assert seg.inner_text() == "Alice Smith"
    shot(lab, "spans_drag_hotkey")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t1', 'ner']")
    assert len(cell) == 1
    span = cell[0]
    assert (span["start"], span["end"], span["text"], span["labels"]) == (0, 11, "Alice Smith", ["PER"])
    assert isinstance(span["id"], str) and len(span["id"]) == 10
    assert lab.kernel_eval_json("df.at['t1','text'][0:11]") == "Alice Smith"


def seg(page, obj, chip=None):
    sel = f'.lw-span-text[data-object="{obj}"] .lw-seg'
    return page.locator(f'{sel}[data-chip="{chip}"]' if chip else sel)


def test_overlap_click_select_relabel_delete(lab):
    page = lab.page
    open_scenarios(lab)
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    acme = text.index("Acme Corp")
    corp = text.index("Corp")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    drag(page, "text", corp, corp + len("Corp in Paris"))
    page.keyboard.press("l")
    # Overlap: "Corp" is under both spans, drawn with two underline rows.
    both = page.locator('.lw-span-text[data-object="text"] .lw-seg[data-depth="2"]')
    assert both.inner_text() == "Corp"
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row').count() == 2
    shot(lab, "spans_overlap")

    # A click on the overlap selects the innermost span, a second click the other one.
    click_char(page, "text", corp + 1)
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row.lw-sel .lw-span-quote').inner_text() == "Acme Corp"
    click_char(page, "text", corp + 1)
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row.lw-sel .lw-span-quote').inner_text() == "Corp in Paris"
    # Escape clears the selection.
    page.keyboard.press("Escape")
    assert page.locator(".lw-seg.lw-sel").count() == 0

    # Relabel: select "Acme Corp" (ORG) and press the PER key.
    click_char(page, "text", acme)
    page.keyboard.press("p")
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row.lw-sel .lw-span-tag').inner_text() == "PER"
    # Delete: select "Corp in Paris" by clicking "Paris", then Delete.
    click_char(page, "text", text.index("Paris") + 2)
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row.lw-sel .lw-span-quote').inner_text() == "Corp in Paris"
    page.keyboard.press("Delete")
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row').count() == 1
    shot(lab, "spans_relabel_delete")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t1', 'ner']")
    assert [(s["start"], s["end"], s["text"], s["labels"]) for s in cell] == [
        (acme, acme + 9, "Acme Corp", ["PER"])
    ]


def test_label_first_then_select_and_list_delete(lab):
    page = lab.page
    open_scenarios(lab)
    text = lab.kernel_eval_json("df.at['t1', 'text']")
    page.locator('.lw-spans[data-object="text"] .lw-label[data-value="PER"]').click()
    assert page.locator('.lw-label.lw-on[data-value="PER"]').count() == 1
    bob = text.index("Bob Jones")
    drag(page, "text", bob, bob + len("Bob Jones"))
    assert seg(page, "text", "PER").inner_text() == "Bob Jones"
    alice = text.index("Alice")
    drag(page, "text", alice, alice + len("Alice"))  # still armed: a second PER span
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row').count() == 2
    # The list's delete button removes that span.
    page.locator('.lw-spans[data-object="text"] .lw-span-row:has-text("Alice") .lw-span-delete').click()
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row').count() == 1
    page.locator(".lw-annotator").first.locator(".lw-submit").click()
    cell = lab.wait_until_kernel("df.at['t1', 'ner']")
    assert [(s["start"], s["end"], s["labels"]) for s in cell] == [(bob, bob + 9, ["PER"])]


def test_word_snapping_multiple_labels_and_max_usages(lab):
    page = lab.page
    open_scenarios(lab)
    text = lab.kernel_eval_json("wdf.at[0, 'text']")
    acme = text.index("Acme")
    corp_end = text.index("Corporation") + len("Corporation")
    # From inside "Acme" to inside "Corporation": snapped to the whole words.
    drag(page, "wtext", acme + 1, corp_end - 3)
    page.keyboard.press("2")
    assert seg(page, "wtext", "ORG").inner_text() == "Acme Corporation"
    # choice="multiple": a second label on the selected span.
    click_char(page, "wtext", acme + 2)
    page.keyboard.press("1")
    assert page.locator('.lw-spans[data-object="wtext"] .lw-span-row .lw-span-tag').count() == 2
    page.keyboard.press("Escape")
    # maxUsages="1" on ORG: a second ORG span is refused with a message.
    jane = text.index("Jane")
    drag(page, "wtext", jane + 1, jane + 3)
    page.keyboard.press("2")
    note = page.locator('.lw-spans[data-object="wtext"] .lw-span-note.lw-error')
    assert "at most 1" in note.inner_text()
    page.keyboard.press("1")  # the pending selection takes PER instead
    assert seg(page, "wtext", "PER").inner_text() == "Jane"
    # A second Labels group on the same text: "hired" as VERB, and "Acme Corporation" gets a
    # VERB result too (one region, results in two groups, as Label Studio keeps them).
    hired = text.index("hired")
    drag(page, "wtext", hired, hired + 5)
    page.keyboard.press("v")
    click_char(page, "wtext", acme + 2)
    page.keyboard.press("v")
    page.keyboard.press("Escape")
    shot(lab, "spans_word_snapping", "wtext")
    page.locator('.lw-spans[data-object="wtext"]').click(position={"x": 2, "y": 2})
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("wdf.at[0, 'wner']")
    assert sorted((s["text"], sorted(s["labels"])) for s in cell) == [
        ("Acme Corporation", ["ORG", "PER"]),
        ("Jane", ["PER"]),
    ]
    pos = lab.kernel_eval_json("wdf.at[0, 'wpos']")
    assert sorted((s["text"], s["labels"]) for s in pos) == [
        ("Acme Corporation", ["VERB"]),
        ("hired", ["VERB"]),
    ]
    acme_id = next(s["id"] for s in cell if s["text"] == "Acme Corporation")
    assert acme_id in {s["id"] for s in pos}


def test_emoji_cjk_and_whitespace_offsets_are_python_indices(lab):
    page = lab.page
    open_scenarios(lab)
    page.locator(".lw-annotator").first.locator(".lw-next").click()
    text = lab.kernel_eval_json("df.at['t2', 'text']")
    page.wait_for_function(
        "t => document.querySelector('.lw-span-text[data-object=\"text\"]').textContent === t",
        arg=text,
    )
    for word, key in (("Zoë", "p"), ("東京", "l"), ("Tokyo  Tower", "l")):
        i = text.index(word)
        drag(page, "text", utf16(text, i), utf16(text, i + len(word)))
        page.keyboard.press(key)
    shot(lab, "spans_emoji")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t2', 'ner']")
    got = sorted((s["start"], s["end"], s["text"]) for s in cell)
    want = sorted((text.index(w), text.index(w) + len(w), w) for w in ("Zoë", "東京", "Tokyo  Tower"))
    assert got == want
    assert lab.kernel_eval_json(
        "all(df.at['t2','text'][s['start']:s['end']] == s['text'] for s in df.at['t2','ner'])"
    )


def test_xss_payloads_never_run(lab):
    page = lab.page
    open_scenarios(lab)
    annotator = page.locator(".lw-annotator").first
    annotator.locator(".lw-next").click()
    annotator.locator(".lw-next").click()
    text = lab.kernel_eval_json("df.at['t3', 'text']")
    page.wait_for_function(
        "t => document.querySelector('.lw-span-text[data-object=\"text\"]').textContent === t",
        arg=text,
    )
    plain = box(page, "text")
    assert plain.locator("img, script").count() == 0  # shown literally, as text
    img = text.index("<img")
    drag(page, "text", img, text.index(">", img) + 1)
    page.keyboard.press("o")
    assert seg(page, "text", "ORG").inner_text() == "<img src=x onerror=alert(2)>"
    assert page.locator('.lw-spans[data-object="text"] .lw-span-row .lw-span-quote:text-is("<img src=x onerror=alert(2)>")').count() == 1

    html = box(page, "page")
    assert html.locator("script").count() == 0
    assert html.locator("[onerror]").count() == 0
    assert html.locator('a[href^="javascript"]').count() == 0
    shown_html = shown(page, "page")
    who = shown_html.index("Mallory Moe")
    drag(page, "page", who, who + len("Mallory Moe"))
    page.keyboard.press("n")
    drag(page, "page", 0, len("Quarterly report"))  # crosses into <b>
    page.keyboard.press("t")
    trent = shown_html.index("Trent")
    drag(page, "page", trent, trent + 5)
    page.keyboard.press("n")
    shot(lab, "spans_xss_text")
    shot(lab, "spans_xss_hypertext", "page")
    page.locator('.lw-spans[data-object="page"]').click(position={"x": 2, "y": 2})
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("hdf.at[0, 'hner']")
    spans = {s["text"]: s for s in cell}
    assert set(spans) == {"Mallory Moe", "Quarterly report", "Trent"}
    title = spans["Quarterly report"]
    assert (title["start"], title["startOffset"]) == ("/h3[1]/text()[1]", 0)
    assert (title["end"], title["endOffset"]) == ("/h3[1]/b[1]/text()[1]", 6)
    assert title["globalOffsets"] == {"start": 0, "end": 16}
    assert title["hypertextlabels"] == ["Title"]
    assert spans["Trent"]["start"] == "/table[1]/tbody[1]/tr[1]/td[1]/text()[1]"
    assert lab.dialogs == []
    assert not [e for e in lab.page_errors if "alert" in e]


def test_prefilled_spans_are_editable_and_widget_is_reused(lab):
    page = lab.page
    open_scenarios(lab)
    page.evaluate(
        "() => document.querySelector('.lw-spans[data-object=\"text\"]').dataset.mark = 'same'"
    )
    annotator = page.locator(".lw-annotator").first
    for _ in range(3):
        annotator.locator(".lw-next").click()
    text = lab.kernel_eval_json("df.at['t4', 'text']")
    page.wait_for_function(
        "t => document.querySelector('.lw-span-text[data-object=\"text\"]').textContent === t",
        arg=text,
    )
    # The same element shows the fourth task: nothing was rebuilt.
    assert page.locator('.lw-spans[data-mark="same"]').count() == 1
    assert seg(page, "text", "ORG").inner_text() == "Globex"
    click_char(page, "text", text.index("Globex") + 1)
    page.keyboard.press("Backspace")
    assert seg(page, "text").count() == 0
    berlin = text.index("Berlin")
    drag(page, "text", berlin, berlin + 6)
    page.keyboard.press("l")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel(
        "df.at['t4', 'ner'] if df.at['t4', 'ner'][0]['text'] != 'Globex' else None"
    )
    assert [(s["text"], s["labels"]) for s in cell] == [("Berlin", ["LOC"])]


# The text nodes and XPaths of HTML as the browser parses it (the same walk as js/text_spans.js).
_DOM_TEXT_NODES = """
(html) => {
  const root = document.createElement("div");
  root.innerHTML = html;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.length) continue;
    const parts = [];
    for (let m = n; m !== root; m = m.parentNode) {
      let i = 1;
      if (m.nodeType === Node.TEXT_NODE) {
        for (let s = m.previousSibling; s; s = s.previousSibling) if (s.nodeType === 3) i += 1;
        parts.push(`text()[${i}]`);
      } else {
        const name = m.nodeName.toLowerCase();
        for (let s = m.previousSibling; s; s = s.previousSibling)
          if (s.nodeName.toLowerCase() === name) i += 1;
        parts.push(`${name}[${i}]`);
      }
    }
    out.push([`/${parts.reverse().join("/")}`, n.data]);
  }
  return out;
}
"""

TRICKY_HTML = [
    "<h3>Quarterly <b>report</b></h3><p>By Mallory&nbsp;Moe &amp; Co.</p>",
    "<pre>\n\ncode  kept\n</pre>after",
    "<p>one<p>two<br>three</p>",
    "<ul><li>a<li>b</ul><ol>\n <li>c</li>\n</ol>",
    "<div>x<!-- comment -->y</div>",
    "<table>\n <tr>\n  <td>1</td>\n </tr>\n</table>text",
    "<b>bold <i>both</b> italic</i>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; 😀 東京 e\u0301</p>",
    "<svg><text>hi</text></svg><noscript>ns</noscript><style>p{}</style>z",
    "<textarea>\nt</textarea><select><option>o</option></select>",
    "<table><caption>c</caption><colgroup><col></colgroup><thead><tr><th>h</th></tr></thead>"
    "<tr><td>d</td></tr></table>",
    "a<custom-tag>b</custom-tag>c<img src=x onerror=alert(1)>d",
]


def test_python_reads_sanitized_html_as_the_browser_does(lab):
    """HyperText offsets are checked in Python: its text nodes and XPaths must be the DOM's."""
    from labelwidget.config.hypertext import HtmlText, sanitize_html

    lab.page.set_content("<html><body></body></html>")
    for raw in TRICKY_HTML:
        clean = sanitize_html(raw)
        dom = [tuple(x) for x in lab.page.evaluate(_DOM_TEXT_NODES, clean)]
        doc = HtmlText(clean)
        ours = [(xpath, doc.text[start:end]) for xpath, start, end in doc.nodes]
        assert ours == dom, (raw, clean)
    assert lab.dialogs == []


def test_ner_notebook_labels_and_choices_together(lab):
    """notebooks/ner.ipynb: spans and a Choices control in one config, by mouse and keys."""
    page = lab.page
    lab.open_notebook("ner.ipynb")
    lab.run_all()
    page.locator('.lw-spans[data-object="text"]').first.wait_for()
    item = lab.kernel_eval_json("ann.current")
    text = lab.kernel_eval_json("df.at[ann.current, 'text']")
    assert shown(page, "text") == text
    for name, key in (("Serena Williams", "p"), ("Wimbledon", "l")):
        start = utf16(text, text.index(name))
        drag(page, "text", start, start + len(name))
        page.keyboard.press(key)
    page.keyboard.press("3")  # the Choices hotkey: Sports
    shot(lab, "spans_ner_notebook")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel(f"df.at[{item}, 'entities']")
    assert [(s["text"], s["labels"]) for s in cell] == [("Serena Williams", ["PER"]),
                                                        ("Wimbledon", ["LOC"])]
    assert lab.kernel_eval_json(f"df.at[{item}, 'topic']") == "Sports"
