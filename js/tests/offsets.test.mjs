// Unit tests of js/_offsets.js (run: node --test js/tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  derivedId, offsetMap, pieceAt, quote, segments, settleRange, snapSurrogate,
  snapToWords, spanLevels, tokenAt, trimRange,
} from "../_offsets.js";

const codePoints = (s) => [...s];

test("offsetMap is the identity without astral characters", () => {
  const m = offsetMap("héllo\nwörld");
  assert.equal(m.cpLength, 11);
  for (let i = 0; i <= 11; i += 1) {
    assert.equal(m.cpOf(i), i);
    assert.equal(m.u16Of(i), i);
  }
});

test("offsetMap converts around emoji (surrogate pairs)", () => {
  const text = "a😀b🎉🎉c";
  const m = offsetMap(text);
  assert.equal(m.cpLength, codePoints(text).length);
  // every code point index maps to the UTF-16 offset of that character and back
  let u = 0;
  codePoints(text).forEach((ch, cp) => {
    assert.equal(m.u16Of(cp), u);
    assert.equal(m.cpOf(u), cp);
    u += ch.length;
  });
  assert.equal(m.u16Of(m.cpLength), text.length);
  assert.equal(m.cpOf(text.length), m.cpLength);
  // the slice agrees with Python's text[start:end]
  const start = 2;
  const end = 5; // "b🎉🎉"
  assert.equal(text.slice(m.u16Of(start), m.u16Of(end)), codePoints(text).slice(start, end).join(""));
});

test("offsetMap round-trips random strings with astral and combining characters", () => {
  const alphabet = ["a", "é", "e\u0301", "😀", "𝔘", "中", "\n", " ", "👍🏽", "🇫🇷"];
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 200; round += 1) {
    let text = "";
    const n = rand(20);
    for (let i = 0; i < n; i += 1) text += alphabet[rand(alphabet.length)];
    const m = offsetMap(text);
    const cps = codePoints(text);
    assert.equal(m.cpLength, cps.length);
    for (let c = 0; c <= cps.length; c += 1) assert.equal(m.cpOf(m.u16Of(c)), c);
    const a = rand(cps.length + 1);
    const b = a + rand(cps.length + 1 - a);
    assert.equal(text.slice(m.u16Of(a), m.u16Of(b)), cps.slice(a, b).join(""));
  }
});

test("snapSurrogate moves out of a pair", () => {
  const text = "x😀y";
  assert.equal(snapSurrogate(text, 2, true), 3);
  assert.equal(snapSurrogate(text, 2, false), 1);
  assert.equal(snapSurrogate(text, 1, true), 1);
});

test("trimRange drops surrounding whitespace only", () => {
  const text = "  two  spaces \n";
  assert.deepEqual(trimRange(text, 0, text.length), [2, 13]);
  assert.equal(text.slice(2, 13), "two  spaces");
  assert.equal(trimRange(text, 0, 2), null);
});

test("tokenAt finds words with Intl.Segmenter and with the fallback", () => {
  const text = "Hello, Ain't_it wörld 😀 東京都";
  for (const segment of [true, false]) {
    assert.deepEqual(tokenAt(text, 2, { segment }), [0, 5]);
    assert.deepEqual(tokenAt(text, 5, { segment }), [5, 6]); // the comma alone
    const w = text.indexOf("wörld");
    assert.deepEqual(tokenAt(text, w + 3, { segment }), [w, w + 5]);
  }
  // the fallback treats each Han character as a token
  const t = text.indexOf("東");
  assert.deepEqual(tokenAt(text, t + 1, { segment: false }), [t + 1, t + 2]);
});

test("snapToWords expands a partial selection to whole words", () => {
  const text = "Alice met Bob in Paris.";
  assert.deepEqual(snapToWords(text, 2, 12), [0, 13]); // "ice met B" -> "Alice met Bob"
  assert.deepEqual(snapToWords(text, 17, 23), [17, 23]); // "Paris." keeps the period
  assert.equal(snapToWords(text, 5, 6), null); // only a space
});

test("settleRange keeps exact characters by default and snaps in word mode", () => {
  const text = "The  quick 😀 fox";
  assert.deepEqual(settleRange(text, 5, 8, "symbol"), [5, 8]);
  assert.deepEqual(settleRange(text, 6, 8, "word"), [5, 10]);
  // a selection ending inside the emoji pair takes the whole emoji
  const e = text.indexOf("😀");
  assert.deepEqual(settleRange(text, e, e + 1, "symbol"), [e, e + 2]);
  // reversed (drag right to left) is the same
  assert.deepEqual(settleRange(text, 8, 5, "symbol"), [5, 8]);
});

test("segments cut at every boundary and list covering spans", () => {
  const spans = [{ start: 2, end: 8 }, { start: 4, end: 6 }, { start: 6, end: 10 }];
  const segs = segments(12, spans);
  assert.deepEqual(
    segs.map((s) => [s.start, s.end, s.cover]),
    [[0, 2, []], [2, 4, [0]], [4, 6, [0, 1]], [6, 8, [0, 2]], [8, 10, [2]], [10, 12, []]],
  );
  // pieces tile the whole range
  for (let k = 1; k < segs.length; k += 1) assert.equal(segs[k].start, segs[k - 1].end);
});

test("segments of many spans is not per character", () => {
  const spans = [];
  for (let i = 0; i < 1000; i += 1) spans.push({ start: i * 100, end: i * 100 + 5 });
  const segs = segments(100000, spans);
  assert.equal(segs.length, 2000);
});

test("spanLevels gives overlapping spans different levels", () => {
  const spans = [{ start: 0, end: 10 }, { start: 2, end: 4 }, { start: 3, end: 12 }, { start: 11, end: 13 }];
  const levels = spanLevels(spans);
  assert.equal(levels[0], 0);
  assert.notEqual(levels[1], levels[0]);
  assert.notEqual(levels[2], levels[0]);
  assert.notEqual(levels[2], levels[1]);
  assert.equal(levels[3], 0); // after the first span ended
});

test("pieceAt prefers the piece starting at a start and ending at an end", () => {
  const starts = [0, 5, 9];
  const lengths = [5, 4, 3];
  assert.equal(pieceAt(starts, lengths, 5, false), 1);
  assert.equal(pieceAt(starts, lengths, 5, true), 0);
  assert.equal(pieceAt(starts, lengths, 7, false), 1);
  assert.equal(pieceAt(starts, lengths, 12, true), 2);
});

test("derived ids look like Label Studio's and are stable", () => {
  assert.match(derivedId("a|1|2"), /^[A-Za-z0-9_-]{10}$/);
  assert.equal(derivedId("a|1|2"), derivedId("a|1|2"));
  assert.notEqual(derivedId("a|1|2"), derivedId("a|1|3"));
});

test("quote keeps spaces, marks line breaks and cuts long text", () => {
  assert.equal(quote("a\n b  c\td"), "a⏎ b  c→d");
  assert.equal(quote("x".repeat(100), 10), `${"x".repeat(9)}…`);
});
