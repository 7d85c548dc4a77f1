"""Issue 4 in a real JupyterLab: draw and edit boxes, polygons and keypoints on images with the
real mouse and keyboard, then check the DataFrame cells in the kernel (1 px tolerance).

The scenario notebook is written by this module into the server's root (it holds generated
images only); ``notebooks/object_detection.ipynb`` is the user-facing one.
"""

from __future__ import annotations

import math
import time

from tests.browser.helpers import Editor, H, W, assert_box
from tests.browser.helpers import open_image_scenarios as open_scenarios


def test_draw_a_box_and_submit(lab):
    open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    lab.page.keyboard.press("c")  # the label's hotkey picks the drawing label
    ed.drag((100, 80), (200, 180))
    ed.shot("image_regions_draw_box")
    lab.page.keyboard.press("Enter")  # submit
    cell = lab.wait_until_kernel("df.at['t0', 'boxes']")
    assert len(cell) == 1
    assert_box(cell[0], 100, 80, 100, 100)
    assert cell[0]["rectanglelabels"] == ["Car"] and cell[0]["rotation"] == 0
    assert isinstance(cell[0]["id"], str) and len(cell[0]["id"]) == 10
    assert lab.kernel_eval_json("ann.current") == "t1"


def test_ctrl_z_undoes_a_box_move_then_the_box(lab):
    open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    lab.page.keyboard.press("c")
    ed.drag((100, 80), (200, 180))
    ed.click(150, 130)
    ed.drag((150, 130), (170, 140))  # move by (+20, +10)
    v = ed.wait_value("abs(v['boxes'][0]['x'] - 30) < 0.3")
    lab.page.keyboard.press("Control+z")  # the move is undone, the box stays
    v = ed.wait_value("v['boxes'] and abs(v['boxes'][0]['x'] - 25) < 0.3")
    assert_box(v["boxes"][0], 100, 80, 100, 100)
    ed.shot("image_regions_move_undone")
    lab.page.keyboard.press("Control+z")  # then the box itself
    ed.wait_value("not v['boxes']")
    lab.page.keyboard.press("Control+Shift+z")  # and back
    v = ed.wait_value("v['boxes'] and len(v['boxes']) == 1")
    assert_box(v["boxes"][0], 100, 80, 100, 100)
    assert lab.kernel_eval_json("[ann.current, df.at['t0', 'boxes']]") == ["t0", None]
    lab.page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t0', 'boxes']")
    assert_box(cell[0], 100, 80, 100, 100)


def test_move_resize_relabel_delete(lab):
    open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    lab.page.keyboard.press("c")
    ed.drag((100, 80), (200, 180))
    ed.click(150, 130)  # a new box is not selected (as in Label Studio): a click selects it
    ed.drag((150, 130), (170, 140))  # inside the selected box: move by (+20, +10)
    v = ed.wait_value("abs(v['boxes'][0]['x'] - 30) < 0.3")
    assert_box(v["boxes"][0], 120, 90, 100, 100)
    ed.drag((220, 190), (260, 230))  # the bottom-right handle
    v = ed.wait_value("abs(v['boxes'][0]['width'] - 35) < 0.3")
    assert_box(v["boxes"][0], 120, 90, 140, 140)
    ed.drag((120, 160), (100, 160))  # the left edge's handle: only x and width change
    v = ed.wait_value("abs(v['boxes'][0]['x'] - 25) < 0.3")
    assert_box(v["boxes"][0], 100, 90, 160, 140)
    lab.page.keyboard.press("b")  # relabel the selected box by hotkey
    v = ed.wait_value("v['boxes'][0]['rectanglelabels'] == ['Bus']")
    region_id = v["boxes"][0]["id"]
    ed.shot("image_regions_move_resize_relabel")
    lab.page.keyboard.press("Delete")
    ed.wait_value("v['boxes'] == []")
    lab.page.keyboard.press("b")  # nothing selected: the key switches the drawing label
    ed.drag((10, 10), (60, 60))
    v = ed.wait_value("len(v['boxes']) == 1")
    assert v["boxes"][0]["id"] != region_id and v["boxes"][0]["rectanglelabels"] == ["Bus"]
    lab.page.keyboard.press("b")  # the new box is not selected: the key disarms the label
    ed.drag((100, 100), (150, 150))
    lab.page.keyboard.press("Enter")  # the submit follows the drag: it holds what the drag made
    cell = lab.wait_until_kernel("df.at['t0', 'boxes']")
    assert len(cell) == 1, cell
    assert_box(cell[0], 10, 10, 50, 50)


