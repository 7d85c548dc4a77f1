"""Issue 17 item 6 in a real JupyterLab: Label Studio's flow (pick a label, draw; pick the next
label, draw) labels each box with the label picked before drawing it. A new box is not
selected, so the next label pick arms the next box instead of relabeling the last one;
relabeling needs a click on the box first. The scenario notebook is the image regions one."""

from __future__ import annotations

from tests.browser.helpers import Editor, assert_box
from tests.browser.helpers import open_image_scenarios as open_scenarios


def test_pick_draw_pick_draw_gives_each_box_its_label(lab):
    page = open_scenarios(lab)
    ed = Editor(lab)
    page.locator('.lw-region-label[data-value="Car"]').click()  # pick Car, draw the car
    ed.drag((40, 50), (120, 120))
    ed.wait_value("len(v['boxes']) == 1")
    page.locator('.lw-region-label[data-value="Bus"]').click()  # pick Bus, draw the bus
    ed.drag((200, 100), (340, 220))
    ed.wait_value("len(v['boxes']) == 2")
    page.keyboard.press("c")  # the same by key: Car, draw
    ed.drag((150, 20), (190, 60))
    v = ed.wait_value("len(v['boxes']) == 3")
    assert [b["rectanglelabels"] for b in v["boxes"]] == [["Car"], ["Bus"], ["Car"]]
    assert page.locator(".lw-region-item.lw-on").count() == 0  # nothing got selected
    # Relabeling needs the box selected by a click: the bus box becomes a Car.
    ed.click(270, 160)
    page.wait_for_selector('.lw-region-item.lw-on:has-text("Bus")')
    page.locator('.lw-region-label[data-value="Car"]').click()
    ed.wait_value("v['boxes'][1]['rectanglelabels'] == ['Car']")
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # nothing selected: arms Bus, the boxes keep their labels
    ed.drag((300, 20), (380, 80))
    ed.wait_value("len(v['boxes']) == 4")
    ed.shot("label_flow_pick_draw")
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t0', 'boxes']")
    assert [b["rectanglelabels"] for b in cell] == [["Car"], ["Car"], ["Car"], ["Bus"]]
    assert_box(cell[0], 40, 50, 80, 70)
    assert_box(cell[1], 200, 100, 140, 120)
    assert_box(cell[2], 150, 20, 40, 40)
    assert_box(cell[3], 300, 20, 80, 60)
