// @ts-check
// Boxes, polygons and keypoints on a task's image, drawn as SVG over it; mirrors
// labelwidget/widgets/image_regions.py. Every gesture is the browser's: drawing, selecting,
// moving, resizing, deleting, relabeling, zooming and panning redraw at frame rate with no
// kernel round trip; only a finished change is sent (`task.edit`), as Label Studio values.
// Images arrive once, as binary messages, and are kept in a page-wide cache; the images of the
// tasks held ahead are asked for before they are shown.
// About 470 lines, one render closure on purpose: its parts are modules already (image cache,
// sizes and layer; region SVG, painter, gestures, edits and panel); what stays is the state they
// all read and write in the same frame (the view's zoom and pan, the selection, the image shown,
// the gesture under way) and the task binding, which would otherwise be threaded through each.
import { isTyping, keyName } from "./_keys.js";
import { bindTask, h } from "./_task_widget.js";
import {
  clamp, clampView, fitView, regionsFromValue, toImage, toPercent, toPixels, toScreen, zoomAt,
} from "./_geometry.js";
import { ARRIVALS, IMAGES, decode, remember, sourceFor, whenImage } from "./_image_cache.js";
import { imageLayer } from "./_image_layer.js";
import { fitPixels, stageHeight } from "./_image_sizes.js";
import { regionEdits } from "./_region_edits.js";
import { regionGestures } from "./_region_gestures.js";
import { regionPainter } from "./_region_painter.js";
import { regionPanel } from "./_region_panel.js";

const ZOOM_STEP = 1.25;

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */
/**
 * @typedef {import("./_contract.js").ImageData} ImageData
 * @typedef {import("./_contract.js").TaskPayload<ImageData>} ImagePayload
 * Messages this widget sends to Python, and those it receives:
 * @typedef {import("./_contract.js").ImagesMsg} ToPython
 * @typedef {import("./_contract.js").ImageMsg} FromPython
 */

/**
 * Synced traits of ImageRegionsWidget (labelwidget/widgets/image_regions.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {import("./_contract.js").RegionControlSpec[]} region_controls
 * @property {number} max_height
 */

