// @ts-check
// The page-wide cache of decoded images, key -> {img, url, w, h} or {error}: shared by every
// image view on the page, so an image sent once is drawn again without a kernel round trip.
// It is the media cache audio uses too (js/_media_cache.js): one way media is held ahead.
import { mediaCache } from "./_media_cache.js";

const cache = mediaCache({ keep: 48, drop: (old) => old.blob && URL.revokeObjectURL(old.url) });
export const IMAGES = { has: cache.has, get: cache.get };
export const remember = cache.remember;
export const whenImage = cache.when;

// Editors told of every image that arrives (to show how many of their tasks are held ahead).
export const ARRIVALS = new Set();
cache.onArrival(() => {
  for (const fn of ARRIVALS) fn();
});

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
