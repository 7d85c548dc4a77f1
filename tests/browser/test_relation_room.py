"""Relation arrows stay within their object's box: linked spans on the text's first line must
not cover the label buttons above the text (they did: the arrows and their labels rose over
PER/ORG/LOC), and arrows of a scrolled text stay clipped to it."""

from __future__ import annotations

from tests.browser.helpers import click_char, drag, open_notebook

CONFIG = '''
CONFIG = """
<View>
  <Relations><Relation value="works_for"/></Relations>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/><Label value="ORG" hotkey="o"/><Label value="LOC" hotkey="l"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""
'''
TEXT = "Alice Smith works for the company Acme Corp in Paris, as the head of design."

# Points of each label button where something of the arrow layer is painted (the layer takes no
# pointer events: for this probe only, its painted parts do, so that elementFromPoint finds any
# stroke or text drawn over a button, clip paths included).
COVERED = """
(buttons = ".lw-span-labels button") => {
  const probe = document.createElement("style");
  probe.textContent = ".lw-rel-layer * { pointer-events: visiblePainted !important; }";
  document.head.append(probe);
  const covered = [];
  for (const b of document.querySelectorAll(buttons)) {
    const r = b.getBoundingClientRect();
    for (let x = r.left + 1; x < r.right; x += 2) for (let y = r.top + 1; y < r.bottom; y += 2) {
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest(".lw-rel-layer") && !hit.matches(".lw-rel-layer")) covered.push([b.textContent, x, y]);
    }
  }
  probe.remove();
  return covered;
}
"""

# The label buttons for which elementFromPoint at their centre is not the button.
HIDDEN = """
(buttons = ".lw-span-labels button") => [...document.querySelectorAll(buttons)].filter((b) => {
  const r = b.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !hit || !b.contains(hit);
}).map((b) => b.textContent)
"""

# The drawn arrows' extent and the text box's rectangle.
ARROW_AND_BOX = """
() => {
  const paths = [...document.querySelectorAll(".lw-rel-layer path:not(marker path)")];
  const box = document.querySelector('.lw-span-text[data-object="text"]').getBoundingClientRect();
  return { paths: paths.map((p) => { const r = p.getBoundingClientRect();
                                     return [r.left, r.top, r.right, r.bottom]; }),
           box: [box.left, box.top, box.right, box.bottom] };
}
"""


def link_first_line(lab, text):
    """Label "Alice Smith" PER and "Acme Corp" ORG (both on the first line) and link them."""
    page = lab.page
    alice, acme = text.index("Alice Smith"), text.index("Acme Corp")
    drag(page, "text", alice, alice + len("Alice Smith"))
    page.keyboard.press("p")
    drag(page, "text", acme, acme + len("Acme Corp"))
    page.keyboard.press("o")
    click_char(page, "text", alice + 1)
    page.keyboard.press("Alt+r")
    page.wait_for_selector(".lw-relations.lw-picking")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.lw-rel-layer').dataset.arrows === '1'")
    page.locator(".lw-rel-row .lw-rel-label", has_text="works_for").click()
    page.wait_for_function("document.querySelector('.lw-rel-layer .lw-rel-text')")


def test_arrows_on_the_first_line_leave_the_label_buttons_visible_and_clickable(lab):
    page = open_notebook(
        lab, "relation_room.ipynb",
        "import pandas as pd\nimport labelwidget as lw\n" + CONFIG
        + f"df = pd.DataFrame({{'text': [{TEXT!r}]}}, index=['t1'])\n"
        "ann = lw.Annotator(df, CONFIG)\nann")
    link_first_line(lab, TEXT)
    # The spans are on the first line, right under the label buttons.
    first = page.evaluate("() => document.querySelector('.lw-span-text .lw-seg')"
                          ".getBoundingClientRect().top")
    buttons = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                            "'.lw-span-labels button')].map((b) => b.getBoundingClientRect().bottom))")
    assert first - buttons < 60
    lab.screenshot("relation_room_first_line", locator=page.locator(".lw-annotator"))

    assert page.evaluate(COVERED) == []
    assert page.evaluate(HIDDEN) == []
    # The arrow is still drawn, inside the text's box.
    got = page.evaluate(ARROW_AND_BOX)
    assert len(got["paths"]) == 1
    (left, top, right, bottom), (bl, bt, br, bb) = got["paths"][0], got["box"]
    assert bl - 1 <= left < right <= br + 1 and bt - 1 <= top < bottom <= bb + 1
    assert bottom - top > 8  # an arc, not a flattened line

    # "Alice Smith" is selected: each label button, clicked, relabels it, in Python at once.
    for label in ("LOC", "ORG", "PER"):
        page.locator(".lw-span-labels button", has_text=label).click()
        lab.wait_until_kernel(
            f"[s['labels'] for s in ann.values['ner'] if s['text'] == 'Alice Smith'] == [[{label!r}]]")
    page.keyboard.press("Enter")
    spans = lab.wait_until_kernel("df.at['t1', 'ner']")
    assert {(s["text"], tuple(s["labels"])) for s in spans} == {
        ("Alice Smith", ("PER",)), ("Acme Corp", ("ORG",))}
    assert len(lab.kernel_eval_json("df.at['t1', 'relations']")) == 1


