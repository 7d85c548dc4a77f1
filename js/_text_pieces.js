// @ts-check
// How a long plain text is cut to be drawn a piece at a time (no DOM: unit tested in
// js/tests/text_pieces.test.mjs). A covered segment (text under a span) is one piece, whole,
// so that a span's element never splits; plain text between spans is cut anywhere outside a
// surrogate pair (adjacent text nodes lay out as one text). The pieces in order are the whole
// text, each offset once.

const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;

/**
 * @typedef {Object} Piece
 * @property {number} start UTF-16 offset in the text
 * @property {number} end
 * @property {number} seg the segment it is part of (its index in `segs`)
 * @property {boolean} covered whether spans cover it (then start/end are the segment's own)
 */

/**
 * A cursor over `text` cut at `segs` (js/_offsets.js segments()): next(budget) returns the
 * pieces of about `budget` more UTF-16 units (at least one piece while any is left), [] at
 * the end.
 * @param {string} text
 * @param {{start: number, end: number, cover: number[]}[]} segs
 */
export function textPieces(text, segs) {
  let k = 0; // the next segment to cut, and the offset reached (inside it, for plain text)
  let at = 0;
  return {
    /** @param {number} budget @returns {Piece[]} */
    next(budget) {
      const out = [];
      const stop = at + Math.max(1, budget);
      while (k < segs.length && at < stop) {
        const s = segs[k];
        if (s.cover.length) {
          out.push({ start: s.start, end: s.end, seg: k, covered: true });
          at = s.end;
        } else {
          let to = Math.min(s.end, stop);
          if (to < s.end && isLowSurrogate(text.charCodeAt(to))) to += 1;
          out.push({ start: at, end: to, seg: k, covered: false });
          at = to;
        }
        if (at >= s.end) k += 1;
      }
      return out;
    },
    done: () => k >= segs.length,
    /** How far (UTF-16) the pieces handed out reach. */
    reached: () => at,
  };
}

/**
 * How many UTF-16 units fill a text box of `width` x `height` CSS pixels at about `charWidth`
 * and `lineHeight` pixels, with a margin (what is drawn before the first frame: a little more
 * than shows). Unknown sizes give `fallback`.
 */
export function charsToFill(width, height, { charWidth = 7, lineHeight = 30, margin = 1.5, least = 1500, most = 12000, fallback = 3000 } = {}) {
  if (!(width > 0) || !(height > 0)) return fallback;
  const chars = Math.ceil((width / charWidth) * Math.ceil(height / lineHeight) * margin);
  return Math.min(most, Math.max(least, chars));
}
