// @ts-check
// A page-wide cache of media sent once by the kernel as binary messages (images, audio), keyed
// by the key a task payload names. Views ask for the keys of the shown task first, then of the
// tasks held ahead (prefetch), and never ask twice within `retryMs`; an entry arrives once and
// every view of the page that waits for it is told. Mirrors the Python side's `describe(cell)`
// / `get(key)` stores (labelwidget/images.py, labelwidget/audio.py).

/**
 * @param {{keep?: number, drop?: (entry: any) => void, retryMs?: number}} [options]
 *   keep: entries kept (the oldest is dropped, `drop(entry)` frees it).
 */
export function mediaCache({ keep = 48, drop = () => {}, retryMs = 15000 } = {}) {
  const entries = new Map(); // key -> entry (insertion order = least recently stored first)
  const waiting = new Map(); // key -> Set of callbacks
  const arrivals = new Set(); // called after any entry arrives
  const requested = new Map(); // key -> when it was asked for

  function remember(key, entry) {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > keep) {
      const [oldest, old] = entries.entries().next().value;
      entries.delete(oldest);
      drop(old);
    }
    for (const fn of waiting.get(key) || []) fn(entry);
    waiting.delete(key);
    for (const fn of arrivals) fn(key, entry);
  }

  function when(key, fn) {
    if (entries.has(key)) return fn(entries.get(key));
    if (!waiting.has(key)) waiting.set(key, new Set());
    waiting.get(key).add(fn);
  }

  // The keys among `keys` (in order: shown task first) to ask the kernel for now.
  function toAsk(keys) {
    const now = performance.now();
    const out = [];
    for (const key of keys) {
      if (!key || entries.has(key) || out.includes(key)) continue;
      const asked = requested.get(key);
      if (asked !== undefined && now - asked < retryMs) continue;
      requested.set(key, now);
      out.push(key);
    }
    return out;
  }

  return {
    has: (key) => entries.has(key),
    get: (key) => entries.get(key),
    remember,
    when,
    toAsk,
    onArrival(fn) {
      arrivals.add(fn);
      return () => arrivals.delete(fn);
    },
  };
}
