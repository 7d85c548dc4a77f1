// @ts-check
// Region geometry and the region <-> cell conversions of the image editor, as pure functions
// (no DOM), so `node --test js/tests/` checks them. Mirrors labelwidget/geometry.py.
//
// Label Studio's conventions: coordinates are percent (0-100) of the original image; a box's
// (x, y) is its top-left corner before rotation, `rotation` in degrees, clockwise on screen,
// about that corner, applied in pixel space. "Image pixels" below are original-image pixels.
import { newId } from "./_ids.js";

export const clamp = (v, lo, hi) => (v < lo ? lo : v > hi ? hi : v);
export const toPixels = (percent, extent) => (percent * extent) / 100;
export const toPercent = (pixels, extent) => (pixels * 100) / extent;

/** `p` turned by `deg` degrees clockwise on screen (y down) about `o`. */
export function rotatePoint(p, o, deg) {
  if (!deg) return [p[0], p[1]];
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const dx = p[0] - o[0];
  const dy = p[1] - o[1];
  return [o[0] + dx * c - dy * s, o[1] + dx * s + dy * c];
}

// -- boxes ------------------------------------------------------------------------------------

/** A box's (left, top, width, height) in image pixels, before rotation. */
export function boxPixels(box, W, H) {
  return [toPixels(box.x, W), toPixels(box.y, H), toPixels(box.width, W), toPixels(box.height, H)];
}

/** The four corners in image pixels, rotated: TL, TR, BR, BL. */
export function boxCorners(box, W, H) {
  const [l, t, w, h] = boxPixels(box, W, H);
  const o = [l, t];
  return [[l, t], [l + w, t], [l + w, t + h], [l, t + h]].map((p) => rotatePoint(p, o, box.rotation || 0));
}

/** Whether image point `p` lies in the box (edges included). */
export function boxContains(box, p, W, H, tolerance = 0) {
  const [l, t, w, h] = boxPixels(box, W, H);
  const [u, v] = rotatePoint(p, [l, t], -(box.rotation || 0));
  return u >= l - tolerance && u <= l + w + tolerance && v >= t - tolerance && v <= t + h + tolerance;
}

/** The unrotated box spanned by two corners given in percent, in either order. */
export function boxFromCorners(a, b) {
  return { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(a[0] - b[0]), height: Math.abs(a[1] - b[1]), rotation: 0 };
}

/** The part of an unrotated box inside the image (a rotated box is returned as it is). */
export function cropBox(box) {
  if (box.rotation) return { ...box };
  const l = clamp(Math.min(box.x, box.x + box.width), 0, 100);
  const r = clamp(Math.max(box.x, box.x + box.width), 0, 100);
  const t = clamp(Math.min(box.y, box.y + box.height), 0, 100);
  const b = clamp(Math.max(box.y, box.y + box.height), 0, 100);
  return { ...box, x: l, y: t, width: r - l, height: b - t };
}

/** The box moved by (dx, dy) percent, kept inside the image when it is not rotated. */
export function moveBox(box, dx, dy) {
  if (box.rotation) return { ...box, x: clamp(box.x + dx, 0, 100), y: clamp(box.y + dy, 0, 100) };
  return { ...box, x: clamp(box.x + dx, 0, 100 - box.width), y: clamp(box.y + dy, 0, 100 - box.height) };
}

export const HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
const HANDLE_UV = { nw: [0, 0], n: [0.5, 0], ne: [1, 0], e: [1, 0.5], se: [1, 1], s: [0.5, 1], sw: [0, 1], w: [0, 0.5] };

/** Resize handles of a box: [{name, x, y}] in image pixels (rotated with the box). */
export function boxHandles(box, W, H) {
  const [l, t, w, h] = boxPixels(box, W, H);
  return HANDLES.map((name) => {
    const [u, v] = HANDLE_UV[name];
    const [x, y] = rotatePoint([l + u * w, t + v * h], [l, t], box.rotation || 0);
    return { name, x, y };
  });
}

/**
 * The box after dragging `handle` to image point `p` (pixels). The opposite side stays where it
 * is; an edge handle moves one side only. Works in the box's own (rotated) frame; an unrotated
 * box is kept inside the image. Dragging past the opposite side flips the box.
 */
