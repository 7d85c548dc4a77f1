// Unit tests of js/_image_cache.js with a stand-in createImageBitmap: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

// What was decoded: [blob name, resize width or "full"]; the stand-in bitmap says its width.
const decoded = [];
globalThis.createImageBitmap = async (blob, options) => {
  decoded.push([blob.name, options ? options.resizeWidth : "full"]);
  return { width: options ? options.resizeWidth : blob.width, from: blob.name };
};
globalThis.performance ??= { now: () => Date.now() };
const { IMAGES, decode, sourceFor, whenImage } = await import("../_image_cache.js");

const photo = (name) => ({ name, width: 4000 }); // a Blob's stand-in
const ready = (key) => new Promise((resolve) => whenImage(key, resolve));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test("an image is held only once its copy at the stage's size is decoded", async () => {
  decode("a", photo("a"), "cannot decode", { size: [4000, 3000], fit: [800, 600] });
  decode("a", photo("a"), "cannot decode", { size: [4000, 3000], fit: [800, 600] }); // twice
  const entry = await ready("a");
  assert.ok(IMAGES.has("a"));
  assert.deepEqual(decoded.filter(([n]) => n === "a"), [["a", 800]]); // one decode, at fit
  assert.equal(entry.w, 4000);
  assert.equal(sourceFor(entry, 800, () => assert.fail("nothing to make")).width, 800);
});

test("zoomed in: the display copy is drawn until a sharper copy is decoded, then that", async () => {
  decode("b", photo("b"), "cannot decode", { size: [4000, 3000], fit: [800, 600] });
  const entry = await ready("b");
  let told = 0;
  assert.equal(sourceFor(entry, 3000, () => told++).width, 800);
  assert.equal(sourceFor(entry, 3000, () => told++).width, 800); // asked again: one decode
  await tick();
  assert.equal(told, 2);
  assert.equal(sourceFor(entry, 3000, () => assert.fail("held")).width, 3000);
  assert.equal(sourceFor(entry, 800, () => assert.fail("held")).width, 800); // back to fit
  // Past the original's width: the full size, from the bytes, once.
  assert.equal(sourceFor(entry, 9000, () => told++).width, 3000);
  await tick();
  assert.equal(sourceFor(entry, 9000, () => assert.fail("held")).width, 4000);
  assert.deepEqual(decoded.filter(([n]) => n === "b"), [["b", 800], ["b", 3000], ["b", "full"]]);
});

test("only the two most recent full-size decodes are kept; display copies stay", async () => {
  const entries = [];
  for (const k of ["c1", "c2", "c3"]) {
    decode(k, photo(k), "cannot decode", { size: [4000, 3000], fit: [800, 600] });
    const entry = await ready(k);
    sourceFor(entry, 4000, () => {});
    await tick();
    assert.equal(sourceFor(entry, 4000, () => {}).width, 4000);
    entries.push(entry);
  }
  assert.deepEqual(entries.map((e) => e.copies.map((c) => c.w)), [[800], [800, 4000], [800, 4000]]);
  // The first one zoomed again: decoded again (and it still shows its display copy meanwhile).
  assert.equal(sourceFor(entries[0], 4000, () => {}).width, 800);
  await tick();
  assert.deepEqual(decoded.filter(([n]) => n === "c1"), [["c1", 800], ["c1", "full"], ["c1", "full"]]);
});

test("a small image is decoded at its own size, never enlarged", async () => {
  const small = { name: "s", width: 400 };
  decode("s", small, "cannot decode", { size: [400, 300], fit: [800, 600] });
  const entry = await ready("s");
  assert.deepEqual(decoded.filter(([n]) => n === "s"), [["s", "full"]]);
  assert.equal(sourceFor(entry, 2000, () => assert.fail("nothing sharper exists")).width, 400);
});
