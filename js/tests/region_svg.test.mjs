// An image's regions drawn as SVG (js/_region_svg.js). `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lookAttrs, pathData } from "../_region_svg.js";

const box = { color: "#1f77b4", path: [[10, 20], [110, 20], [110, 70], [10, 70]], width: 3, fill: "rgba(31, 119, 180, 0.28)", tag: { x: 10, top: 3, w: 40.5, text: "Car" }, handles: [[10, 20], [110, 70]] };

test("a box's outline is a closed path through its corners; a line being placed is open", () => {
  assert.equal(pathData(box.path), "M10 20 L110 20 L110 70 L10 70 Z");
  assert.equal(pathData([[0, 0], [5, 5]], true), "M0 0 L5 5");
  assert.equal(pathData([[0.123456, 1.006]]), "M0.12 1.01 Z"); // hundredths of a px
});

test("a selected box: outline, fill and width, its tag and its handles", () => {
  const a = lookAttrs(box, 5);
  assert.deepEqual(a.shape, { display: "inline", d: "M10 20 L110 20 L110 70 L10 70 Z", fill: "rgba(31, 119, 180, 0.28)", stroke: "#1f77b4", "stroke-width": 3, "stroke-dasharray": "none" });
  // the tag: a 16 px box above the anchor, its text 4 px in and on the baseline 12 px down
  assert.deepEqual(a.tagBox, { display: "inline", x: 10, y: 3, width: 40.5, height: 16, fill: "#1f77b4" });
  assert.deepEqual(a.tagText, { display: "inline", x: 14, y: 15 });
  assert.equal(a.text, "Car");
  assert.deepEqual(a.handles.map((h) => [h.x, h.y, h.width, h.height, h.stroke]), [[5, 15, 10, 10, "#1f77b4"], [105, 65, 10, 10, "#1f77b4"]]);
  assert.deepEqual(a.dots, []);
});

test("the box being drawn is dashed and has no tag or handles", () => {
  const a = lookAttrs({ ...box, width: 2, dash: [6, 4], tag: null, handles: [] }, 5);
  assert.equal(a.shape["stroke-dasharray"], "6 4");
  assert.equal(a.tagBox.display, "none");
  assert.equal(a.text, "");
  assert.deepEqual(a.handles, []);
});

test("a keypoint is a dot; a polygon being placed is an open unfilled line with its vertices", () => {
  const k = lookAttrs({ color: "red", dots: [{ x: 5, y: 6, r: 6.5, fill: "red", stroke: "#fff", width: 2.5 }], tag: null, handles: [] }, 5);
  assert.deepEqual(k.dots, [{ cx: 5, cy: 6, r: 6.5, fill: "red", stroke: "#fff", "stroke-width": 2.5 }]);
  assert.equal(k.shape.display, "none");
  const p = lookAttrs({ color: "red", path: [[0, 0], [10, 0], [10, 10]], open: true, fill: "pink", width: 2, dots: [{ x: 0, y: 0, r: 4, fill: "red", stroke: "red", width: 2 }] }, 5);
  assert.equal(p.shape.d, "M0 0 L10 0 L10 10");
  assert.equal(p.shape.fill, "none");
  assert.equal(p.dots.length, 1);
});

test("no look hides the region's elements", () => {
  const off = lookAttrs(null, 5);
  for (const k of ["shape", "tagBox", "tagText"]) assert.equal(off[k].display, "none");
  assert.deepEqual([off.dots, off.handles], [[], []]);
});
