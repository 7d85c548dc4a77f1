// @ts-check
// Painting an image and its regions on the canvas (and telling the relations view where each
// region is); part of js/image_regions.js, sharing its editor state `ed`.
import { regionAnnouncer, regionReporter } from "./_region_events.js";
import { boxCorners, boxFromCorners, clamp, cropBox, distance, toScreen } from "./_geometry.js";
import { DEFAULT_COLOR, PALETTE } from "./_palette.js";

export const HANDLE = 5; // half size of a resize handle, CSS px
export const HIT = 6; // pointer slack for edges, vertices and points, CSS px
export const POINT = 5; // keypoint radius, CSS px

/** @param {import("./image_regions.js").Editor} ed */
export function regionPainter(ed) {
  const {
    H, W, canvas, ctx, font, optionsOf, model, regionById, root, screenOfPercent, spec,
    specWithOptions,
  } = ed;

  function labelText(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const options = c ? optionsOf(c) : [];
    return r.labels.map((v) => {
      const o = options.find((x) => x.value === v);
      return (o && o.label) || v;
    }).join(", ");
  }

  function regionColor(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const label = r.labels[0];
    return colorOf(c && specWithOptions(c), label, 0) || (spec(r.control) && spec(r.control).color) || DEFAULT_COLOR;
  }

  // Per-region controls and visibleWhen follow the selection (see _task_widget.js); said once
  // per painted frame, and only when it changed.
  const announcer = regionAnnouncer(model.get("group"), model.get("name"));
  function announce() {
    const describe = (r) => ({ id: r.id, controls: [r.control, r.labelsControl].filter(Boolean), labels: r.labels });
    const sel = regionById(ed.selected);
    announcer(ed.taskKey, sel ? describe(sel) : null, ed.payload ? ed.regions.map(describe) : []);
  }

  function paint() {
    announce();
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, ed.stageSize[0], ed.stageSize[1]);
    if (!ed.image || !ed.view) return;
    // Where the image is on screen (scale = CSS px per original px), for tests and tools.
    root.dataset.view = `${ed.view.scale} ${ed.view.ox} ${ed.view.oy}`;
    root.dataset.size = `${ed.image.w} ${ed.image.h}`;
    ctx.imageSmoothingEnabled = ed.view.scale < 4;
    ctx.drawImage(ed.image.img, ed.view.ox, ed.view.oy, ed.image.w * ed.view.scale, ed.image.h * ed.view.scale);
    const sel = regionById(ed.selected);
    for (const r of ed.regions) if (r !== sel) paintRegion(r, false);
    if (sel) paintRegion(sel, true);
    if (ed.gesture && ed.gesture.kind === "draw" && ed.gesture.dragged) {
      const box = cropBox(boxFromCorners(ed.gesture.a, ed.gesture.b));
      const c = spec(ed.gesture.control);
      const color = colorOf(c && specWithOptions(c), ed.gesture.labelling.labels[0], 0);
      const [x0, y0] = screenOfPercent([box.x, box.y]);
      const [x1, y1] = screenOfPercent([box.x + box.width, box.y + box.height]);
      ctx.save();
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
      ctx.fillStyle = withAlpha(color, 0.15);
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.restore();
    }
    if (ed.polygon) paintDraftPolygon();
    reporter.moved(ed.taskKey);
  }

  // Where each region is on screen (its bounding box, clipped to the stage), for relations.
  const reporter = regionReporter(model.get("group"), model.get("name"), (key) => {
    if (key !== ed.taskKey || !ed.image || !ed.view) return [];
    const stage = canvas.getBoundingClientRect();
    const sx = stage.width / (ed.stageSize[0] || 1);
    const sy = stage.height / (ed.stageSize[1] || 1);
    return ed.regions.map((r) => {
      const pts = r.shape === "rectangle" ? boxCorners(r, W(), H()).map((p) => toScreen(ed.view, p)) : r.shape === "polygon" ? r.points.map(screenOfPercent) : [screenOfPercent([r.x, r.y])];
      const xs = pts.map((p) => clamp(p[0], 0, ed.stageSize[0]));
      const ys = pts.map((p) => clamp(p[1], 0, ed.stageSize[1]));
      const left = Math.min(...xs);
      const top = Math.min(...ys);
      return {
        id: r.id, text: labelText(r), label: labelText(r), selected: r.id === ed.selected,
        rect: { left: stage.left + left * sx, top: stage.top + top * sy, width: (Math.max(...xs) - left) * sx, height: (Math.max(...ys) - top) * sy },
      };
    });
  }, () => ({ rect: canvas.getBoundingClientRect() })); // links stay on the image, off its toolbar

  function paintRegion(r, isSelected) {
    const color = regionColor(r);
    const hovered = ed.hover && ed.hover.id === r.id;
    ctx.save();
    ctx.lineWidth = isSelected ? 3 : hovered ? 2.5 : 2;
    ctx.strokeStyle = color;
    ctx.fillStyle = withAlpha(color, isSelected ? 0.28 : hovered ? 0.22 : 0.15);
    let anchor;
    if (r.shape === "rectangle") {
      const pts = boxCorners(r, W(), H()).map((p) => toScreen(ed.view, p));
      path(pts, true);
      ctx.fill();
      ctx.stroke();
      anchor = pts[0];
    } else if (r.shape === "polygon") {
      const pts = r.points.map(screenOfPercent);
      path(pts, true);
      ctx.fill();
      ctx.stroke();
      anchor = pts.reduce((a, b) => (b[1] < a[1] ? b : a), pts[0]);
    } else {
      const [x, y] = screenOfPercent([r.x, r.y]);
      ctx.beginPath();
      ctx.arc(x, y, isSelected ? POINT + 1.5 : POINT, 0, Math.PI * 2);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = isSelected ? 2.5 : 1.5;
      ctx.strokeStyle = "#fff";
      ctx.stroke();
      anchor = [x + POINT + 2, y - POINT - 2];
    }
    if (r.labels.length) tag(anchor, labelText(r), color);
    if (isSelected) {
      for (const hd of ed.handlesOf(r)) {
        const [x, y] = toScreen(ed.view, [hd.x, hd.y]);
        ctx.fillStyle = "#fff";
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.fillRect(x - HANDLE, y - HANDLE, HANDLE * 2, HANDLE * 2);
        ctx.strokeRect(x - HANDLE, y - HANDLE, HANDLE * 2, HANDLE * 2);
      }
    }
    ctx.restore();
  }

  function paintDraftPolygon() {
    const c = spec(ed.polygon.control);
    const color = colorOf(c && specWithOptions(c), ed.polygon.labels[0], 0);
    const pts = ed.polygon.points.map(screenOfPercent);
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    path(ed.pointer ? [...pts, ed.pointer] : pts, false);
    ctx.stroke();
    pts.forEach(([x, y], i) => {
      const closing = i === 0 && pts.length >= 3 && ed.pointer && distance(ed.pointer, pts[0]) <= HIT + 2;
      ctx.beginPath();
      ctx.arc(x, y, closing ? 7 : 4, 0, Math.PI * 2);
      ctx.fillStyle = i === 0 ? color : "#fff";
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  }

  function path(pts, close) {
    ctx.beginPath();
    pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    if (close) ctx.closePath();
  }

  function tag([x, y], text, color) {
    ctx.save();
    ctx.font = `12px ${font}`;
    const w = ctx.measureText(text).width + 8;
    const top = Math.max(0, y - 17);
    ctx.fillStyle = color;
    ctx.fillRect(x, top, w, 16);
    ctx.fillStyle = "#fff";
    ctx.fillText(text, x + 4, top + 12); // canvas text: data is drawn, never parsed
    ctx.restore();
  }

  return { announce, labelText, paint, regionColor, reporter };
}

function colorOf(spec, label, index) {
  const option = spec && (spec.options || []).find((o) => o.value === label);
  if (option && option.background) return option.background;
  if (spec && spec.color && !label) return spec.color;
  if (!label) return DEFAULT_COLOR;
  const i = option ? spec.options.indexOf(option) : index;
  return PALETTE[Math.abs(i) % PALETTE.length];
}

// Any CSS colour (name, hex, rgb) with some transparency: the 2D context parses the colour
// and reads it back as #rrggbb.
const RGB = new Map();
let probe = null;
function withAlpha(color, alpha) {
  if (!RGB.has(color)) {
    probe = probe || document.createElement("canvas").getContext("2d");
    probe.fillStyle = "#000";
    probe.fillStyle = color;
    const hex = String(probe.fillStyle);
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    RGB.set(color, m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null);
  }
  const rgb = RGB.get(color);
  return rgb ? `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})` : color;
}
