// @ts-check
// Drawing an audio view's canvas: the waveform (one min/max bar per pixel column), segments as
// tinted bands with their edges and labels, a range drawn without a label yet, the play cursor.
import { columns, toX } from "./_waveform.js";

export function drawWaveform(ctx, entry, view, width, height) {
  const mid = height / 2;
  const cols = columns(entry, view, width);
  ctx.fillStyle = "#5b7bd5";
  for (let x = 0; x < width; x++) {
    const top = mid - cols.hi[x] * (mid - 2);
    ctx.fillRect(x, top, 1, Math.max(1, mid - cols.lo[x] * (mid - 2) - top));
  }
}

export function drawSegment(ctx, seg, view, { color, selected, width, height }) {
  const x1 = toX(view, seg.start);
  const x2 = toX(view, seg.end);
  if (x2 < 0 || x1 > width) return;
  const edge = selected ? 3 : 1;
  ctx.save();
  ctx.globalAlpha = selected ? 0.35 : 0.2;
  ctx.fillStyle = color;
  ctx.fillRect(x1, 0, x2 - x1, height);
  ctx.globalAlpha = 1;
  ctx.fillRect(x1, 0, edge, height);
  ctx.fillRect(x2 - edge, 0, edge, height);
  ctx.font = "11px sans-serif";
  ctx.fillText(seg.labels.join(", "), x1 + 4, 12);
  ctx.restore();
}

// A range drawn without a label yet: a dashed outline.
export function drawPending(ctx, [start, end], view, height) {
  const x1 = toX(view, start);
  const x2 = toX(view, end);
  ctx.save();
  ctx.strokeStyle = "#333";
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x1 + 0.5, 0.5, Math.max(1, x2 - x1 - 1), height - 1);
  ctx.restore();
}

export function drawCursor(ctx, view, time, height) {
  ctx.fillStyle = "#d00";
  ctx.fillRect(Math.round(toX(view, time)), 0, 1.5, height);
}