def test_arrows_of_a_scrolled_text_stay_clipped_to_its_box(lab):
    long_text = TEXT + "\n" + "\n".join(f"Line {i} of the report." for i in range(200))
    page = open_notebook(
        lab, "relation_room_scroll.ipynb",
        "import pandas as pd\nimport labelwidget as lw\n" + CONFIG
        + f"df = pd.DataFrame({{'text': [{long_text!r}]}}, index=['t1'])\n"
        "ann = lw.Annotator(df, CONFIG)\nann")
    link_first_line(lab, long_text)
    box = page.locator('.lw-span-text[data-object="text"]')
    # Scrolled by a few pixels, the arrow moves with its spans, keeps its height (the text's
    # room above its first line scrolled away) and is cut at the box's top.
    before = page.evaluate(ARROW_AND_BOX)["paths"][0]
    box.evaluate("(b) => { b.scrollTop = 12; }")
    page.wait_for_function(f"(() => {{ const p = document.querySelector("
                           f"'.lw-rel-layer path:not(marker path)'); return p && "
                           f"Math.abs(p.getBoundingClientRect().top - ({before[1]} - 12)) < 1 && "
                           f"Math.abs(p.getBoundingClientRect().bottom - ({before[3]} - 12)) < 1; }})()")
    clip = page.evaluate("""() => {
      const g = document.querySelector('.lw-rel-layer path:not(marker path)').closest('[clip-path]');
      const id = g.getAttribute('clip-path').match(/#([^)]+)/)[1];
      const r = document.getElementById(id).querySelector('rect');
      return [+r.getAttribute('y')];
    }""")
    top = page.evaluate("() => document.querySelector('.lw-span-text[data-object=\"text\"]')"
                        ".getBoundingClientRect().top")
    assert abs(clip[0] - top) < 2
    assert page.evaluate(COVERED) == []
    lab.screenshot("relation_room_scrolled", locator=page.locator(".lw-annotator"))
    # Scrolled far down, the spans are out of the box: nothing of the arrow shows above it.
    box.evaluate("(b) => { b.scrollTop = b.scrollHeight; }")
    page.wait_for_function("(() => { const p = document.querySelector("
                           "'.lw-rel-layer path:not(marker path)'); return p && "
                           "p.getBoundingClientRect().bottom < document.querySelector("
                           "'.lw-span-text[data-object=\"text\"]').getBoundingClientRect().top; })()")
    assert page.evaluate(COVERED) == []


IMAGE_CONFIG = '''
CONFIG = """
<View>
  <Relations><Relation value="near"/></Relations>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/><Label value="Bus" hotkey="b"/>
  </RectangleLabels>
</View>
"""
'''


def test_arrows_between_boxes_at_the_image_top_stay_on_the_image(lab):
    # Two boxes touching the image's top edge, linked (with a label): no room above them.
    page = open_notebook(
        lab, "relation_room_image.ipynb",
        "import numpy as np\nimport pandas as pd\nimport labelwidget as lw\n" + IMAGE_CONFIG
        + "image = np.full((300, 600, 3), 220, dtype=np.uint8)\n"
        "boxes = [{'id': 'b1', 'x': 5.0, 'y': 0.5, 'width': 15.0, 'height': 20.0, 'rotation': 0,"
        " 'rectanglelabels': ['Car']}, {'id': 'b2', 'x': 70.0, 'y': 1.0, 'width': 15.0,"
        " 'height': 20.0, 'rotation': 0, 'rectanglelabels': ['Bus']}]\n"
        "df = pd.DataFrame({'image': [image], 'boxes': [boxes],"
        " 'relations': [[{'from_id': 'b1', 'to_id': 'b2', 'labels': ['near']}]]}, index=['i0'])\n"
        "ann = lw.Annotator(df, CONFIG)\nann")
    page.wait_for_function("document.querySelector('.lw-rel-layer') &&"
                           " document.querySelector('.lw-rel-layer').dataset.arrows === '1'")
    # The list names the boxes once the image shows them (it said "b1 (gone)" before).
    page.wait_for_function("document.querySelector('.lw-rel-ends').textContent"
                           " === 'Car “Car” → Bus “Bus”'")
    lab.screenshot("relation_room_image_top", locator=page.locator(".lw-annotator"))
    buttons = ".lw-regions button"
    assert page.locator(buttons).count() >= 5  # Car, Bus, zoom out, in, Fit
    assert page.evaluate(COVERED, buttons) == []
    assert page.evaluate(HIDDEN, buttons) == []
    # The arc is drawn on the image, under the boxes (there is no room over them), label too.
    got = page.evaluate("""() => {
      const r = (e) => { const q = e.getBoundingClientRect(); return [q.left, q.top, q.right, q.bottom]; };
      return { path: r(document.querySelector('.lw-rel-layer path:not(marker path)')),
               text: r(document.querySelector('.lw-rel-layer .lw-rel-text')),
               canvas: r(document.querySelector('.lw-regions-canvas')) };
    }""")
    (left, top, right, bottom), (cl, ct, cr, cb) = got["path"], got["canvas"]
    assert cl - 1 <= left < right <= cr + 1 and ct - 1 <= top < bottom <= cb + 1
    assert bottom - top > 8
    assert ct <= got["text"][1] and got["text"][3] <= cb
    # The Bus button still works: a click arms it, a drawn box gets it, in Python.
    page.locator(".lw-regions-bar button", has_text="Bus").click()
    canvas = page.locator(".lw-regions-canvas").bounding_box()
    page.mouse.move(canvas["x"] + canvas["width"] * 0.4, canvas["y"] + canvas["height"] * 0.6)
    page.mouse.down()
    page.mouse.move(canvas["x"] + canvas["width"] * 0.55, canvas["y"] + canvas["height"] * 0.85,
                    steps=6)
    page.mouse.up()
    lab.wait_until_kernel("len(ann.values['boxes']) == 3 and "
                          "ann.values['boxes'][2]['rectanglelabels'] == ['Bus']")
