// @ts-check
// Waveforms and segments as numbers, with no DOM: peaks of decoded audio, the min/max of each
// pixel column of a view, time <-> pixel, and the edits of a segment (draw, move, resize).
// A view is {t0, spp}: the time at the left edge (s) and seconds per CSS pixel.

export const BLOCK = 256; // samples per peak pair

// Min/max of every BLOCK samples of the channels mixed down (the decoded AudioBuffer's data).
export function peaksOf(channels, block = BLOCK) {
  const n = channels.length ? channels[0].length : 0;
  const count = Math.ceil(n / block);
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  const k = 1 / Math.max(1, channels.length);
  for (let b = 0; b < count; b++) {
    let lo = Infinity;
    let hi = -Infinity;
    const end = Math.min(n, (b + 1) * block);
    for (let i = b * block; i < end; i++) {
      let v = 0;
      for (const c of channels) v += c[i];
      v *= k;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { min, max, block };
}

// Peaks sent by the kernel: int8 pairs (min, max) per block.
export function peaksFromPairs(bytes, block) {
  const pairs = new Int8Array(bytes);
  const count = pairs.length >> 1;
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    min[b] = pairs[2 * b] / 127;
    max[b] = pairs[2 * b + 1] / 127;
  }
  return { min, max, block };
}

// The mono mix of decoded channels (kept for short audio, drawn when zoomed past the peaks).
export function mix(channels) {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const c of channels) for (let i = 0; i < out.length; i++) out[i] += c[i] / channels.length;
  return out;
}

// [min, max] per pixel column of a view `width` px wide: from the peaks while a column spans a
// block or more, else from the samples (when kept). `rate`: samples per second.
export function columns({ peaks, samples = null, rate }, view, width) {
  const lo = new Float32Array(width);
  const hi = new Float32Array(width);
  const perPx = view.spp * rate; // samples per pixel
  const usePeaks = !samples || perPx >= peaks.block;
  const data = usePeaks ? peaks : null;
  const unit = usePeaks ? peaks.block : 1;
  const total = usePeaks ? peaks.min.length : samples.length;
  for (let x = 0; x < width; x++) {
    const a = Math.floor(((view.t0 + x * view.spp) * rate) / unit);
    const b = Math.max(a + 1, Math.floor(((view.t0 + (x + 1) * view.spp) * rate) / unit));
    if (a >= total || b <= 0) continue;
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = Math.max(0, a); i < Math.min(total, b); i++) {
      const l = data ? data.min[i] : samples[i];
      const u = data ? data.max[i] : samples[i];
      if (l < mn) mn = l;
      if (u > mx) mx = u;
    }
    if (mn <= mx) {
      lo[x] = mn;
      hi[x] = mx;
    }
  }
  return { lo, hi };
}

export const fitView = (duration, width) => ({ t0: 0, spp: duration > 0 && width > 0 ? duration / width : 0.01 });
export const toX = (view, t) => (t - view.t0) / view.spp;
export const toTime = (view, x) => view.t0 + x * view.spp;

// The view kept inside the audio: no scrolling past either end, no zooming out past the fit.
export function clampView(view, duration, width) {
  const fit = fitView(duration, width).spp;
  const spp = Math.min(fit, Math.max(view.spp, 1 / 48000));
  const t0 = Math.min(Math.max(0, view.t0), Math.max(0, duration - spp * width));
  return { t0, spp };
}

// Zoom by `factor` (>1 zooms in) keeping the time under pixel `x` where it is.
export function zoomAt(view, factor, x, duration, width) {
  const t = toTime(view, x);
  return clampView({ t0: t - (x * view.spp) / factor, spp: view.spp / factor }, duration, width);
}

const round = (t) => Math.round(t * 1000) / 1000; // milliseconds: what a person can place

// A drawn range as a segment's [start, end] (either drag direction), inside the audio.
export function drawn(t1, t2, duration) {
  const a = Math.max(0, Math.min(t1, t2));
  const b = Math.min(duration, Math.max(t1, t2));
  return [round(a), round(b)];
}

// A segment moved by `dt` seconds, kept inside the audio with its length unchanged.
export function moved(seg, dt, duration) {
  const len = seg.end - seg.start;
  const start = Math.min(Math.max(0, seg.start + dt), Math.max(0, duration - len));
  return { ...seg, start: round(start), end: round(start + len) };
}

// A segment with one edge ("start" | "end") at `t`; the edges never cross (at least `min` s).
export function resized(seg, edge, t, duration, min = 0.01) {
  if (edge === "start") return { ...seg, start: round(Math.min(Math.max(0, t), seg.end - min)) };
  return { ...seg, end: round(Math.max(Math.min(duration, t), seg.start + min)) };
}

// What the pointer at time `t` (tolerance `slack` s) touches: an edge of the selected or of any
// segment first, then the shortest segment containing it (so a short one on a long one can be
// picked). Returns {seg, edge: "start" | "end" | null} or null.
export function hit(segments, t, slack, selectedId = null) {
  const order = [...segments].sort((a, b) => (a.id === selectedId ? -1 : b.id === selectedId ? 1 : 0));
  for (const seg of order) {
    if (Math.abs(t - seg.start) <= slack) return { seg, edge: "start" };
    if (Math.abs(t - seg.end) <= slack) return { seg, edge: "end" };
  }
  const inside = segments.filter((s) => s.start <= t && t <= s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  return inside.length ? { seg: inside[0], edge: null } : null;
}

// What a press at time `t` (pixel `x`; tolerance `slack` s) starts: resizing the segment whose
// edge it touches, moving the segment under it, or drawing a new range.
export function press(segments, t, x, slack, selectedId = null) {
  const found = hit(segments, t, slack, selectedId);
  if (found && found.edge) return { kind: "resize", id: found.seg.id, edge: found.edge, before: found.seg, t, x, moved: false };
  if (found) return { kind: "move", id: found.seg.id, edge: null, before: found.seg, t, x, moved: false };
  return { kind: "draw", id: null, edge: null, before: null, t, x, moved: false };
}

// The pointer at time `t` (pixel `x`) during gesture `g` (from press): {segment} the segment it
// changes, {range} the range drawn, or {} (nothing yet: a press that moves less than `minDrag`
// px is a click). A move, once started, follows the pointer even back near where it began.
export function dragTo(g, t, x, duration, minDrag) {
  const far = Math.abs(x - g.x) >= minDrag;
  if (g.kind === "resize") return { segment: resized(g.before, g.edge, t, duration) };
  if (g.kind === "move" && (far || g.moved)) {
    g.moved = true;
    return { segment: moved(g.before, t - g.t, duration) };
  }
  if (g.kind === "draw" && far) return { range: drawn(g.t, t, duration) };
  return {};
}

// "1:02.35" (minutes, seconds, hundredths).
export function clock(t) {
  if (!Number.isFinite(t)) return "–";
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s < 10 ? "0" : ""}${s.toFixed(2)}`;
}
