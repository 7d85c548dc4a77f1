// @ts-check
// The page-wide cache of decoded images, key -> {img, url, w, h} or {error}: shared by every
// image view on the page, so an image sent once is drawn again without a kernel round trip.
export const IMAGES = new Map();
const KEEP_IMAGES = 48;
const waiting = new Map(); // key -> Set of callbacks

export function remember(key, entry) {
  IMAGES.delete(key);
  IMAGES.set(key, entry);
  while (IMAGES.size > KEEP_IMAGES) {
    const [oldest, old] = IMAGES.entries().next().value;
    IMAGES.delete(oldest);
    if (old.blob) URL.revokeObjectURL(old.url);
  }
  for (const fn of waiting.get(key) || []) fn(entry);
  waiting.delete(key);
  for (const fn of ARRIVALS) fn();
}

// Editors told of every image that arrives (to show how many of their tasks are held ahead).
export const ARRIVALS = new Set();

export function whenImage(key, fn) {
  if (IMAGES.has(key)) return fn(IMAGES.get(key));
  if (!waiting.has(key)) waiting.set(key, new Set());
  waiting.get(key).add(fn);
}

export function decode(key, url, blob, describe) {
  const img = new Image();
  img.decoding = "async";
  img.src = url;
  img.decode().then(
    () => remember(key, { img, url, blob, w: img.naturalWidth, h: img.naturalHeight }),
    () => {
      if (blob) URL.revokeObjectURL(url);
      remember(key, { error: describe });
    },
  );
}