/**
 * What the view's parts (js/_*.js modules) share: its model, typed, and its editor state.
 * @typedef {{model: import("@anywidget/types").AnyModel<TaskTraits & Traits>, [key: string]: any}} Editor
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const specs = () => model.get("region_controls") || [];
  const spec = (n) => specs().find((c) => c.name === n) || null;

  // -- DOM ------------------------------------------------------------------------------------
  const bar = h("div", { class: "lw-regions-bar" });
  // The image beneath (an <img>, or a canvas for a bitmap: js/_image_layer.js), the regions
  // over it as SVG (js/_region_svg.js), which takes the pointer. The SVG keeps the class name
  // "lw-regions-canvas" from when it was a <canvas>: tests and tools find the surface by it.
  const image = h("img", { class: "lw-regions-image", alt: "", draggable: "false", hidden: "" });
  const bitmap = h("canvas", { class: "lw-regions-image", hidden: "" });
  const canvas = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  canvas.setAttribute("class", "lw-regions-canvas");
  const base = canvas.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "g"));
  // The region a gesture is changing, on top: a pointer move redraws it alone.
  const live = canvas.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "g"));
  const notice = h("div", { class: "lw-regions-notice", role: "status" });
  const stage = h("div", { class: "lw-regions-stage", tabindex: "0", "data-lw-focus-target": "", "data-lm-suppress-shortcuts": "true", "aria-label": `image ${name}` }, [image, bitmap, canvas, notice]);
  const hint = h("div", { class: "lw-regions-hint" });
  const list = h("div", { class: "lw-regions-list" });
  const zoomLabel = h("span", { class: "lw-regions-zoom-level", text: "fit" });
  const zoomBar = h("span", { class: "lw-regions-zoom" }, [
    h("button", { type: "button", class: "lw-button lw-zoom-out", title: "Zoom out (Ctrl+wheel)", text: "−", onclick: () => zoomBy(1 / ZOOM_STEP) }),
    zoomLabel,
    h("button", { type: "button", class: "lw-button lw-zoom-in", title: "Zoom in (Ctrl+wheel)", text: "+", onclick: () => zoomBy(ZOOM_STEP) }),
    h("button", { type: "button", class: "lw-button lw-zoom-fit", title: "Fit the image", text: "Fit", onclick: () => fit() }),
  ]);
  // Any click in this view (labels, zoom buttons, the region list) gives the stage focus, so
  // Space+drag pans, Esc deselects and Delete removes after it (see keepFocus).
  const root = h("div", { class: "lw-object lw-regions", "data-object": name, "data-lw-focus-scope": "" }, [bar, stage, hint, list]);
  el.append(root);
  const layer = imageLayer(/** @type {HTMLImageElement} */ (image), /** @type {HTMLCanvasElement} */ (bitmap));
  const font = getComputedStyle(root).fontFamily || "sans-serif";

  // -- state ----------------------------------------------------------------------------------
  // What the editor's parts (edits, gestures, painter, panel) share; see _region_*.js.
  const ed = /** @type {Editor} */ ({
    model,
    taskKey: null,
    payload: /** @type {ImagePayload | null} */ (null),
    imageId: null, // key or URL of the image shown
    image: null, // {img, w, h} once decoded
    problem: null, // text of an image error
    regions: [],
    selected: null, // region id
    hover: null, // {id, handle}
    active: null, // {control, label}: the label new regions get (labels and generic controls)
    tool: null, // name of the tool control (kind "tool") in use; labels controls imply theirs
    view: null,
    zoomed: false,
    stageSize: [0, 0],
    gesture: null, // the drag in progress
    polygon: null, // {control, points: [[x%, y%]], labels, labelsControl} while placing points
    pointer: null, // last pointer position, screen
    spaceDown: false,
    flash: "", // a message shown in the hint for a few seconds
    flashTimer: 0,
    task: null,
  });
  let frame = 0;
  const requested = new Map(); // key -> time asked

  const size = () => (ed.image ? [ed.image.w, ed.image.h] : ed.payload && ed.payload.data && ed.payload.data.image ? [ed.payload.data.image.width, ed.payload.data.image.height] : null);
  const W = () => size()[0];
  const H = () => size()[1];
  const regionById = (id) => ed.regions.find((r) => r.id === id) || null;
  // A control's options: its own, then those its task reads from a column.
  const optionsOf = (c) => {
    const extra = (ed.payload && ed.payload.data && ed.payload.data.options && ed.payload.data.options[c.name]) || [];
    return (c.options || []).concat(extra.filter((v) => !(c.options || []).some((o) => o.value === v)).map((v) => ({ value: v, label: v })));
  };
  const specWithOptions = (c) => (c ? { ...c, options: optionsOf(c) } : c);

  // The control whose geometry a new region gets, and its shape.
  function drawingControl() {
    if (ed.active) {
      const c = spec(ed.active.control);
      if (c && c.kind === "labels") return c;
    }
    if (ed.tool) return spec(ed.tool);
    const tools = specs().filter((c) => c.kind === "tool");
    if (tools.length === 1 && (!specs().some((c) => c.kind === "labels") || (ed.active && spec(ed.active.control).kind === "generic"))) return tools[0];
    return null;
  }
  const drawingShape = () => {
    const c = drawingControl();
    return c ? c.shape : null;
  };

  // -- images ---------------------------------------------------------------------------------
  function imageKeyOf(p) {
    if (!p || !p.data) return null;
    if (p.data.image) return p.data.image.key;
    if (p.data.url) return p.data.url;
    return null;
  }

  /** @param {ToPython} msg */
  const ask = (msg) => model.send(msg);
  function requestImages() {
    const tasks = /** @type {Record<string, ImagePayload>} */ (model.get("tasks") || {});
    const order = [ed.taskKey, ...Object.keys(tasks).filter((k) => k !== ed.taskKey)];
    const keys = [];
    const now = performance.now();
    for (const k of order) {
      const p = tasks[k];
      if (!p || !p.data) continue;
      // An Image with valueList holds one image per item (all of them are fetched ahead).
      for (const data of Array.isArray(p.data.items) ? p.data.items : [p.data]) {
        if (!data) continue;
        if (data.url) {
          if (!IMAGES.has(data.url) && !requested.has(data.url)) {
            requested.set(data.url, now);
            decode(data.url, data.url, `cannot load image ${data.url}`);
          }
          continue;
        }
        const key = data.image && data.image.key;
        if (!key || IMAGES.has(key)) continue;
        const asked = requested.get(key);
        if (asked !== undefined && now - asked < 15000) continue;
        requested.set(key, now);
        keys.push(key);
      }
    }
    if (keys.length) ask({ type: "images", keys });
  }

  /** @param {FromPython} msg @param {DataView<ArrayBuffer>[]} buffers */
  function onCustom(msg, buffers) {
    if (!msg || msg.type !== "image") return;
    if (IMAGES.has(msg.key)) return;
    if (msg.error) return remember(msg.key, { error: msg.error });
    const buffer = buffers && buffers[0];
    if (!buffer) return;
    const blob = new Blob([buffer], { type: msg.mime || "image/png" });
    // Decoded (off the main thread) at the size this view shows it at, before its task is shown.
    const size = msg.width && msg.height ? /** @type {[number, number]} */ ([msg.width, msg.height]) : null;
    const fit = size ? fitPixels(stageWidth(), model.get("max_height") || 620, size[0], size[1], window.devicePixelRatio || 1) : null;
    decode(msg.key, blob, "the image could not be decoded by the browser", { size, fit });
  }
  model.on("msg:custom", onCustom);

  function showImage() {
    const data = ed.payload && ed.payload.data;
    const id = imageKeyOf(ed.payload) || (data && data.error ? `!${data.error}` : null);
    if (id && id === ed.imageId && (ed.image || ed.problem)) return;
    ed.imageId = id;
    ed.image = null;
    ed.problem = null;
    ed.view = null;
    ed.zoomed = false;
    if (!ed.payload) {
      say("…");
    } else if (data.error) {
      ed.problem = data.error;
    } else if (id) {
      say("loading image…");
      whenImage(id, (entry) => {
        if (ed.imageId !== id) return;
        if (entry.error) ed.problem = entry.error;
        else ed.image = { entry, img: entry.img, w: data.image ? data.image.width : entry.w, h: data.image ? data.image.height : entry.h };
        layout();
        ed.drawList();
        redraw();
      });
    }
    layout();
  }

  // -- layout and view ------------------------------------------------------------------------
  const stageWidth = () => Math.max(120, Math.floor(stage.clientWidth || root.clientWidth || 640));
  function layout() {
    const width = stageWidth();
    const sz = size();
    const maxH = model.get("max_height") || 620;
    const height = ed.problem || !sz ? 160 : stageHeight(width, maxH, sz[0], sz[1]);
    if (width !== ed.stageSize[0] || height !== ed.stageSize[1]) {
      ed.stageSize = [width, height];
      canvas.setAttribute("width", String(width));
      canvas.setAttribute("height", String(height));
      if (!ed.zoomed) ed.view = null;
    }
    if (ed.problem) {
      canvas.style.display = "none";
      layer.draw(null, null, ed.stageSize);
      say(`row ${ed.taskKey}: ${ed.problem}`, true);
    } else {
      canvas.style.display = "";
      if (ed.image) say("");
    }
    if (ed.image && !ed.view) ed.view = fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
    drawZoom();
  }

  function fitScale() {
    return ed.image ? fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h).scale : 1;
  }

  function zoomBy(factor, at = null) {
    if (!ed.image || !ed.view) return;
    const s = at || [ed.stageSize[0] / 2, ed.stageSize[1] / 2];
    const base = fitScale();
    ed.view = clampView(zoomAt(ed.view, factor, s, base * 0.5, Math.max(base * 40, 20)), ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
    ed.zoomed = true;
    drawZoom();
    redraw();
  }

  function fit() {
    ed.zoomed = false;
    ed.view = ed.image ? fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h) : null;
    drawZoom();
    redraw();
  }

  function drawZoom() {
    zoomLabel.textContent = ed.view && ed.image ? `${Math.round((ed.view.scale / fitScale()) * 100)}%` : "fit";
  }

  function say(text, error = false) {
    notice.textContent = text;
    notice.className = `lw-regions-notice${error ? " lw-error" : ""}`;
    notice.hidden = !text;
  }

  // -- coordinates ----------------------------------------------------------------------------
  function screenOf(event) {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * ed.stageSize[0]) / rect.width, ((event.clientY - rect.top) * ed.stageSize[1]) / rect.height];
  }
  const pixelOf = (s) => toImage(ed.view, s); // image pixels, unclamped
  const percentOf = (p) => [toPercent(p[0], W()), toPercent(p[1], H())];
  const screenOfPercent = (q) => toScreen(ed.view, [toPixels(q[0], W()), toPixels(q[1], H())]);
  const clampPixel = (p) => [clamp(p[0], 0, W()), clamp(p[1], 0, H())];
  const snapOf = (c) => (c && c.snap) || "none";

  // The editor's parts share `ed`: its state and the helpers above, then each part's own.
  Object.assign(ed, {
    model, el, root, stage, canvas, base, live, layer, font, bar, hint, list, zoomBar,
    specs, spec, size, W, H, regionById, optionsOf, specWithOptions, drawingControl, drawingShape,
    redraw, zoomBy, screenOf, pixelOf, percentOf, screenOfPercent, clampPixel, snapOf,
  });
  Object.assign(ed, regionEdits(ed), regionGestures(ed), regionPainter(ed), regionPanel(ed));

  // -- keys -----------------------------------------------------------------------------------
  // Keys come through the toolbar's `hotkey` event. While a polygon is being placed, Enter,
  // Escape and Backspace belong to it, before the toolbar (Enter would submit the task).
  function onKeyDown(event) {
    if (isTyping(event.target)) return;
    if (event.key === " ") {
      ed.spaceDown = true;
      canvas.style.cursor = "grab";
      event.preventDefault();
      return;
    }
    if (ed.polygon && ["Enter", "Escape", "Backspace", "Delete"].includes(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Enter") ed.closePolygon();
      else if (event.key === "Escape") ed.cancelPolygon();
      else {
        ed.polygon.points.pop();
        if (!ed.polygon.points.length) ed.polygon = null;
        redraw();
      }
      return;
    }
    if (!standalone()) return;
    // Without an Annotator around (no toolbar), this view reads its own keys.
    if (hotkey(keyName(event))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
  function onKeyUp(event) {
    if (event.key === " ") {
      ed.spaceDown = false;
      canvas.style.cursor = ed.cursorFor(ed.hover);
    }
  }
  const standalone = () => !el.closest(".lw-annotator");
  stage.addEventListener("keydown", onKeyDown);
  stage.addEventListener("keyup", onKeyUp);
  stage.addEventListener("blur", () => (ed.spaceDown = false));

  function hotkey(key) {
    if (key === "delete" || key === "backspace") {
      if (ed.polygon) {
        ed.polygon.points.pop();
        if (!ed.polygon.points.length) ed.polygon = null;
        redraw();
        return true;
      }
      return ed.deleteSelected();
    }
    if (key === "escape") {
      if (ed.cancelPolygon()) return true;
      if (ed.gesture) {
        ed.gesture = null;
        redraw();
        return true;
      }
      if (ed.selected) {
        ed.selected = null;
        ed.drawList();
        redraw();
        return true;
      }
      return false;
    }
    for (const c of specs()) {
      for (const o of optionsOf(c)) {
        if (o.hotkey && o.hotkey.toLowerCase() === key) {
          ed.pickLabel(c.name, o.value);
          return true;
        }
      }
    }
    return false;
  }

  // -- drawing --------------------------------------------------------------------------------
  function redraw() {
    // Per-region controls follow a new selection now, so they are drawn in the same frame as
    // the canvas (said in paint() alone, they changed in that frame's rAF and showed a frame
    // later: benchmarks/per_region.py).
    if (ed.announce) ed.announce();
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      pickCopy();
      ed.paint();
    });
  }

  // The decoded copy of the image that is sharp at this zoom (js/_image_cache.js); a sharper one
  // may be on its way, and the view redraws when it is.
  function pickCopy() {
    if (!ed.image || !ed.view || !ed.image.entry) return;
    const need = ed.image.w * ed.view.scale * (window.devicePixelRatio || 1);
    ed.image.img = sourceFor(ed.image.entry, need, redraw);
    // How many pixels across the drawn copy has (tests and tools read it: a zoom gets sharper).
    root.dataset.copy = String(ed.image.img.width || ed.image.w);
  }

  // The labels of a region as shown: a label's name, where the cell stores its alias.
  // -- the task contract ----------------------------------------------------------------------
  function show(p, value) {
    const key = ed.task ? ed.task.task() : model.get("task");
    const switched = key !== ed.taskKey;
    ed.taskKey = key;
    ed.payload = p;
    if (switched) {
      ed.selected = null;
      ed.hover = null;
      ed.polygon = null;
      ed.gesture = null;
      if (ed.active && !optionsOf(spec(ed.active.control) || { options: [] }).some((o) => o.value === ed.active.label)) ed.active = null;
    }
    ed.regions = regionsFromValue(value || {}, specs());
    if (ed.selected && !regionById(ed.selected)) ed.selected = null;
    showImage();
    layout(); // the error text names the row shown
    requestImages();
    ed.drawBar();
    ed.drawList();
    redraw();
  }

  ed.task = bindTask(model, el, {
    render: show,
    hotkey: (key) => hotkey(key),
    missing(value) {
      // Nobody saw the image: the task cannot be submitted as done (skip it instead).
      const out = ed.problem ? [`the image cannot be shown (${ed.problem}); skip this task instead`] : [];
      for (const c of specs()) {
        const v = value[c.name];
        if (c.required && !(Array.isArray(v) && v.length)) out.push(c.required_message || `draw at least one region for ${c.name}`);
      }
      return out;
    },
  });
  // The first render ran inside bindTask; preselected labels (<Label selected="true">) apply now.
  for (const c of specs()) {
    const o = (c.options || []).find((x) => x.selected);
    if (o && !ed.active) ed.active = { control: c.name, label: o.value };
  }
  ed.drawBar();

  const onTasks = () => requestImages();
  model.on("change:tasks", onTasks);
  const resize = new ResizeObserver(() => {
    layout();
    redraw();
  });
  resize.observe(root);
  // How many of the tasks held in the browser have their image here too (data-images): tools
  // and tests read it instead of guessing how long the prefetch takes.
  const countHeld = () => {
    const tasks = model.get("tasks") || {};
    root.dataset.images = String(Object.values(tasks).filter((p) => IMAGES.has(imageKeyOf(p))).length);
  };
  ARRIVALS.add(countHeld);
  model.on("change:tasks", countHeld);
  countHeld();
  layout();
  redraw();

  return () => {
    ed.task.dispose();
    ed.reporter.dispose();
    ARRIVALS.delete(countHeld);
    model.off("change:tasks", countHeld);
    resize.disconnect();
    model.off("change:tasks", onTasks);
    model.off("msg:custom", onCustom);
    if (frame) cancelAnimationFrame(frame);
  };
}

export default { render };
