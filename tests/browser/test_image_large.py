"""12-megapixel photos in the image region editor, in a real JupyterLab: the next task's photo is
shown (decoded ahead at the stage's size, js/_image_cache.js), a box drawn on it lands in the
DataFrame in percent of the original 4000 x 3000 pixels, and zooming in draws a sharper copy
with the same coordinates.
"""

from __future__ import annotations

from tests.browser.helpers import Editor, open_notebook

BIG_W, BIG_H = 4000, 3000

SETUP = f'''\
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

import labelwidget as lw

folder = Path(tempfile.mkdtemp(prefix="lw-big-"))
rng = np.random.default_rng(1)


def photo(name, colour):
    """A noisy 12 MP JPEG (a few MB, like a phone photo) with a solid block at
    x 1000-2000, y 750-1500."""
    pixels = rng.integers(40, 200, ({BIG_H}, {BIG_W}, 3), dtype=np.uint8)
    pixels[750:1500, 1000:2000] = colour
    path = folder / name
    Image.fromarray(pixels).save(path, format="JPEG", quality=90)
    return str(path)


small = np.full((300, 400, 3), 220, dtype=np.uint8)
df = pd.DataFrame({{"image": [small, photo("a.jpg", (230, 20, 20)), photo("b.jpg", (20, 20, 230))]}},
                  index=["t0", "t1", "t2"])
config = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/>
  </RectangleLabels>
</View>
"""
ann = lw.Annotator(df, config)
editor = ann._compiled.part_of("boxes").widget
ann
'''

SHOWN = """([w, h]) => document.querySelector('.lw-regions')?.dataset.size === `${w} ${h}`"""

# RGBA at a page point of whichever canvas of the stage has the image drawn there.
PIXEL = """
([x, y]) => {
  for (const c of document.querySelectorAll('.lw-regions-stage canvas')) {
    const r = c.getBoundingClientRect();
    const d = c.width / r.width;
    const px = [...c.getContext('2d').getImageData(Math.round((x - r.left) * d),
                                                   Math.round((y - r.top) * d), 1, 1).data];
    if (px[3] > 0) return px;
  }
  return null;
}
"""


def copy_width(page) -> int:
    return int(page.evaluate("() => document.querySelector('.lw-regions').dataset.copy"))


def assert_percent_box(box, x, y, w, h, tol_px):
    """``box`` (percent of the original) covers image pixels x, y, w, h within ``tol_px``."""
    got = [box["x"] * BIG_W / 100, box["y"] * BIG_H / 100,
           box["width"] * BIG_W / 100, box["height"] * BIG_H / 100]
    assert all(abs(g - e) <= tol_px for g, e in zip(got, (x, y, w, h), strict=True)), (got, box)
    assert (box["original_width"], box["original_height"]) == (BIG_W, BIG_H)


def test_a_box_on_the_next_12_megapixel_photo_is_stored_in_original_percent(lab):
    page = open_notebook(lab, "image_large.ipynb", SETUP)
    page.locator(".lw-regions-stage").scroll_into_view_if_needed()
    page.wait_for_function(SHOWN, arg=[400, 300], timeout=60_000)
    ed = Editor(lab)
    ed.focus()
    page.keyboard.press("Enter")  # submit t0: the next task is the first 12 MP photo
    page.wait_for_function(SHOWN, arg=[BIG_W, BIG_H], timeout=120_000)
    scale = ed.view()[0]
    assert scale < 0.5  # the whole photo fits the stage
    # What is painted is the photo: its red block, where the original has it.
    red = page.evaluate(PIXEL, list(ed.at(1500, 1100)))
    assert red and red[0] > 180 and red[1] < 80 and red[2] < 80, red
    # Drawn from a copy about as wide as the stage shows it, not from the 4000 px original.
    assert copy_width(page) < BIG_W / 2
    page.keyboard.press("c")
    ed.drag((1000, 750), (2000, 1500))
    ed.shot("image_large_box")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t1', 'boxes']", timeout=60)
    assert len(cell) == 1
    # A page pixel is 1 / scale image pixels here (about 5): one pixel's tolerance.
    assert_percent_box(cell[0], 1000, 750, 1000, 750, tol_px=1.5 / scale)

    # The second photo, zoomed in: a sharper copy is drawn, and boxes stay exact.
    page.wait_for_function(SHOWN, arg=[BIG_W, BIG_H], timeout=120_000)
    page.wait_for_function("() => document.querySelector('.lw-annotator').textContent"
                           ".includes(\"task 't2'\")", timeout=60_000)
    fit_copy = copy_width(page)
    for _ in range(4):
        page.locator(".lw-zoom-in").click()  # about the stage's centre, 2.4x
    page.wait_for_function(f"() => Number(document.querySelector('.lw-regions').dataset.copy)"
                           f" > {fit_copy * 2}", timeout=120_000)
    scale = ed.view()[0]
    blue = page.evaluate(PIXEL, list(ed.at(1900, 1400)))
    assert blue and blue[2] > 180 and blue[0] < 80, blue
    # The label picked on t1 stays picked (pressing its key again would put it down).
    if page.locator(".lw-regions-bar [aria-pressed='true']").count() == 0:
        page.keyboard.press("c")
    ed.drag((1800, 1300), (2200, 1700))
    v = ed.wait_value("len(v['boxes']) == 1")
    assert_percent_box(v["boxes"][0], 1800, 1300, 400, 400, tol_px=1.5 / scale)
    ed.shot("image_large_zoomed_box")
