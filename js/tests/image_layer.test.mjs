// The image layer beneath an image view's regions (js/_image_layer.js): drawn again only when
// what it shows changes. `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { layerStamp, sameStamp } from "../_image_layer.js";

const img = {};
const image = { img, w: 640, h: 480 };
const view = { scale: 1.5, ox: 10, oy: 0 };

test("a region drag, which changes neither image nor view, keeps the layer", () => {
  const before = layerStamp(image, view, 960, 720);
  // the editor builds new view objects; equal numbers are the same picture
  assert.equal(sameStamp(layerStamp({ ...image }, { ...view }, 960, 720), before), true);
});

test("another image, a zoom, a pan or a new stage size shows the layer again", () => {
  const before = layerStamp(image, view, 960, 720);
  assert.equal(sameStamp(layerStamp({ ...image, img: {} }, view, 960, 720), before), false);
  assert.equal(sameStamp(layerStamp(image, { ...view, scale: 2 }, 960, 720), before), false);
  assert.equal(sameStamp(layerStamp(image, { ...view, ox: 11 }, 960, 720), before), false);
  assert.equal(sameStamp(layerStamp(image, { ...view, oy: -3 }, 960, 720), before), false);
  assert.equal(sameStamp(layerStamp(image, view, 961, 720), before), false);
  assert.equal(sameStamp(layerStamp(image, view, 960, 721), before), false);
});

test("no image or no view: nothing to draw, and it differs from a drawn image", () => {
  assert.equal(layerStamp(null, view, 960, 720), null);
  assert.equal(layerStamp(image, null, 960, 720), null);
  assert.equal(sameStamp(null, null), true);
  assert.equal(sameStamp(null, layerStamp(image, view, 960, 720)), false);
});
