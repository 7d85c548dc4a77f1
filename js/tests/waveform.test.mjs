// Unit tests of js/_waveform.js and js/_media_cache.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clampView, clock, columns, dragTo, drawn, fitView, hit, moved, peaksFromPairs, peaksOf, press, resized, toTime, toX, zoomAt } from "../_waveform.js";
import { mediaCache } from "../_media_cache.js";

test("peaks are the min and max of each block of the mixed channels", () => {
  const left = Float32Array.from([0, 1, -1, 0.5, 0.2, 0.2]);
  const right = Float32Array.from([0, -1, -1, 0.5, 0.4, 0.0]);
  const p = peaksOf([left, right], 4);
  const six = (a) => [...a].map((v) => Math.round(v * 1e6) / 1e6);
  assert.deepEqual(six(p.min), [-1, 0.1]);
  assert.deepEqual(six(p.max), [0.5, 0.3]);
  const sent = peaksFromPairs(Int8Array.from([-127, 127, -64, 0]).buffer, 256);
  assert.deepEqual([...sent.min].map((v) => Math.round(v * 127)), [-127, -64]);
  assert.deepEqual([...sent.max].map((v) => Math.round(v * 127)), [127, 0]);
});

test("pixel columns come from peaks when zoomed out and from samples when zoomed in", () => {
  const rate = 1000;
  const samples = new Float32Array(4000).map((_, i) => (i === 2500 ? 0.9 : 0.1 * Math.sin(i)));
  const audio = { peaks: peaksOf([samples], 256), samples, rate };
  const wide = columns(audio, fitView(4, 100), 100); // 40 samples per px: peaks
  assert.ok(Math.abs(Math.max(...wide.hi) - 0.9) < 1e-6);
  const x = Math.floor(toX(fitView(4, 100), 2.5));
  assert.ok(wide.hi[x - 6] >= 0.9 - 1e-6 || wide.hi[x] >= 0.9 - 1e-6); // (a block is 256 samples)
  const near = columns(audio, { t0: 2.49, spp: 0.001 }, 20); // 1 sample per px: the samples
  assert.ok(Math.abs(near.hi[10] - 0.9) < 1e-6);
  assert.ok(near.hi[9] < 0.2 && near.hi[11] < 0.2);
  const off = columns(audio, { t0: 10, spp: 0.01 }, 5); // past the end: nothing drawn
  assert.deepEqual([...off.hi], [0, 0, 0, 0, 0]);
});

test("views fit, zoom about the pointer and stay inside the audio", () => {
  assert.deepEqual(fitView(60, 600), { t0: 0, spp: 0.1 });
  const z = zoomAt(fitView(60, 600), 2, 300, 60, 600);
  assert.equal(z.spp, 0.05);
  assert.ok(Math.abs(toTime(z, 300) - 30) < 1e-9); // the time under the pointer stays there
  assert.deepEqual(clampView({ t0: -5, spp: 1 }, 60, 600), { t0: 0, spp: 0.1 }); // no zoom out past fit
  assert.equal(clampView({ t0: 59, spp: 0.05 }, 60, 600).t0, 30); // no scroll past the end
});

test("segment edits: drawn either way, moved and resized inside the audio", () => {
  assert.deepEqual(drawn(3.21449, 1.0004, 10), [1, 3.214]);
  assert.deepEqual(drawn(-1, 12, 10), [0, 10]);
  const seg = { id: "a", start: 1, end: 3, labels: ["x"] };
  assert.deepEqual(moved(seg, 8, 10), { ...seg, start: 8, end: 10 });
  assert.deepEqual(moved(seg, -5, 10), { ...seg, start: 0, end: 2 });
  assert.deepEqual(resized(seg, "start", 5, 10), { ...seg, start: 2.99 }); // edges never cross
  assert.deepEqual(resized(seg, "end", 12, 10), { ...seg, end: 10 });
});

test("the pointer takes an edge first, then the shortest segment under it", () => {
  const long = { id: "l", start: 0, end: 10 };
  const short = { id: "s", start: 4, end: 5 };
  assert.equal(hit([long, short], 4.5, 0.1).seg.id, "s");
  assert.deepEqual(hit([long, short], 5.05, 0.1), { seg: short, edge: "end" });
  assert.equal(hit([long, short], 2, 0.1).seg.id, "l");
  assert.equal(hit([long, short], 12, 0.1), null);
  assert.equal(clock(62.346), "1:02.35");
});

test("the media cache asks once for each key, shown task first, and tells who waits", () => {
  const cache = mediaCache({ keep: 2, retryMs: 1e9 });
  assert.deepEqual(cache.toAsk(["b", "a", "b", null]), ["b", "a"]);
  assert.deepEqual(cache.toAsk(["a", "c"]), ["c"]);
  const got = [];
  cache.when("a", (e) => got.push(e.n));
  cache.remember("a", { n: 1 });
  cache.remember("b", { n: 2 });
  cache.remember("c", { n: 3 }); // keeps 2: "a" is dropped
  assert.deepEqual(got, [1]);
  assert.equal(cache.has("a"), false);
  assert.equal(cache.get("c").n, 3);
});

test("a press on an edge resizes, inside a segment moves, elsewhere draws; a short drag is a click", () => {
  const segs = [{ id: "a", start: 1, end: 3, labels: ["x"] }];
  const edge = press(segs, 3.02, 300, 0.05);
  assert.equal(edge.kind, "resize");
  assert.equal(edge.edge, "end");
  assert.deepEqual(dragTo(edge, 4, 400, 10, 3), { segment: { ...segs[0], end: 4 } });
  const inside = press(segs, 2, 200, 0.05);
  assert.equal(inside.kind, "move");
  assert.deepEqual(dragTo(inside, 2.01, 201, 10, 3), {}); // 1 px: not a move yet
  assert.deepEqual(dragTo(inside, 2.5, 250, 10, 3), { segment: { ...segs[0], start: 1.5, end: 3.5 } });
  assert.deepEqual(dragTo(inside, 2.01, 201, 10, 3), { segment: { ...segs[0], start: 1.01, end: 3.01 } }); // once moving, follows
  const outside = press(segs, 6, 600, 0.05);
  assert.equal(outside.kind, "draw");
  assert.equal(outside.id, null);
  assert.deepEqual(dragTo(outside, 6.01, 601, 10, 3), {});
  assert.deepEqual(dragTo(outside, 5, 500, 10, 3), { range: [5, 6] });
});