export function resizeBox(box, handle, p, W, H) {
  const [l, t, w, h] = boxPixels(box, W, H);
  const rot = box.rotation || 0;
  let [u, v] = rotatePoint(p, [l, t], -rot); // pointer in the box frame (unrotated about l,t)
  if (!rot) {
    u = clamp(u, 0, W);
    v = clamp(v, 0, H);
  }
  let x0 = l, y0 = t, x1 = l + w, y1 = t + h;
  if (handle.includes("w")) x0 = u;
  if (handle.includes("e")) x1 = u;
  if (handle.includes("n")) y0 = v;
  if (handle.includes("s")) y1 = v;
  const nl = Math.min(x0, x1), nr = Math.max(x0, x1), nt = Math.min(y0, y1), nb = Math.max(y0, y1);
  // The new top-left corner, back in image space (rotation is about the old corner).
  const [ox, oy] = rotatePoint([nl, nt], [l, t], rot);
  return { ...box, x: toPercent(ox, W), y: toPercent(oy, H), width: toPercent(nr - nl, W), height: toPercent(nb - nt, H) };
}

// -- polygons and points ----------------------------------------------------------------------

export const polygonPixels = (points, W, H) => points.map(([x, y]) => [toPixels(x, W), toPixels(y, H)]);

/** Even-odd test of image point `p` against a polygon given in percent. */
export function polygonContains(points, p, W, H) {
  const pts = polygonPixels(points, W, H);
  if (pts.length < 3) return false;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > p[1] !== yj > p[1]) {
      const cx = xi + ((p[1] - yi) * (xj - xi)) / (yj - yi);
      if (p[0] < cx) inside = !inside;
    }
  }
  return inside;
}

/** The polygon moved by (dx, dy) percent, as far as every point stays inside the image. */
export function movePolygon(points, dx, dy) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const mx = clamp(dx, -Math.min(...xs), 100 - Math.max(...xs));
  const my = clamp(dy, -Math.min(...ys), 100 - Math.max(...ys));
  return points.map(([x, y]) => [x + mx, y + my]);
}

export const clampPoint = ([x, y]) => [clamp(x, 0, 100), clamp(y, 0, 100)];

export function distance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function polygonArea(points, W, H) {
  const pts = polygonPixels(points, W, H);
  let twice = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) twice += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return Math.abs(twice) / 2;
}

/** Area in image pixels of a region (0 for a keypoint), to prefer the smallest under the pointer. */
export function regionArea(r, W, H) {
  if (r.shape === "rectangle") return Math.abs(toPixels(r.width, W) * toPixels(r.height, H));
  if (r.shape === "polygon") return polygonArea(r.points, W, H);
  return 0;
}

/** The point `p` (pixels) snapped to whole image pixels when `snap` is "pixel". */
export const snapPoint = (p, snap) => (snap === "pixel" ? [Math.round(p[0]), Math.round(p[1])] : p);

// -- the view: image pixels <-> screen (CSS pixels of the stage) ------------------------------

/** The view that shows the whole image centred in a stage of sw x sh. */
export function fitView(sw, sh, W, H) {
  const scale = Math.min(sw / W, sh / H);
  return { scale, ox: (sw - W * scale) / 2, oy: (sh - H * scale) / 2 };
}

export const toScreen = (view, p) => [view.ox + p[0] * view.scale, view.oy + p[1] * view.scale];
export const toImage = (view, s) => [(s[0] - view.ox) / view.scale, (s[1] - view.oy) / view.scale];

/** The view zoomed by `factor` about the screen point `s` (which keeps showing the same pixel). */
export function zoomAt(view, factor, s, minScale, maxScale) {
  const scale = clamp(view.scale * factor, minScale, maxScale);
  const [ix, iy] = toImage(view, s);
  return { scale, ox: s[0] - ix * scale, oy: s[1] - iy * scale };
}

/** The view moved so that at least `keep` CSS pixels of the image stay in the stage. */
export function clampView(view, sw, sh, W, H, keep = 40) {
  const w = W * view.scale;
  const h = H * view.scale;
  const k = (extent, size) => Math.min(keep, extent, size);
  return {
    scale: view.scale,
    ox: clamp(view.ox, k(w, sw) - w, sw - k(w, sw)),
    oy: clamp(view.oy, k(h, sh) - h, sh - k(h, sh)),
  };
}

// -- regions <-> cells ------------------------------------------------------------------------

const SHAPE_KEYS = { rectangle: ["x", "y", "width", "height", "rotation"], polygon: ["points"], keypoint: ["x", "y", "width"] };
const OWN_KEYS = new Set(["id", "original_width", "original_height"]);

export function shapeOf(value) {
  if (value && Array.isArray(value.points)) return "polygon";
  if (value && typeof value.x === "number" && typeof value.y === "number") return "height" in value ? "rectangle" : "keypoint";
  return null;
}


