// @ts-check
// Painting an image and its regions (the image beneath: js/_image_layer.js; the regions as SVG
// over it: js/_region_svg.js), and telling the relations view where each region is; part of
// js/image_regions.js, sharing its editor state `ed`.
import { regionAnnouncer, regionReporter } from "./_region_events.js";
import { boxCorners, boxFromCorners, clamp, cropBox, distance, toScreen } from "./_geometry.js";
import { DEFAULT_COLOR, PALETTE } from "./_palette.js";
import { svgLooks } from "./_region_svg.js";

export const HANDLE = 5; // half size of a resize handle, CSS px
export const HIT = 6; // pointer slack for edges, vertices and points, CSS px
export const POINT = 5; // keypoint radius, CSS px

/** @param {import("./image_regions.js").Editor} ed */
export function regionPainter(ed) {
  const {
    H, W, canvas, font, layer, optionsOf, model, regionById, root, screenOfPercent, spec,
    specWithOptions,
  } = ed;
  const regions = svgLooks(ed.base, font, HANDLE);
  const live = svgLooks(ed.live, font, HANDLE);

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

  // The region a gesture is changing is drawn on top, apart from the others: a pointer move
  // redraws it alone.
  function liveRegion() {
    const g = ed.gesture;
    return g && (g.kind === "move" || g.kind === "resize") ? regionById(g.id) : null;
  }

  function liveLook() {
    const g = ed.gesture;
    if (!g || !ed.image || !ed.view) return null;
    if (g.kind === "draw") return g.dragged ? draftLook(g) : null;
    const r = liveRegion();
    return r ? lookOf(r, r.id === ed.selected) : null;
  }

  function paint() {
    announce();
    // The image is touched only when another image, a zoom, a pan or a new size changes
    // what it shows (js/_image_layer.js).
    layer.draw(ed.image, ed.view, ed.stageSize);
    if (!ed.image || !ed.view) {
      regions.show([]);
      live.show([]);
      return;
    }
    // Where the image is on screen (scale = CSS px per original px), for tests and tools.
    root.dataset.view = `${ed.view.scale} ${ed.view.ox} ${ed.view.oy}`;
    root.dataset.size = `${ed.image.w} ${ed.image.h}`;
    const sel = regionById(ed.selected);
    const moving = liveRegion();
    const looks = ed.regions.filter((r) => r !== sel && r !== moving).map((r) => lookOf(r, false));
    if (sel && sel !== moving) looks.push(lookOf(sel, true));
    if (ed.polygon) looks.push(draftPolygonLook());
    regions.show(looks);
    live.show([liveLook()]);
    reporter.moved(ed.taskKey);
  }

  // A pointer move of a gesture: only the region it changes is drawn again, now, in the
  // move's handler.
  function paintLive() {
    if (!ed.image || !ed.view) return;
    live.show([liveLook()]);
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

  /** @returns {import("./_region_svg.js").Look} */
  function lookOf(r, isSelected) {
    const color = regionColor(r);
    const hovered = ed.hover && ed.hover.id === r.id;
    const text = r.labels.length ? labelText(r) : "";
    if (r.shape === "keypoint") {
      const [x, y] = screenOfPercent([r.x, r.y]);
      return {
        color, dots: [{ x, y, r: isSelected ? POINT + 1.5 : POINT, fill: color, stroke: "#fff", width: isSelected ? 2.5 : 1.5 }],
        tag: text ? tagOf([x + POINT + 2, y - POINT - 2], text) : null, handles: [],
      };
    }
    const pts = r.shape === "rectangle" ? boxCorners(r, W(), H()).map((p) => toScreen(ed.view, p)) : r.points.map(screenOfPercent);
    const anchor = r.shape === "rectangle" ? pts[0] : pts.reduce((a, b) => (b[1] < a[1] ? b : a), pts[0]);
    return {
      color, path: pts, width: isSelected ? 3 : hovered ? 2.5 : 2,
      fill: withAlpha(color, isSelected ? 0.28 : hovered ? 0.22 : 0.15),
      tag: text ? tagOf(anchor, text) : null,
      handles: isSelected ? ed.handlesOf(r).map((hd) => toScreen(ed.view, [hd.x, hd.y])) : [],
    };
  }

  // The box being drawn: dashed, with no tag.
  function draftLook(g) {
    const box = cropBox(boxFromCorners(g.a, g.b));
    const c = spec(g.control);
    const color = colorOf(c && specWithOptions(c), g.labelling.labels[0], 0);
    const [x0, y0] = screenOfPercent([box.x, box.y]);
    const [x1, y1] = screenOfPercent([box.x + box.width, box.y + box.height]);
    return { color, path: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], width: 2, dash: [6, 4], fill: withAlpha(color, 0.15), tag: null, handles: [] };
  }

  // Where a label tag goes: above its anchor, as wide as its text (widths kept per text).
  const widths = new Map();
  let measure = null; // an offscreen 2D context: text widths without a layout
  function tagOf([x, y], text) {
    if (!widths.has(text)) {
      measure = measure || document.createElement("canvas").getContext("2d");
      measure.font = `12px ${font}`;
      widths.set(text, measure.measureText(text).width + 8);
      if (widths.size > 500) widths.delete(widths.keys().next().value);
    }
    return { x, top: Math.max(0, y - 17), w: widths.get(text), text };
  }

  // The polygon being placed: its points so far, a line on to the pointer, and the first
  // point drawn bigger when a click there would close it.
  function draftPolygonLook() {
    const c = spec(ed.polygon.control);
    const color = colorOf(c && specWithOptions(c), ed.polygon.labels[0], 0);
    const pts = ed.polygon.points.map(screenOfPercent);
    const dots = pts.map(([x, y], i) => {
      const closing = i === 0 && pts.length >= 3 && ed.pointer && distance(ed.pointer, pts[0]) <= HIT + 2;
      return { x, y, r: closing ? 7 : 4, fill: i === 0 ? color : "#fff", stroke: color, width: 2 };
    });
    return { color, path: ed.pointer ? [...pts, ed.pointer] : pts, open: true, width: 2, dots, tag: null, handles: [] };
  }

  return { announce, labelText, paint, paintLive, regionColor, reporter };
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
