// @ts-check
// The page-wide cache of decoded images, key -> entry or {error}: shared by every image view on
// the page, so an image sent once is drawn again without a kernel round trip. It is the media
// cache audio uses too (js/_media_cache.js): one way media is held ahead.
//
// An image that arrives as bytes is decoded off the page's main thread (createImageBitmap) into
// a copy of the size the view that asked will show it at (`fit`); the entry is ready, and counts
// as held ahead, only once that copy exists, so showing its task is a plain draw. Wider copies
// (a zoom) and the full-size decode are made when a view needs them (`sourceFor`), and only the
// most recent full-size decodes are kept (a 12 MP one is 48 MB). See js/_image_sizes.js.
import { mediaCache } from "./_media_cache.js";
import { pickCopy } from "./_image_sizes.js";

/**
 * @typedef {{src: CanvasImageSource, w: number}} Copy  a decoded copy, `w` device px wide
 * @typedef {Object} Entry
 * @property {number} w original width (after EXIF orientation, as browsers show it)
 * @property {number} h
 * @property {CanvasImageSource} img the copy made first (what a view shows at fit)
 * @property {Copy[]} copies
 * @property {Blob | null} blob the bytes, for copies made later; null for URL images
 * @property {string | null} url an object URL of `blob` (made once a fallback needs it), or the URL
 * @property {Map<number, Set<() => void>>} making widths being made -> who to tell
 */

const cache = mediaCache({ keep: 48, drop: (old) => old.blob && old.url && URL.revokeObjectURL(old.url) });
export const IMAGES = { has: cache.has, get: cache.get };
export const remember = cache.remember;
export const whenImage = cache.when;

// Editors told of every image that arrives (to show how many of their tasks are held ahead).
export const ARRIVALS = new Set();
cache.onArrival((key) => {
  decoding.delete(key);
  for (const fn of ARRIVALS) fn();
});

const FULL_KEEP = 2;
/** @type {Entry[]} entries holding a full-size copy, the most recently used last */
const fullSize = [];

const canBitmap = typeof createImageBitmap === "function";
const decoding = new Set(); // keys on their way to an entry (two views may both receive one)

/**
 * Decode `source` (the bytes of an image, or a URL the browser loads) as the entry of `key`.
 * @param {string} key
 * @param {Blob | string} source
 * @param {string} describe the error shown when it cannot be decoded
 * @param {{size?: [number, number] | null, fit?: [number, number] | null}} [hints]
 *   size: its original size (from the kernel); fit: device px it will first be shown at
 */
export function decode(key, source, describe, { size = null, fit = null } = {}) {
  if (decoding.has(key) || cache.has(key)) return;
  decoding.add(key);
  if (typeof source !== "string" && canBitmap && size) {
    const [w, h] = size;
    const small = fit && fit[0] < w * 0.98 ? fit : null;
    bitmap(source, small).then(
      (src) => remember(key, entry(w, h, src, small ? small[0] : w, source, null)),
      () => decodeElement(key, URL.createObjectURL(source), source, describe),
    );
    return;
  }
  const blob = typeof source === "string" ? null : source;
  decodeElement(key, blob ? URL.createObjectURL(blob) : /** @type {string} */ (source), blob, describe);
}

/** The old way, for URLs and where createImageBitmap is missing: an <img> decoded once. */
function decodeElement(key, url, blob, describe) {
  const img = new Image();
  img.decoding = "async";
  img.src = url;
  img.decode().then(
    () => remember(key, entry(img.naturalWidth, img.naturalHeight, img, img.naturalWidth, blob, url)),
    () => {
      if (blob) URL.revokeObjectURL(url);
      remember(key, { error: describe });
    },
  );
}

/** @returns {Entry} */
function entry(w, h, src, srcWidth, blob, url) {
  return { w, h, img: src, copies: [{ src, w: srcWidth }], blob, url, making: new Map() };
}

/** @param {Blob} blob @param {[number, number] | null} size */
function bitmap(blob, size) {
  if (!size) return createImageBitmap(blob);
  return createImageBitmap(blob, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: "high" });
}

function keepFull(e) {
  const at = fullSize.indexOf(e);
  if (at >= 0) fullSize.splice(at, 1);
  fullSize.push(e);
  while (fullSize.length > FULL_KEEP) {
    const old = fullSize.shift();
    // The copy made first stays (it is what the view shows at fit, full size for a small
    // image); a full size made later for a zoom is decoded again if it is needed again.
    old.copies = [old.copies[0], ...old.copies.slice(1).filter((c) => c.w < old.w)];
  }
}

/**
 * What to draw for `e` covering `need` device px across: the smallest copy that is sharp
 * there, else the widest one held while a sharper copy is made (then `ready()` is called).
 * @param {Entry} e
 * @param {number} need
 * @param {() => void} ready
 * @returns {CanvasImageSource}
 */
export function sourceFor(e, need, ready) {
  const { use, make } = pickCopy(e.copies.map((c) => c.w), need, e.w);
  const chosen = e.copies[use] || e.copies[0];
  // A full size decoded for a zoom is kept while recent (the first copy always is).
  if (chosen !== e.copies[0] && chosen.w >= e.w) keepFull(e);
  if (make !== null && (e.blob || make < e.w)) makeCopy(e, make, ready);
  return chosen.src;
}

function makeCopy(e, width, ready) {
  if (!canBitmap) return;
  if (e.making.has(width)) return void e.making.get(width).add(ready);
  e.making.set(width, new Set([ready]));
  const full = width >= e.w;
  const size = full ? null : /** @type {[number, number]} */ ([width, Math.max(1, Math.round((e.h * width) / e.w))]);
  const from = e.blob || e.copies.reduce((a, b) => (b.w > a.w ? b : a)).src;
  const made = e.blob ? bitmap(e.blob, size) : createImageBitmap(from, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: "high" });
  made.then(
    (src) => {
      // Display copies made for other zooms are dropped; the one made first stays.
      e.copies = [e.copies[0], ...e.copies.slice(1).filter((c) => c.w >= e.w), { src, w: full ? e.w : width }];
      if (full) keepFull(e);
      const told = e.making.get(width);
      e.making.delete(width);
      for (const fn of told || []) fn();
    },
    () => e.making.delete(width), // the widest copy held stays in use
  );
}
