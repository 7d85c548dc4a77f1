// @ts-check
// The audio of the tasks a view holds: asked for once (shown task first, then the tasks ahead),
// received as binary messages into the page-wide media cache (js/_media_cache.js, as images
// are), decoded by the browser (Web Audio decodeAudioData) into peaks for the waveform, or
// taken with the peaks the kernel sent for long files. Each entry keeps an <audio> element
// loading its bytes, so a task held ahead plays as soon as it is shown.
import { mediaCache } from "./_media_cache.js";
import { mix, peaksFromPairs, peaksOf } from "./_waveform.js";

const KEEP_SAMPLES = 600; // seconds: shorter audio keeps its samples for deep zoom

// key -> {url, blob, media, peaks, samples, rate, duration} or {error}
export const AUDIO = mediaCache({ keep: 12, drop: (e) => e.blob && URL.revokeObjectURL(e.url) });
// key -> {peaks, samples: null, rate, duration}: the waveform of a long file, sent ahead of its
// bytes (drawn meanwhile; nothing plays until the AUDIO entry arrives).
export const EARLY = mediaCache({ keep: 12 });

const bytesOf = (view) => view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);

function mediaFor(url) {
  const media = document.createElement("audio");
  media.preload = "auto";
  media.src = url;
  return media;
}

/**
 * Decode bytes (or take the kernel's peaks) and store the entry under `key`.
 * @param {string} key
 * @param {ArrayBuffer} bytes
 * @param {{mime?: string, rate?: number, duration?: number, url?: string | null,
 *   peaks?: ArrayBuffer | null, block?: number}} info
 */
function decode(key, bytes, { mime, rate, duration, url = null, peaks = null, block = 256 }) {
  const src = url || URL.createObjectURL(new Blob([bytes], { type: mime || "audio/wav" }));
  const blob = !url;
  if (peaks) {
    AUDIO.remember(key, { url: src, blob, media: mediaFor(src), peaks: peaksFromPairs(peaks, block), samples: null, rate, duration });
    return;
  }
  const ctx = new OfflineAudioContext(1, 1, rate && rate >= 3000 ? rate : 44100);
  ctx.decodeAudioData(bytes).then(
    (buffer) => {
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
      AUDIO.remember(key, {
        url: src, blob, media: mediaFor(src), peaks: peaksOf(channels), rate: buffer.sampleRate, duration: buffer.duration,
        samples: buffer.duration <= KEEP_SAMPLES ? mix(channels) : null,
      });
    },
    (err) => {
      if (blob) URL.revokeObjectURL(src);
      AUDIO.remember(key, { error: `the browser cannot decode this audio (${(err && err.message) || "not audio it knows"})` });
    },
  );
}

// The cache key of a task payload's audio (its key, or its URL), or null.
export const audioIdOf = (p) => (p && p.data ? (p.data.audio ? p.data.audio.key : p.data.url || null) : null);

// Ask for the audio of the tasks held (the shown one first) that the page does not have yet;
// `ask(msg)` sends the view's `audios` message.
export function requestAudio(model, shown, ask) {
  const tasks = model.get("tasks") || {};
  const order = [shown, ...Object.keys(tasks).filter((k) => k !== shown)].map((k) => tasks[k]).filter(Boolean);
  for (const p of order) {
    const url = p.data && p.data.url;
    if (url && AUDIO.toAsk([url]).length) {
      fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`)))).then(
        (bytes) => decode(url, bytes, { url }),
        (err) => AUDIO.remember(url, { error: `cannot load audio ${url} (${err.message})` }),
      );
    }
  }
  const wanted = AUDIO.toAsk(order.filter((p) => p.data && p.data.audio).map((p) => p.data.audio.key));
  if (wanted.length) ask({ type: "audios", keys: wanted });
}

// The kernel's `audio` message: the bytes (and peaks) of a key asked for, or why not.
export function receiveAudio(model, msg, buffers) {
  if (!msg || msg.type !== "audio" || AUDIO.has(msg.key)) return;
  const info = Object.values(model.get("tasks") || {}).map((p) => p.data && p.data.audio).find((a) => a && a.key === msg.key) || {};
  if (msg.early) {
    if (buffers && buffers[0]) EARLY.remember(msg.key, { peaks: peaksFromPairs(bytesOf(buffers[0]), msg.block), samples: null, rate: info.rate, duration: info.duration });
    return;
  }
  if (msg.error || !buffers || !buffers[0]) return AUDIO.remember(msg.key, { error: msg.error || "no audio bytes arrived" });
  decode(msg.key, bytesOf(buffers[0]), {
    mime: msg.mime, rate: info.rate, duration: info.duration, peaks: msg.peaks && buffers[1] ? bytesOf(buffers[1]) : null, block: msg.block,
  });
}
