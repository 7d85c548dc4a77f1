// @ts-check
// Pure helpers of the span widget (no DOM): offsets, snapping, segments. Unit tested with
// `node --test js/tests/`.
//
// Browsers count UTF-16 units; Python counts code points. Cells hold code points (DESIGN.md
// section 2), the DOM speaks UTF-16: every offset crosses this boundary through offsetMap().
import { ID_CHARS } from "./_ids.js";

const SURROGATES = /[\uD800-\uDFFF]/;

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

/** Converts between UTF-16 offsets and code point indices of `text`. */
export function offsetMap(text) {
  if (!SURROGATES.test(text)) {
    const n = text.length;
    return { cpLength: n, cpOf: (u) => clamp(u, 0, n), u16Of: (c) => clamp(c, 0, n) };
  }
  // u16 -> cp (a position inside a pair maps to the character it splits: rounded down)
  const toCp = new Uint32Array(text.length + 1);
  const toU16 = [];
  let cp = 0;
  for (let u = 0; u < text.length; u += 1) {
    toCp[u] = cp;
    const code = text.charCodeAt(u);
    if (isHigh(code) && u + 1 < text.length && isLow(text.charCodeAt(u + 1))) {
      toU16.push(u);
      toCp[u + 1] = cp;
      u += 1;
    } else {
      toU16.push(u);
    }
    cp += 1;
  }
  toCp[text.length] = cp;
  toU16.push(text.length);
  return {
    cpLength: cp,
    cpOf: (u) => toCp[clamp(u, 0, text.length)],
    u16Of: (c) => toU16[clamp(c, 0, cp)],
  };
}

