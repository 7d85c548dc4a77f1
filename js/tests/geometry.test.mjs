// Unit tests of js/_geometry.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  boxContains, boxCorners, boxFromCorners, boxHandles, clampView, cropBox, fitView, labelUses,
  moveBox, movePolygon, polygonContains, regionsFromValue, resizeBox, rotatePoint,
  shapeOf, toImage, toPercent, toPixels, toScreen, usageLimit, valueFromRegions, zoomAt,
} from "../_geometry.js";

const near = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const nearAll = (a, b, eps = 1e-9) => a.forEach((v, i) => near(v, b[i], eps));

test("percent and pixels convert both ways", () => {
  near(toPixels(25, 640), 160);
  near(toPercent(160, 640), 25);
  for (const extent of [1, 7, 403, 6000]) for (const px of [0, 0.5, 3, extent]) near(toPixels(toPercent(px, extent), extent), px, 1e-9);
});

test("rotation is clockwise on screen about the anchor", () => {
  nearAll(rotatePoint([10, 0], [0, 0], 90), [0, 10]);
  nearAll(rotatePoint([5, 5], [5, 5], 33), [5, 5]);
});

test("box corners follow Label Studio's rotation about the top-left corner", () => {
  const box = { x: 10, y: 20, width: 30, height: 40, rotation: 90 };
  const corners = boxCorners(box, 100, 200); // pixels: left 10, top 40, w 30, h 80
  nearAll(corners[0], [10, 40]);
  nearAll(corners[1], [10, 70]);
  nearAll(corners[2], [-70, 70]);
});

test("hit testing a box, rotated or not", () => {
  const box = { x: 10, y: 10, width: 20, height: 20, rotation: 0 };
  assert.equal(boxContains(box, [15, 15], 100, 100), true);
  assert.equal(boxContains(box, [31, 15], 100, 100), false);
  assert.equal(boxContains(box, [31, 15], 100, 100, 2), true);
  const turned = { ...box, rotation: 90 };
  assert.equal(boxContains(turned, [5, 15], 100, 100), true); // swung to the left of the anchor
  assert.equal(boxContains(turned, [15, 15], 100, 100), false);
});

test("a box from two corners in any order, cropped to the image", () => {
  assert.deepEqual(boxFromCorners([30, 40], [10, 5]), { x: 10, y: 5, width: 20, height: 35, rotation: 0 });
  assert.deepEqual(cropBox({ x: -10, y: 90, width: 30, height: 20, rotation: 0 }), { x: 0, y: 90, width: 20, height: 10, rotation: 0 });
  const rotated = { x: 95, y: 0, width: 30, height: 10, rotation: 30 };
  assert.deepEqual(cropBox(rotated), rotated);
});

test("moving a box keeps it inside the image", () => {
  const box = { x: 10, y: 10, width: 20, height: 20, rotation: 0 };
  assert.deepEqual(moveBox(box, 5, 5), { ...box, x: 15, y: 15 });
  assert.deepEqual(moveBox(box, 100, -100), { ...box, x: 80, y: 0 });
});

test("resizing by a corner keeps the opposite corner, an edge moves one side", () => {
  const box = { x: 10, y: 10, width: 20, height: 20, rotation: 0 };
  const se = resizeBox(box, "se", [50, 60], 100, 100);
  nearAll([se.x, se.y, se.width, se.height], [10, 10, 40, 50]);
  const w = resizeBox(box, "w", [0, 99], 100, 100);
  nearAll([w.x, w.y, w.width, w.height], [0, 10, 30, 20]);
  const flipped = resizeBox(box, "e", [5, 0], 100, 100); // dragged past the left side
  nearAll([flipped.x, flipped.width], [5, 5]);
  const clamped = resizeBox(box, "se", [150, 150], 100, 100);
  nearAll([clamped.width, clamped.height], [90, 90]);
});

test("resizing a rotated box keeps its rotation and its fixed corner", () => {
  const W = 200, H = 100;
  const box = { x: 50, y: 50, width: 10, height: 20, rotation: 30 };
  const before = boxCorners(box, W, H);
  const se = boxHandles(box, W, H).find((hd) => hd.name === "se");
  const after = resizeBox(box, "se", [se.x + 10, se.y + 5], W, H);
  near(after.rotation, 30);
  nearAll(boxCorners(after, W, H)[0], before[0], 1e-9); // the top-left corner did not move
});

test("polygon hit testing and moves that stay inside", () => {
  const square = [[10, 10], [30, 10], [30, 30], [10, 30]];
  assert.equal(polygonContains(square, [20, 20], 100, 100), true);
  assert.equal(polygonContains(square, [40, 20], 100, 100), false);
  assert.deepEqual(movePolygon(square, -50, 0), [[0, 10], [20, 10], [20, 30], [0, 30]]);
});