function geometryOf(shape, value) {
  const g = {};
  for (const k of SHAPE_KEYS[shape]) if (value[k] !== undefined && value[k] !== null) g[k] = k === "points" ? value.points.map((p) => [p[0], p[1]]) : value[k];
  if (shape === "rectangle") g.rotation = g.rotation || 0;
  return g;
}

function extrasOf(value, skip) {
  const extra = {};
  for (const [k, v] of Object.entries(value)) if (!OWN_KEYS.has(k) && !skip.has(k)) extra[k] = v;
  return extra;
}

/**
 * The editor's regions from a widget value ({control: [region values]}).
 * A region: {id, shape, control, labels, labelsControl, ...geometry, extra, labelsExtra, ow, oh}
 * - control: the control that owns its geometry (a *Labels tag or a tool); null for a region
 *   known only from a generic Labels cell;
 * - labelsControl: the generic <Labels> holding its labels (split format), or null.
 */
export function regionsFromValue(value, controls) {
  const regions = [];
  const byId = new Map();
  const list = (name) => (value && Array.isArray(value[name]) ? value[name] : []);
  for (const c of controls) {
    if (c.kind === "generic") continue;
    for (const v of list(c.name)) {
      const shape = shapeOf(v);
      if (!shape) continue;
      const skip = new Set([...SHAPE_KEYS[shape], c.label_key].filter(Boolean));
      const r = {
        id: String(v.id ?? newId()),
        shape,
        control: c.name,
        labels: c.label_key ? [].concat(v[c.label_key] ?? []) : [],
        labelsControl: null,
        ...geometryOf(shape, v),
        extra: extrasOf(v, skip),
        labelsExtra: {},
        ow: v.original_width ?? null,
        oh: v.original_height ?? null,
      };
      regions.push(r);
      byId.set(r.id, r);
    }
  }
  for (const c of controls) {
    if (c.kind !== "generic") continue;
    for (const v of list(c.name)) {
      const shape = shapeOf(v);
      if (!shape) continue;
      const skip = new Set([...SHAPE_KEYS[shape], "labels"]);
      const known = v.id !== undefined && byId.get(String(v.id));
      if (known && !known.labelsControl) {
        known.labels = [].concat(v.labels ?? []);
        known.labelsControl = c.name;
        known.labelsExtra = extrasOf(v, skip);
        continue;
      }
      const tool = controls.find((t) => t.kind === "tool" && t.shape === shape);
      const r = {
        id: String(v.id ?? newId()),
        shape,
        control: tool ? tool.name : null,
        labels: [].concat(v.labels ?? []),
        labelsControl: c.name,
        ...geometryOf(shape, v),
        extra: {},
        labelsExtra: extrasOf(v, skip),
        ow: v.original_width ?? null,
        oh: v.original_height ?? null,
      };
      regions.push(r);
      byId.set(r.id, r);
    }
  }
  return regions;
}

/**
 * The widget value of the editor's regions: {control: [Label Studio region values]}, every
 * control listed (an empty list when it has no region). `size` = [W, H] of the original image
 * when known (it is written on every region).
 */
export function valueFromRegions(regions, controls, size = null) {
  const out = {};
  const byName = {};
  for (const c of controls) {
    out[c.name] = [];
    byName[c.name] = c;
  }
  for (const r of regions) {
    const geometry = geometryOf(r.shape, r);
    const ow = size ? size[0] : r.ow;
    const oh = size ? size[1] : r.oh;
    const dims = ow && oh ? { original_width: ow, original_height: oh } : {};
    const spec = r.control ? byName[r.control] : null;
    if (spec) {
      const v = { id: r.id, ...geometry };
      if (spec.label_key) v[spec.label_key] = [...r.labels];
      out[spec.name].push({ ...v, ...dims, ...r.extra });
    }
    const generic = r.labelsControl ? byName[r.labelsControl] : null;
    if (generic && r.labels.length) {
      out[generic.name].push({ id: r.id, ...geometry, labels: [...r.labels], ...dims, ...r.labelsExtra });
    }
  }
  return out;
}

/** How many regions of `control` carry `label` (for maxUsages). */
export function labelUses(regions, control, label, except = null) {
  return regions.filter((r) => r !== except && (r.control === control || r.labelsControl === control) && r.labels.includes(label)).length;
}

/** The maxUsages limit of `label` in control spec `c` (the label's own, else the control's). */
export function usageLimit(c, label) {
  const option = (c.options || []).find((o) => o.value === label);
  return (option && option.max_usages) || c.max_usages || null;
}
