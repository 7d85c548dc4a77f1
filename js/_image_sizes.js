// @ts-check
// How big an image view's stage is for an image, and which decoded copy of the image to draw
// at a given zoom; pure, so js/_image_cache.js and js/image_regions.js agree and node tests
// (js/tests/image_sizes.test.mjs) can check them.
//
// Why copies: drawing a 12-megapixel image scaled down to a ~900 px stage made the browser
// decode and resample the whole image while it produced the frame, on the page's main thread
// (about 370 ms a task switch on a loaded machine, benchmarks/README.md "image task switch").
// A copy decoded off the main thread at the size the stage shows is a plain copy to draw; the
// full-size decode is made only when the view is zoomed past what a smaller copy holds.

export const MIN_STAGE = 120;

// Drawing a copy up to this much larger than it is still looks sharp (a copy made for a stage
// 1% narrower than now is kept rather than made again).
const SLACK = 0.98;

/** The stage's height (CSS px) for an image of `w` x `h` in a stage `width` wide. */
export function stageHeight(width, maxHeight, w, h) {
  return Math.round(Math.min(Math.max((width * h) / w, MIN_STAGE), maxHeight));
}

/**
 * The device pixels an image of `w` x `h` takes at fit in a stage `width` CSS px wide.
 * @returns {[number, number]}
 */
export function fitPixels(width, maxHeight, w, h, dpr = 1) {
  const scale = Math.min(width / w, stageHeight(width, maxHeight, w, h) / h);
  return [Math.max(1, Math.round(w * scale * dpr)), Math.max(1, Math.round(h * scale * dpr))];
}

/**
 * Which copy to draw when the image must cover `need` device px across, among copies of
 * widths `widths` (the full-size one is `natural` wide), and which width to make if none is
 * good enough: the smallest copy at least (almost) as wide as needed; else the widest there
 * is, while a copy of `need` px (or the full-size one, when `need` reaches it) is made. A copy
 * more than twice as wide as needed (an image loaded from a URL comes at full size) is drawn
 * while a copy of `need` px is made.
 * @param {number[]} widths
 * @param {number} need
 * @param {number} natural
 * @returns {{use: number, make: number | null}} use: index in `widths` (-1: none yet)
 */
export function pickCopy(widths, need, natural) {
  const want = Math.min(Math.ceil(need), natural);
  let use = -1;
  for (let i = 0; i < widths.length; i++) {
    if (widths[i] >= want * SLACK && (use < 0 || widths[i] < widths[use])) use = i;
  }
  if (use >= 0) return { use, make: widths[use] > 2 * want ? want : null };
  let widest = -1;
  for (let i = 0; i < widths.length; i++) if (widest < 0 || widths[i] > widths[widest]) widest = i;
  return { use: widest, make: want >= natural * SLACK ? natural : want };
}