def test_polygon_and_keypoint(lab):
    open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    lab.page.keyboard.press("r")
    square = [(300, 40), (380, 40), (380, 100), (300, 100)]
    for p in square:
        ed.click(*p)
    ed.click(*square[0])  # clicking the first point closes the polygon
    v = ed.wait_value("len(v['areas']) == 1")
    points = v["areas"][0]["points"]
    assert len(points) == 4
    for (x, y), (ex, ey) in zip(points, square, strict=True):
        assert abs(x * W / 100 - ex) <= 1 and abs(y * H / 100 - ey) <= 1
    assert v["areas"][0]["polygonlabels"] == ["Road"]
    # A triangle closed with Enter: the key closes the polygon instead of submitting the task.
    for p in [(20, 200), (120, 200), (70, 280)]:
        ed.click(*p)
    lab.page.keyboard.press("Enter")
    v = ed.wait_value("len(v['areas']) == 2")
    assert lab.kernel_eval_json("ann.current") == "t0"
    lab.page.keyboard.press("Escape")
    lab.page.keyboard.press("n")
    ed.click(200, 250)
    v = ed.wait_value("len(v['points']) == 1")
    kp = v["points"][0]
    assert abs(kp["x"] * W / 100 - 200) <= 1 and abs(kp["y"] * H / 100 - 250) <= 1
    assert kp["keypointlabels"] == ["Nose"]
    ed.drag((200, 250), (210, 240))  # drag the point
    v = ed.wait_value("abs(v['points'][0]['x'] - 52.5) < 0.3")
    ed.shot("image_regions_polygon_keypoint")
    lab.page.keyboard.press("Enter")
    # A list of two Nones is truthy: wait for the submit itself (it writes both cells at once).
    row = lab.wait_until_kernel("df.loc['t0', ['areas', 'points']].tolist() "
                                "if df.loc['t0', 'points'] is not None else None")
    assert len(row[0]) == 2 and len(row[1]) == 1


def test_zoom_then_draw(lab):
    page = open_scenarios(lab)
    ed = Editor(lab)
    before = ed.view()[0]
    page.mouse.move(*ed.at(200, 150))
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)  # Ctrl+wheel zooms about the pointer
    page.keyboard.up("Control")
    page.wait_for_function(f"() => parseFloat(document.querySelector('.lw-regions')"
                           f".dataset.view) > {before * 1.2}")
    page.locator(".lw-zoom-in").click()
    scale = ed.view()[0]
    assert scale > before * 1.5
    ed.focus()
    page.keyboard.press("c")
    ed.drag((160, 120), (190, 140))
    v = ed.wait_value("len(v['boxes'] or []) == 1")  # no boxes yet: None until the edit arrives
    assert_box(v["boxes"][0], 160, 120, 30, 20, tol=1.0 / 2)  # zoomed: finer than a pixel
    # Space+drag pans: the same image pixel moves with the pointer.
    x0, y0 = ed.at(200, 150)
    page.keyboard.down(" ")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 - 60, y0 - 40, steps=5)
    page.mouse.up()
    page.keyboard.up(" ")
    x1, y1 = ed.at(200, 150)
    assert abs(x1 - (x0 - 60)) <= 1 and abs(y1 - (y0 - 40)) <= 1
    ed.drag((230, 170), (250, 185))  # near the zoom centre: still on screen after the pan
    v = ed.wait_value("len(v['boxes']) == 2")
    assert_box(v["boxes"][1], 230, 170, 20, 15, tol=1.0 / 2)
    ed.shot("image_regions_zoomed")
    page.locator(".lw-zoom-fit").click()
    assert math.isclose(ed.view()[0], before, rel_tol=1e-6)


