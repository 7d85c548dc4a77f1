// Unit tests of js/_image_sizes.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPixels, pickCopy, stageHeight } from "../_image_sizes.js";

test("the stage keeps the image's aspect until the tallest height, and is never tiny", () => {
  assert.equal(stageHeight(800, 620, 4000, 3000), 600);
  assert.equal(stageHeight(1000, 620, 4000, 3000), 620); // 750 would be taller than allowed
  assert.equal(stageHeight(800, 620, 4000, 100), 120); // a thin strip still gets 120 px
});

test("a 12 MP photo at fit takes the stage's pixels, times the device pixel ratio", () => {
  assert.deepEqual(fitPixels(800, 620, 4000, 3000), [800, 600]);
  // Height-bound: 620 px tall, so 826.67 wide.
  assert.deepEqual(fitPixels(1000, 620, 4000, 3000), [827, 620]);
  assert.deepEqual(fitPixels(800, 620, 4000, 3000, 2), [1600, 1200]);
  // A portrait image in a wide stage: the height bounds it.
  assert.deepEqual(fitPixels(900, 620, 3000, 4000), [465, 620]);
});

test("the smallest copy that covers the screen is drawn; none is made then", () => {
  // copies: a display copy 800 wide and the full 4000
  assert.deepEqual(pickCopy([800, 4000], 800, 4000), { use: 0, make: null });
  assert.deepEqual(pickCopy([4000, 800], 790, 4000), { use: 1, make: null });
  // a copy made for a stage 1% narrower is still used
  assert.deepEqual(pickCopy([800], 808, 4000), { use: 0, make: null });
});

test("zoomed past the display copy: draw the widest there is while a sharper one is made", () => {
  assert.deepEqual(pickCopy([800], 1600, 4000), { use: 0, make: 1600 });
  // reaching (almost) the full size: the full-size copy is made, not a 99% one
  assert.deepEqual(pickCopy([800], 3990, 4000), { use: 0, make: 4000 });
  assert.deepEqual(pickCopy([800, 1600], 9000, 4000), { use: 1, make: 4000 });
  // once the full size exists, any zoom uses it
  assert.deepEqual(pickCopy([800, 4000], 9000, 4000), { use: 1, make: null });
});

test("nothing decoded yet: nothing to draw, and the needed copy is made", () => {
  assert.deepEqual(pickCopy([], 800, 4000), { use: -1, make: 800 });
  // an image smaller than the screen is used at its own size (never enlarged into a copy)
  assert.deepEqual(pickCopy([], 900, 400), { use: -1, make: 400 });
  assert.deepEqual(pickCopy([400], 900, 400), { use: 0, make: null });
});

test("only a full-size copy held (a URL image): it is drawn while a display copy is made", () => {
  assert.deepEqual(pickCopy([4000], 800, 4000), { use: 0, make: 800 });
  assert.deepEqual(pickCopy([4000, 800], 800, 4000), { use: 1, make: null });
  // up to twice the needed width is drawn as it is
  assert.deepEqual(pickCopy([1600], 800, 4000), { use: 0, make: null });
});
