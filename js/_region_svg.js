// @ts-check
// An image's regions drawn as SVG over the image (js/_image_layer.js); part of
// js/image_regions.js. Each region is a few SVG elements whose attributes are set only when
// they change, so the browser repaints only what moved. A drag sets the attributes of the one
// region it changes, in the pointer move's handler: the frame that dispatches the move shows
// it. A <canvas> here cost every frame of a drag a full-stage repaint, even a canvas nobody
// drew on (Chromium produced each composited canvas again at every commit): about 10 ms of
// software compositing per frame against 1-2 ms now, in traces (benchmarks/README.md, "drag").

const NS = "http://www.w3.org/2000/svg";

/**
 * How a region looks, in stage (CSS) px; the painter builds it (js/_region_painter.js).
 * @typedef {Object} Look
 * @property {number[][]} [path] outline points (rectangles, polygons, a polygon being placed)
 * @property {boolean} [open] an open line (the polygon being placed), not a closed outline
 * @property {string} color
 * @property {string} [fill]
 * @property {number} [width] outline width
 * @property {number[] | null} [dash]
 * @property {{x: number, y: number, r: number, fill: string, stroke: string, width: number}[]} [dots]
 *   keypoints and a placed polygon's vertices
 * @property {{x: number, top: number, w: number, text: string} | null} [tag] the label tag
 * @property {number[][]} [handles] resize handles' centres
 */

const r1 = (v) => Math.round(v * 100) / 100;

/** @param {number[][]} pts @param {boolean} [open] */
export function pathData(pts, open = false) {
  return pts.map(([x, y], i) => `${i ? "L" : "M"}${r1(x)} ${r1(y)}`).join(" ") + (pts.length && !open ? " Z" : "");
}

const NONE = { display: "none" };

/**
 * The attributes of one region's elements for a look (null: nothing shown). Pure, so what
 * the SVG shows can be checked without a browser (js/tests/region_svg.test.mjs).
 * @param {Look | null} look
 * @param {number} handle half size of a handle
 */
export function lookAttrs(look, handle) {
  if (!look) return { shape: NONE, tagBox: NONE, tagText: NONE, text: "", dots: [], handles: [] };
  const shape = look.path && look.path.length
    ? { display: "inline", d: pathData(look.path, look.open), fill: look.open ? "none" : look.fill || "none", stroke: look.color,
        "stroke-width": look.width || 2, "stroke-dasharray": look.dash && look.dash.length ? look.dash.join(" ") : "none" }
    : NONE;
  const t = look.tag;
  return {
    shape,
    tagBox: t ? { display: "inline", x: r1(t.x), y: r1(t.top), width: r1(t.w), height: 16, fill: look.color } : NONE,
    tagText: t ? { display: "inline", x: r1(t.x + 4), y: r1(t.top + 12) } : NONE,
    text: t ? t.text : "",
    dots: (look.dots || []).map((d) => ({ cx: r1(d.x), cy: r1(d.y), r: d.r, fill: d.fill, stroke: d.stroke, "stroke-width": d.width })),
    handles: (look.handles || []).map(([x, y]) => ({
      x: r1(x - handle), y: r1(y - handle), width: handle * 2, height: handle * 2, fill: "#fff", stroke: look.color, "stroke-width": 1.5,
    })),
  };
}

/**
 * Looks drawn in order into an SVG group, reusing its elements.
 * @param {Element} group
 * @param {string} font the view's font family
 * @param {number} handle half size of a resize handle
 */
export function svgLooks(group, font, handle) {
  const make = (tag, parent) => parent.appendChild(document.createElementNS(NS, tag));
  const last = new WeakMap(); // element -> attributes as last set
  function set(node, attrs) {
    let was = last.get(node);
    if (!was) last.set(node, (was = {}));
    for (const [k, v] of Object.entries(attrs)) {
      const s = String(v);
      if (was[k] !== s) {
        node.setAttribute(k, s);
        was[k] = s;
      }
    }
  }
  function fit(parent, n, tag) {
    while (parent.childNodes.length > n) parent.lastChild.remove();
    while (parent.childNodes.length < n) make(tag, parent);
  }
  const units = [];
  function unit() {
    const g = make("g", group);
    const shape = make("path", g);
    const dots = make("g", g);
    const tagBox = make("rect", g);
    const tagText = make("text", g);
    tagText.setAttribute("fill", "#fff");
    tagText.setAttribute("style", `font: 12px ${font}`);
    const handles = make("g", g);
    return { g, shape, dots, tagBox, tagText, handles };
  }
  return {
    /** @param {(Look | null)[]} looks */
    show(looks) {
      const shown = looks.filter(Boolean);
      while (units.length > shown.length) units.pop().g.remove();
      while (units.length < shown.length) units.push(unit());
      shown.forEach((look, i) => {
        const u = units[i];
        const a = lookAttrs(look, handle);
        set(u.shape, a.shape);
        set(u.tagBox, a.tagBox);
        set(u.tagText, a.tagText);
        if (u.tagText.textContent !== a.text) u.tagText.textContent = a.text; // text, never markup
        fit(u.dots, a.dots.length, "circle");
        a.dots.forEach((d, j) => set(u.dots.childNodes[j], d));
        fit(u.handles, a.handles.length, "rect");
        a.handles.forEach((h, j) => set(u.handles.childNodes[j], h));
      });
    },
  };
}
