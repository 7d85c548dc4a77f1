"""What a person does on the page, and what the browser tests read back, shared by the test
files (one copy each; the JupyterLab and kernel machinery is in ``harness.py``).

- :func:`write_notebook`: a scenario notebook of code cells, written into the server's root;
- :func:`drag`, :func:`click_char`: the mouse on the characters of a span widget's text;
- :func:`shown_text`: the task text a text-classification annotator shows;
- :class:`Editor`: the image region editor, in image pixels.
"""

from __future__ import annotations

import io
import json


def write_notebook(lab, name: str, *sources: str) -> None:
    """A notebook of one code cell per source, unrun, in the Jupyter server's root."""
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": source} for source in sources]
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3",
                                                       "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    (lab.server.root_dir / name).write_text(json.dumps(nb))


def open_notebook(lab, name: str, *sources: str):
    """Write, open and run a notebook of these cells; the page once an annotator is shown."""
    write_notebook(lab, name, *sources)
    lab.open_notebook(name)
    lab.run_all()
    lab.page.locator(".lw-annotator").first.wait_for()
    return lab.page


def cell_sources(page):
    """[cell type, source] of each cell of the open notebook, as JupyterLab holds them."""
    return page.evaluate("() => window.__lwPanel.content.widgets.map("
                         "c => [c.model.type, c.model.sharedModel.getSource()])")


def shown_text(page) -> str:
    """The text of the task a text-classification annotator shows."""
    return page.locator(".lw-annotator .lw-text").inner_text()


# -- span widgets: the mouse on characters --------------------------------------------------------

# Rect of the UTF-16 character at `offset` of the span widget showing `object`, in page pixels
# (a surrogate pair is one character two offsets wide).
CHAR_RECT = """
([object, offset]) => {
  const box = document.querySelector(`.lw-span-text[data-object="${object}"]`);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (offset < at + n.data.length) {
      const r = document.createRange();
      const i = offset - at;
      const code = n.data.charCodeAt(i);
      const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      r.setStart(n, i);
      r.setEnd(n, i + width);
      const rects = [...r.getClientRects()].filter((q) => q.width > 0);
      const q = rects[0] || r.getBoundingClientRect();
      return { left: q.left, right: q.right, top: q.top, bottom: q.bottom };
    }
    at += n.data.length;
  }
  throw new Error(`offset ${offset} beyond the text of ${object}`);
}
"""


def drag(page, obj, start, end):
    """Select the UTF-16 range [start, end) of `obj` with the mouse: press on the left half of
    the first character, release on the right half of the last one."""
    page.locator(f'.lw-span-text[data-object="{obj}"]').scroll_into_view_if_needed()
    a = page.evaluate(CHAR_RECT, [obj, start])
    b = page.evaluate(CHAR_RECT, [obj, end - 1])
    y1 = (a["top"] + a["bottom"]) / 2
    y2 = (b["top"] + b["bottom"]) / 2
    page.mouse.move(a["left"] + 1, y1)
    page.mouse.down()
    page.mouse.move((a["left"] + b["right"]) / 2, (y1 + y2) / 2, steps=4)
    page.mouse.move(b["right"] - 1, y2, steps=4)
    page.mouse.up()


def click_char(page, obj, offset):
    """Click the middle of the character at UTF-16 `offset` of `obj`."""
    r = page.evaluate(CHAR_RECT, [obj, offset])
    page.mouse.click((r["left"] + r["right"]) / 2, (r["top"] + r["bottom"]) / 2)


# -- the image region editor ------------------------------------------------------------------------