def test_dragging_while_the_kernel_is_busy(lab):
    """The outline follows the pointer while the kernel sleeps: no kernel round trip."""
    page = open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    page.keyboard.press("c")
    background = ed.pixel(350, 250)
    # Long enough that the whole drag happens inside it on a loaded machine; asserted below.
    page.evaluate("() => window.__lwPanel.sessionContext.session.kernel.requestExecute("
                  "{code: 'import time; time.sleep(8)'})")
    deadline = time.monotonic() + 5
    while lab.kernel_state() != "busy":
        assert time.monotonic() < deadline, "the kernel never got busy"
        time.sleep(0.02)
    page.mouse.move(*ed.at(300, 200))
    page.mouse.down()
    seen = []
    for corner in [(320, 220), (340, 240), (360, 260), (380, 280)]:
        page.mouse.move(*ed.at(*corner), steps=3)
        ed.next_frame()
        inside = ed.pixel(corner[0] - 4, corner[1] - 4)  # just inside the growing box
        outside = ed.pixel(corner[0] + 8, corner[1] + 8)  # just beyond the pointer
        seen.append((corner, inside, outside))
    ed.shot("image_regions_busy_kernel_drag")
    busy_during = lab.kernel_state()
    page.mouse.up()
    assert busy_during == "busy", "the kernel finished before the drag: nothing was shown"
    for corner, inside, outside in seen:
        assert inside[:3] != background[:3], f"no outline at {corner} while the kernel was busy"
        if corner[0] + 8 < 400 and corner[1] + 8 < 300:
            assert outside[:3] == background[:3], f"the outline overshoots {corner}"
    v = lab.wait_until_kernel("editor.value['boxes']", timeout=15)
    assert_box(v[0], 300, 200, 80, 80)


def test_prefilled_regions_and_a_missing_image(lab):
    page = open_scenarios(lab)
    ed = Editor(lab)
    page.locator(".lw-next").click()  # t1: a Bus box pre-filled from the DataFrame
    page.wait_for_selector('.lw-region-item:has-text("Bus")')
    inside = ed.pixel(60, 45)  # the box spans 40..120 x 30..90 px
    assert inside[:3] != ed.pixel(200, 280)[:3]
    ed.click(80, 60)  # select it
    ed.drag((80, 60), (100, 70))
    v = ed.wait_value("abs(v['boxes'][0]['x'] - 15) < 0.3")
    assert v["boxes"][0]["id"] == "pre1" and v["boxes"][0]["rectanglelabels"] == ["Bus"]
    ed.shot("image_regions_prefilled")
    page.locator(".lw-submit").click()
    # The cell already holds the pre-filled box (x = 10 %): wait for the submit to replace it.
    cell = lab.wait_until_kernel("(lambda c: c if c[0]['x'] != 10 else None)(df.at['t1', 'boxes'])",
                                 timeout=30)
    assert_box(cell[0], 60, 40, 80, 60)
    page.locator(".lw-next").click()  # t2, then t3 whose image is missing
    page.locator(".lw-next").click()
    error = page.locator(".lw-regions-notice.lw-error")
    error.wait_for()
    assert "row \"t3\"" in error.inner_text() and "missing/photo.png" in error.inner_text()
    ed.shot("image_regions_missing_image")
    # Nobody saw the image: the choice can be picked, but the task is not submitted as done;
    # the message says why and what to do, and a skip moves on.
    page.keyboard.press("s")
    page.locator(".lw-submit").click()
    message = page.locator(".lw-message.lw-error")
    message.wait_for()
    assert "the image cannot be shown" in message.inner_text()
    assert "skip this task" in message.inner_text()
    ed.shot("image_regions_missing_image_refused")
    assert lab.kernel_eval_json("[df.at['t3', 'quality'], ann.current]") == [None, "t3"]
    page.locator(".lw-skip").click()
    assert lab.wait_until_kernel("ann._queue.counts[2] == 1 or None") is True
    assert lab.kernel_eval_json("df.at['t3', 'quality']") is None