test("the view maps image pixels to the stage and back, and zooms about a point", () => {
  const view = fitView(800, 400, 200, 100);
  near(view.scale, 4);
  nearAll(toScreen(view, [0, 0]), [0, 0]);
  nearAll(toImage(view, toScreen(view, [37, 12])), [37, 12]);
  const tall = fitView(800, 400, 100, 200);
  near(tall.scale, 2);
  near(tall.ox, 300);
  const zoomed = zoomAt(view, 2, [400, 200], 1, 100);
  near(zoomed.scale, 8);
  nearAll(toImage(zoomed, [400, 200]), toImage(view, [400, 200])); // the pixel under the pointer stays
  const capped = zoomAt(view, 1000, [0, 0], 1, 10);
  near(capped.scale, 10);
  const lost = clampView({ scale: 4, ox: 5000, oy: -5000 }, 800, 400, 200, 100);
  assert.ok(lost.ox <= 800 - 40 && lost.oy + 100 * 4 >= 40);
});

test("cells -> regions -> cells keeps ids, labels, rotation and other keys", () => {
  const controls = [
    { name: "boxes", kind: "labels", shape: "rectangle", label_key: "rectanglelabels", options: [] },
    { name: "poly", kind: "labels", shape: "polygon", label_key: "polygonlabels", options: [] },
    { name: "pt", kind: "tool", shape: "keypoint", label_key: null, options: [] },
  ];
  const value = {
    boxes: [{ id: "a", x: 1, y: 2, width: 3, height: 4, rotation: 15, rectanglelabels: ["Car"], original_width: 600, original_height: 400, score: 0.9 }],
    poly: [{ id: "b", points: [[1, 1], [5, 1], [5, 5]], polygonlabels: ["Road"], closed: true }],
    pt: [{ id: "c", x: 50, y: 50, width: 0.5 }],
  };
  const regions = regionsFromValue(value, controls);
  assert.equal(regions.length, 3);
  assert.deepEqual(regions.map((r) => r.shape), ["rectangle", "polygon", "keypoint"]);
  const back = valueFromRegions(regions, controls, [600, 400]);
  assert.deepEqual(back.boxes, value.boxes);
  assert.deepEqual(back.poly, [{ ...value.poly[0], original_width: 600, original_height: 400 }]);
  assert.deepEqual(back.pt, [{ ...value.pt[0], original_width: 600, original_height: 400 }]);
});

test("a generic Labels pairs with a tool by region id (Label Studio's split format)", () => {
  const controls = [
    { name: "bbox", kind: "tool", shape: "rectangle", label_key: null, options: [] },
    { name: "label", kind: "generic", shape: null, label_key: "labels", options: [] },
  ];
  const value = {
    bbox: [{ id: "r1", x: 1, y: 2, width: 3, height: 4, rotation: 0 }, { id: "r2", x: 10, y: 20, width: 3, height: 4, rotation: 0 }],
    label: [{ id: "r1", x: 1, y: 2, width: 3, height: 4, rotation: 0, labels: ["Text"] }],
  };
  const regions = regionsFromValue(value, controls);
  assert.equal(regions.length, 2);
  assert.deepEqual(regions[0].labels, ["Text"]);
  assert.equal(regions[0].labelsControl, "label");
  assert.deepEqual(regions[1].labels, []);
  const back = valueFromRegions(regions, controls);
  assert.deepEqual(back, value);
});

test("every control is listed in a value, empty ones as []", () => {
  const controls = [{ name: "a", kind: "tool", shape: "rectangle" }, { name: "b", kind: "tool", shape: "polygon" }];
  assert.deepEqual(valueFromRegions([], controls), { a: [], b: [] });
  assert.deepEqual(regionsFromValue({ a: null }, controls), []);
});

test("shapes are read from the keys of a value", () => {
  assert.equal(shapeOf({ x: 1, y: 1, width: 1, height: 1 }), "rectangle");
  assert.equal(shapeOf({ points: [] }), "polygon");
  assert.equal(shapeOf({ x: 1, y: 1 }), "keypoint");
  assert.equal(shapeOf({ start: 1 }), null);
});

test("label usage counts and limits (maxUsages on the label wins over the control's)", () => {
  const c = { name: "boxes", max_usages: 3, options: [{ value: "Car", max_usages: 1 }, { value: "Bus" }] };
  const regions = [{ control: "boxes", labels: ["Car"] }, { control: "boxes", labels: ["Bus"] }, { control: "other", labels: ["Car"] }];
  assert.equal(labelUses(regions, "boxes", "Car"), 1);
  assert.equal(labelUses(regions, "boxes", "Car", regions[0]), 0);
  assert.equal(usageLimit(c, "Car"), 1);
  assert.equal(usageLimit(c, "Bus"), 3);
});

