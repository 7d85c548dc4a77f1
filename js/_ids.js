// @ts-check
// Region ids as Label Studio writes them: 10 characters of [A-Za-z0-9_-] (the URL-safe base64
// alphabet). Mirrors labelwidget/config/region_ids.py, the ids Python gives; tests/test_one_home.py
// checks the two alphabets are the same.
export const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** A new region id (random; from crypto.getRandomValues). */
export function newId() {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const b of bytes) id += ID_CHARS[b & 63];
  return id;
}
