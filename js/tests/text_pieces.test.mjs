// Unit tests of js/_text_pieces.js (run: node --test js/tests/): a long text drawn a piece at
// a time is the whole text, each offset once, spans never split, and span offsets land exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { segments } from "../_offsets.js";
import { charsToFill, textPieces } from "../_text_pieces.js";

let seed = 11;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
const ALPHABET = ["a", "b", " ", "\n", "é", "😀", "中", "e\u0301", "🇫🇷", "\t"];

function randomText(n) {
  let text = "";
  while (text.length < n) text += ALPHABET[rand(ALPHABET.length)];
  return text;
}

// Spans at UTF-16 offsets that never split a surrogate pair (as the widget places them).
function randomSpans(text, count) {
  const ok = (u) => u === 0 || u === text.length || !(text.charCodeAt(u) >= 0xdc00 && text.charCodeAt(u) <= 0xdfff);
  const out = [];
  while (out.length < count) {
    const a = rand(text.length);
    const b = a + 1 + rand(Math.min(40, text.length - a));
    if (b <= text.length && ok(a) && ok(b)) out.push({ start: a, end: b });
  }
  return out;
}

// Draws it all the way the painter does: one first piece, then budgets until the end.
function drawAll(text, segs, first, more) {
  const cut = textPieces(text, segs);
  const pieces = [...cut.next(first)];
  const reached = [cut.reached()];
  while (!cut.done()) {
    const got = cut.next(more);
    assert.ok(got.length > 0, "a call before the end hands out at least one piece");
    pieces.push(...got);
    reached.push(cut.reached());
  }
  assert.deepEqual(cut.next(more), [], "nothing after the end");
  return { pieces, reached };
}

test("the pieces drawn are the whole document, in order, for any budgets", () => {
  for (let round = 0; round < 150; round += 1) {
    const text = randomText(rand(3000) + 1);
    const spans = randomSpans(text, rand(80));
    const segs = segments(text.length, spans);
    const { pieces, reached } = drawAll(text, segs, rand(500) + 1, rand(700) + 1);
    assert.equal(pieces.map((p) => text.slice(p.start, p.end)).join(""), text);
    for (let i = 1; i < pieces.length; i += 1) assert.equal(pieces[i].start, pieces[i - 1].end);
    assert.equal(pieces[0].start, 0);
    assert.equal(pieces[pieces.length - 1].end, text.length);
    assert.equal(reached[reached.length - 1], text.length);
    for (let i = 1; i < reached.length; i += 1) assert.ok(reached[i] > reached[i - 1]);
  }
});

test("a span's piece is its segment whole, and every span is covered exactly by its pieces", () => {
  for (let round = 0; round < 150; round += 1) {
    const text = randomText(rand(2000) + 50);
    const spans = randomSpans(text, rand(60) + 1);
    const segs = segments(text.length, spans);
    const { pieces } = drawAll(text, segs, rand(300) + 1, rand(300) + 1);
    for (const p of pieces) {
      assert.equal(p.covered, segs[p.seg].cover.length > 0);
      if (p.covered) assert.deepEqual([p.start, p.end], [segs[p.seg].start, segs[p.seg].end]);
      else assert.ok(segs[p.seg].start <= p.start && p.end <= segs[p.seg].end);
    }
    // Joining the covered pieces of each span gives back exactly the span's text.
    spans.forEach((span, i) => {
      const mine = pieces.filter((p) => p.covered && segs[p.seg].cover.includes(i));
      assert.equal(mine[0].start, span.start);
      assert.equal(mine[mine.length - 1].end, span.end);
      assert.equal(mine.map((p) => text.slice(p.start, p.end)).join(""), text.slice(span.start, span.end));
    });
  }
});

test("plain text is never cut inside a surrogate pair", () => {
  const text = "😀".repeat(500);
  const { pieces } = drawAll(text, segments(text.length, []), 7, 3);
  for (const p of pieces) {
    assert.equal(p.start % 2, 0);
    assert.equal(p.end % 2, 0);
  }
});

test("the first piece stops near its budget: a 100,000-character document costs what fills the box", () => {
  const text = "word ".repeat(20_000);
  const spans = [];
  for (let k = 0; k < 2000; k += 1) spans.push({ start: 50 * k, end: 50 * k + 4 });
  const cut = textPieces(text, segments(text.length, spans));
  const first = cut.next(3000);
  assert.ok(cut.reached() >= 3000 && cut.reached() < 3100);
  assert.ok(first.length < 150);
  assert.ok(!cut.done());
});

test("an empty document has no pieces", () => {
  const cut = textPieces("", segments(0, []));
  assert.deepEqual(cut.next(100), []);
  assert.ok(cut.done());
});

test("charsToFill grows with the box and stays within its bounds", () => {
  assert.equal(charsToFill(0, 400), 3000);
  const small = charsToFill(300, 200);
  const large = charsToFill(1200, 600);
  assert.ok(small < large);
  assert.ok(small >= 1500 && large <= 12000);
  assert.equal(charsToFill(10_000, 10_000), 12000);
});