function clamp(x, lo, hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Moves a UTF-16 offset that falls inside a surrogate pair out of it (`forward` or back). */
export function snapSurrogate(text, u, forward) {
  if (u > 0 && u < text.length && isLow(text.charCodeAt(u)) && isHigh(text.charCodeAt(u - 1))) {
    return forward ? u + 1 : u - 1;
  }
  return u;
}

const SPACE = /\s/u;

/** Drops whitespace at both ends of [start, end); returns null when nothing is left. */
export function trimRange(text, start, end) {
  let s = start;
  let e = end;
  while (s < e && SPACE.test(text[s])) s += 1;
  while (e > s && SPACE.test(text[e - 1])) e -= 1;
  return s < e ? [s, e] : null;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
// Scripts written without spaces: each character is its own token in the fallback.
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WINDOW = 256;

function fallbackTokenAt(text, i) {
  // [start, end) of the token holding UTF-16 offset i: a run of word characters, or one char.
  const ch = charAt(text, i);
  if (!WORD.test(ch) || NO_SPACES.test(ch)) return [i, i + ch.length];
  let s = i;
  while (s > 0) {
    const prev = charBefore(text, s);
    if (!WORD.test(prev) || NO_SPACES.test(prev)) break;
    s -= prev.length;
  }
  let e = i + ch.length;
  while (e < text.length) {
    const next = charAt(text, e);
    if (!WORD.test(next) || NO_SPACES.test(next)) break;
    e += next.length;
  }
  return [s, e];
}

function charAt(text, i) {
  const code = text.charCodeAt(i);
  return isHigh(code) && isLow(text.charCodeAt(i + 1)) ? text.slice(i, i + 2) : text[i];
}

function charBefore(text, i) {
  const code = text.charCodeAt(i - 1);
  return isLow(code) && i >= 2 && isHigh(text.charCodeAt(i - 2)) ? text.slice(i - 2, i) : text[i - 1];
}

let segmenter;
function wordSegmenter() {
  if (segmenter === undefined) {
    segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
  }
  return segmenter;
}

/** [start, end) of the word (or single other character) holding UTF-16 offset i. */
export function tokenAt(text, i, { segment = true } = {}) {
  const seg = segment ? wordSegmenter() : null;
  if (!seg) return fallbackTokenAt(text, i);
  const lo = Math.max(0, i - WINDOW);
  const hi = Math.min(text.length, i + WINDOW);
  const piece = text.slice(snapSurrogate(text, lo, true), snapSurrogate(text, hi, false));
  const base = snapSurrogate(text, lo, true);
  for (const s of seg.segment(piece)) {
    const start = base + s.index;
    const end = start + s.segment.length;
    if (start <= i && i < end) {
      if (s.isWordLike) return [start, end];
      // Punctuation and spaces: one character at a time.
      return [i, i + charAt(text, i).length];
    }
  }
  return fallbackTokenAt(text, i);
}

/** Expands [start, end) (UTF-16) to whole words, after trimming whitespace. */
export function snapToWords(text, start, end, options) {
  const trimmed = trimRange(text, start, end);
  if (!trimmed) return null;
  const [s, e] = trimmed;
  return [tokenAt(text, s, options)[0], tokenAt(text, e - 1, options)[1]];
}

/** The selection [start, end) (UTF-16) as it should become a span, or null. */
export function settleRange(text, start, end, granularity) {
  let s = snapSurrogate(text, Math.min(start, end), false);
  let e = snapSurrogate(text, Math.max(start, end), true);
  const range = granularity === "word" ? snapToWords(text, s, e) : trimRange(text, s, e);
  if (!range) return null;
  [s, e] = range;
  return [snapSurrogate(text, s, false), snapSurrogate(text, e, true)];
}

/**
 * Cuts [0, length) at every span boundary. spans: [{start, end}] (any unit). Returns
 * [{start, end, cover}] covering the whole range in order, where cover lists the indices of the
 * spans over that piece. One sweep: O((n + pieces) log n), never per character.
 */
export function segments(length, spans) {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(clamp(s.start, 0, length));
    cuts.add(clamp(s.end, 0, length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = spans.map((s, i) => i).sort((a, b) => spans[a].start - spans[b].start);
  const active = new Set();
  const out = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k += 1) {
    const a = points[k];
    const b = points[k + 1];
    while (next < starts.length && spans[starts[next]].start <= a) {
      active.add(starts[next]);
      next += 1;
    }
    for (const i of [...active]) if (spans[i].end <= a) active.delete(i);
    out.push({ start: a, end: b, cover: [...active].filter((i) => spans[i].start < b).sort((x, y) => x - y) });
  }
  return out;
}

/**
 * A level per span so that overlapping spans never share one: the underline row the span is
 * drawn on, the same along the whole span. Outer (earlier, longer) spans get lower levels.
 */
export function spanLevels(spans) {
  const order = spans.map((s, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
  const levels = new Array(spans.length).fill(0);
  const open = []; // [{end, level}]
  for (const i of order) {
    for (let k = open.length - 1; k >= 0; k -= 1) if (open[k].end <= spans[i].start) open.splice(k, 1);
    const used = new Set(open.map((o) => o.level));
    let level = 0;
    while (used.has(level)) level += 1;
    levels[i] = level;
    open.push({ end: spans[i].end, level });
  }
  return levels;
}

/** Index of the text piece holding offset u, in sorted `starts` (a start prefers the piece that
 * begins at u, an end the piece that ends there). */
export function pieceAt(starts, lengths, u, end) {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= u) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return starts.length ? 0 : -1;
  if (end && u === starts[found] && found > 0) return found - 1;
  if (!end && u === starts[found] + lengths[found] && found + 1 < starts.length) return found + 1;
  return found;
}

/** A stable id for a span that arrived without one (so redraws keep selecting it). */
export function derivedId(seed) {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i += 1) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
  }
  let id = "";
  for (let k = 0; k < 10; k += 1) {
    const h = k < 5 ? h1 >>> (k * 6) : h2 >>> ((k - 5) * 6);
    id += ID_CHARS[h & 63];
  }
  return id;
}

/** A short quotation of a span's text for lists and messages: spaces kept as they are, line
 * breaks and tabs shown as ⏎ and →. */
export function quote(text, max = 80) {
  const flat = text.replace(/\r?\n/g, "⏎").replace(/\t/g, "→");
  if (flat.length <= max) return flat;
  const cut = snapSurrogate(flat, max - 1, false);
  return `${flat.slice(0, cut)}…`;
}