class Editor:
    """The image editor on the page: image pixels <-> page coordinates, gestures, reads (the
    scenario notebook names the region widget ``editor``)."""

    def __init__(self, lab):
        self.lab = lab
        self.page = lab.page

    def view(self):
        """(scale, left, top): CSS px per image px, and where the image's (0, 0) is."""
        # The editor paints (and writes data-view) in the next animation frame after a
        # gesture or a button: read after that frame, or a click's effect is not on screen yet.
        got = self.page.evaluate(
            "async () => { await new Promise((ok) => requestAnimationFrame(() =>"
            " requestAnimationFrame(ok)));"
            " const r = document.querySelector('.lw-regions');"
            " const c = document.querySelector('.lw-regions-canvas').getBoundingClientRect();"
            " return [r.dataset.view, c.left, c.top]; }"
        )
        scale, ox, oy = map(float, got[0].split())
        return scale, got[1] + ox, got[2] + oy

    def next_frame(self):
        """Wait until the browser has painted the frame after what the test just did."""
        self.page.evaluate("() => new Promise((ok) => requestAnimationFrame(() =>"
                           " requestAnimationFrame(ok)))")

    def at(self, px, py):
        scale, left, top = self.view()
        return left + px * scale, top + py * scale

    def drag(self, a, b, steps=8):
        self.page.mouse.move(*self.at(*a))
        self.page.mouse.down()
        self.page.mouse.move(*self.at(*b), steps=steps)
        self.page.mouse.up()

    def click(self, px, py):
        self.page.mouse.click(*self.at(px, py))

    def focus(self):
        """Click the stage's empty margin so that keys go to the annotator."""
        self.page.locator(".lw-regions-canvas").click(position={"x": 3, "y": 3})

    def value(self):
        return self.lab.kernel_eval_json("editor.value")

    def wait_value(self, expr: str):
        """Wait until ``expr`` (Python, over ``v = editor.value``) holds in the kernel; return
        the value then."""
        self.lab.wait_until_kernel(f"(lambda v: {expr})(editor.value)")
        return self.value()

    def pixel(self, px, py):
        """RGBA at image pixel (px, py) as on screen now: the image, the regions' canvas over
        it and, during a gesture, the region it changes (SVG), composited by the browser."""
        from PIL import Image

        x, y = self.at(px, py)
        png = self.page.screenshot(clip={"x": int(x), "y": int(y), "width": 1, "height": 1})
        return list(Image.open(io.BytesIO(png)).convert("RGBA").getpixel((0, 0)))

    def shot(self, name):
        self.lab.screenshot(name, locator=self.page.locator(".lw-annotator"))


# -- the image regions scenario (test_image_regions, test_label_flow, test_focus) --------------

IMAGE_NOTEBOOK = "image_regions_scenarios.ipynb"
W, H = 400, 300  # original size of the generated images

IMAGE_SETUP = f'''\
import numpy as np
import pandas as pd
from PIL import Image, ImageDraw

import labelwidget as lw


def scene(i, w={W}, h={H}):
    image = Image.new("RGB", (w, h), (235, 232 - 30 * i, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([50 + 20 * i, 60, 150 + 20 * i, 160], fill=(40, 90, 200))
    draw.ellipse([250, 120, 330, 200], fill=(220, 60, 40))
    return np.asarray(image)


df = pd.DataFrame({{"image": [scene(i) for i in range(3)] + ["missing/photo.png"]}},
                  index=["t0", "t1", "t2", "t3"])
df["boxes"] = pd.Series([None, [{{"id": "pre1", "x": 10, "y": 10, "width": 20, "height": 20,
                                   "rotation": 0, "rectanglelabels": ["Bus"]}}], None, None],
                        index=df.index, dtype=object)
config = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c" background="#1f77b4"/>
    <Label value="Bus" hotkey="b" background="#d62728"/>
  </RectangleLabels>
  <PolygonLabels name="areas" toName="image">
    <Label value="Road" hotkey="r" background="#2ca02c"/>
  </PolygonLabels>
  <KeyPointLabels name="points" toName="image">
    <Label value="Nose" hotkey="n" background="#ff7f0e"/>
  </KeyPointLabels>
  <Choices name="quality" toName="image" choice="single">
    <Choice value="Sharp" hotkey="s"/><Choice value="Blurry" hotkey="y"/>
  </Choices>
</View>
"""
ann = lw.Annotator(df, config)
editor = ann._compiled.part_of("boxes").widget
ann
'''


IMAGE_GALLERY = """\
from labelwidget.gallery import gallery

review = gallery(ann, size=200)
review
"""


def open_image_scenarios(lab):
    """The image regions scenario notebook, run, with the editor on screen."""
    write_notebook(lab, IMAGE_NOTEBOOK, IMAGE_SETUP, IMAGE_GALLERY)
    lab.open_notebook(IMAGE_NOTEBOOK)
    lab.run_all()
    page = lab.page
    page.locator(".lw-regions-canvas").wait_for()
    page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view",
                           polling=100)
    page.locator(".lw-regions-stage").scroll_into_view_if_needed()
    return page


def pixels(region, key):
    extent = W if key in ("x", "width") else H
    return region[key] * extent / 100


def assert_box(region, x, y, w, h, tol=1.0):
    got = [pixels(region, k) for k in ("x", "y", "width", "height")]
    assert all(abs(g - e) <= tol for g, e in zip(got, (x, y, w, h), strict=True)), (got, region)
    assert (region["original_width"], region["original_height"]) == (W, H)