def test_an_image_submitted_with_no_boxes_is_an_empty_answer(lab):
    open_scenarios(lab)
    ed = Editor(lab)
    ed.focus()
    lab.page.keyboard.press("Enter")  # looked at t0: nothing to mark
    row = lab.wait_until_kernel(
        "df.loc['t0', ['boxes', 'areas', 'points', 'quality']].tolist() "
        "if ann.current == 't1' else None")
    assert row == [[], [], [], ""]  # an empty answer, not None (never labeled)
    assert lab.kernel_eval_json("df.loc['t2', ['boxes', 'quality']].tolist()") == [None, None]
    assert lab.kernel_eval_json("ann.to_label_studio()[0]['annotations'][0]['result']") == []
    ed.shot("image_regions_empty_answer")


def test_the_next_image_is_there_before_the_kernel_answers(lab):
    """Images of the tasks ahead are fetched ahead: Next shows the next image at once, even
    while the kernel is busy."""
    page = open_scenarios(lab)
    ed = Editor(lab)
    # The browser asked for the images ahead when it first drew: wait until all three are in.
    page.wait_for_function("() => Number(document.querySelector('.lw-regions')"
                           ".dataset.images) >= 3", polling=50)
    lab.wait_kernel_idle()
    assert ed.pixel(380, 20)[:3] == [235, 232, 210]  # t0's background
    page.evaluate("() => window.__lwPanel.sessionContext.session.kernel.requestExecute("
                  "{code: 'import time; time.sleep(8)'})")
    deadline = time.monotonic() + 5
    while lab.kernel_state() != "busy":
        assert time.monotonic() < deadline, "the kernel never got busy"
        time.sleep(0.02)
    page.locator(".lw-next").click()
    # The image layer (js/_image_layer.js: a canvas for a decoded bitmap, an <img> for a URL)
    # shows t1's image: its pixel (380, 20).
    page.wait_for_function(
        "() => { const el = [...document.querySelectorAll('.lw-regions-image')]"
        ".find((e) => !e.hidden); if (!el) return false;"
        " const [s, ox, oy] = document.querySelector('.lw-regions').dataset.view.split(' ')"
        ".map(Number); let d;"
        " if (el.tagName === 'CANVAS') { const k = el.width / el.getBoundingClientRect().width;"
        " d = el.getContext('2d').getImageData(Math.round((ox + 380 * s) * k),"
        " Math.round((oy + 20 * s) * k), 1, 1).data; }"
        " else { if (!el.complete || !el.naturalWidth) return false;"
        " const c = document.createElement('canvas'); c.width = el.naturalWidth;"
        " c.height = el.naturalHeight; const x = c.getContext('2d'); x.drawImage(el, 0, 0);"
        " d = x.getImageData(380, 20, 1, 1).data; }"
        " return d[0] === 235 && d[1] === 202 && d[2] === 210; }", polling=10, timeout=7000)
    assert lab.kernel_state() == "busy", "the image came only after the kernel answered"
    ed.shot("image_regions_next_while_busy")


def test_the_review_gallery_draws_regions(lab):
    page = open_scenarios(lab)
    tile = lab.kernel_eval_json("[(t.task, t.x, t.y, t.width, t.height, t.regions) "
                                "for t in review.tiles]")
    assert [t[0] for t in tile] == ["t1"] and tile[0][5] == 1  # the pre-filled Bus box
    _, x, y, w, h, _ = tile[0]
    canvas = page.locator(".lw-gallery-caption").locator("xpath=..").locator("canvas").first
    canvas.scroll_into_view_if_needed()
    # The box's left edge (10% of the image) in the Bus colour, #d62728.
    edge = [x + 0.10 * w, y + 0.20 * h]
    page.wait_for_function(
        "([x, y]) => { const c = [...document.querySelectorAll('canvas')]"
        ".find((e) => !e.closest('.lw-regions-stage') && e.width > 0);"
        " if (!c) return false; const k = c.width / c.getBoundingClientRect().width;"
        " const d = c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1)"
        ".data; return Math.abs(d[0] - 0xd6) < 40 && d[1] < 90 && d[2] < 90; }",
        arg=edge, polling=50, timeout=10000)
    lab.screenshot("image_regions_review_gallery",
                   locator=page.locator(".lw-gallery-caption").locator(".."))
