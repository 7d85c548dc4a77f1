// @ts-check
// Boxes, polygons and keypoints on a task's image, drawn on a canvas; mirrors
// labelwidget/widgets/image_regions.py. Every gesture is the browser's: drawing, selecting,
// moving, resizing, deleting, relabeling, zooming and panning redraw at frame rate with no
// kernel round trip; only a finished change is sent (`task.edit`), as Label Studio values.
// Images arrive once, as binary messages, and are kept in a page-wide cache; the images of the
// tasks held ahead are asked for before they are shown.
import { bindTask, h, isTyping, keyLabel, keyName, regionAnnouncer, regionReporter } from "./_task_widget.js";
import {
  boxContains, boxCorners, boxFromCorners, boxHandles, clamp, clampPoint, clampView, cropBox,
  distance, fitView, labelUses, moveBox, movePolygon, newId, polygonContains, regionArea,
  regionsFromValue, resizeBox, snapPoint, toImage, toPercent, toPixels, toScreen, usageLimit,
  valueFromRegions, zoomAt,
} from "./_geometry.js";

const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#808000"];
const DEFAULT_TOOL_COLOR = "#f48a42";
const HANDLE = 5; // half size of a resize handle, CSS px
const HIT = 6; // pointer slack for edges, vertices and points, CSS px
const POINT = 5; // keypoint radius, CSS px
const MIN_DRAG = 3; // a press that moves less than this is a click, CSS px
const ZOOM_STEP = 1.25;
const CURSORS = { nw: "nwse-resize", se: "nwse-resize", ne: "nesw-resize", sw: "nesw-resize", n: "ns-resize", s: "ns-resize", e: "ew-resize", w: "ew-resize" };

// -- page-wide image cache: key -> {img, url, w, h} or {error} ---------------------------------
const IMAGES = new Map();
const KEEP_IMAGES = 48;
const waiting = new Map(); // key -> Set of callbacks

function remember(key, entry) {
  IMAGES.delete(key);
  IMAGES.set(key, entry);
  while (IMAGES.size > KEEP_IMAGES) {
    const [oldest, old] = IMAGES.entries().next().value;
    IMAGES.delete(oldest);
    if (old.blob) URL.revokeObjectURL(old.url);
  }
  for (const fn of waiting.get(key) || []) fn(entry);
  waiting.delete(key);
  for (const fn of ARRIVALS) fn();
}

// Editors told of every image that arrives (to show how many of their tasks are held ahead).
const ARRIVALS = new Set();

function whenImage(key, fn) {
  if (IMAGES.has(key)) return fn(IMAGES.get(key));
  if (!waiting.has(key)) waiting.set(key, new Set());
  waiting.get(key).add(fn);
}

function decode(key, url, blob, describe) {
  const img = new Image();
  img.decoding = "async";
  img.src = url;
  img.decode().then(
    () => remember(key, { img, url, blob, w: img.naturalWidth, h: img.naturalHeight }),
    () => {
      if (blob) URL.revokeObjectURL(url);
      remember(key, { error: describe });
    },
  );
}

function colorOf(spec, label, index) {
  const option = spec && (spec.labels || []).find((o) => o.value === label);
  if (option && option.background) return option.background;
  if (spec && spec.color && !label) return spec.color;
  if (!label) return DEFAULT_TOOL_COLOR;
  const i = option ? spec.labels.indexOf(option) : index;
  return PALETTE[Math.abs(i) % PALETTE.length];
}

function render({ model, el }) {
  const name = model.get("name");
  const specs = () => model.get("region_controls") || [];
  const spec = (n) => specs().find((c) => c.name === n) || null;

  // -- DOM ------------------------------------------------------------------------------------
  const bar = h("div", { class: "lw-regions-bar" });
  const canvas = h("canvas", { class: "lw-regions-canvas" });
  const notice = h("div", { class: "lw-regions-notice", role: "status" });
  const stage = h("div", { class: "lw-regions-stage", tabindex: "0", "data-lw-focus-target": "", "data-lm-suppress-shortcuts": "true", "aria-label": `image ${name}` }, [canvas, notice]);
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
  const ctx = canvas.getContext("2d");
  const font = getComputedStyle(root).fontFamily || "sans-serif";

  // -- state ----------------------------------------------------------------------------------
  let taskKey = null;
  let payload = null;
  let imageId = null; // key or URL of the image shown
  let image = null; // {img, w, h} once decoded
  let problem = null; // text of an image error
  let regions = [];
  let selected = null; // region id
  let hover = null; // {id, handle}
  let active = null; // {control, label}: the label new regions get (labels and generic controls)
  let tool = null; // name of the tool control (kind "tool") in use; labels controls imply theirs
  let view = null;
  let zoomed = false;
  let stageSize = [0, 0];
  let gesture = null; // the drag in progress
  let polygon = null; // {control, points: [[x%, y%]], labels, labelsControl} while placing points
  let pointer = null; // last pointer position, screen
  let spaceDown = false;
  let frame = 0;
  let flash = "";
  let flashTimer = 0;
  const requested = new Map(); // key -> time asked
  let task = null;

  const size = () => (image ? [image.w, image.h] : payload && payload.data && payload.data.image ? [payload.data.image.width, payload.data.image.height] : null);
  const W = () => size()[0];
  const H = () => size()[1];
  const regionById = (id) => regions.find((r) => r.id === id) || null;
  const labelsOf = (c) => {
    const extra = (payload && payload.data && payload.data.labels && payload.data.labels[c.name]) || [];
    return (c.labels || []).concat(extra.filter((v) => !(c.labels || []).some((o) => o.value === v)).map((v) => ({ value: v, label: v })));
  };
  const specWithLabels = (c) => (c ? { ...c, labels: labelsOf(c) } : c);

  // The control whose geometry a new region gets, and its shape.
  function drawingControl() {
    if (active) {
      const c = spec(active.control);
      if (c && c.kind === "labels") return c;
    }
    if (tool) return spec(tool);
    const tools = specs().filter((c) => c.kind === "tool");
    if (tools.length === 1 && (!specs().some((c) => c.kind === "labels") || (active && spec(active.control).kind === "generic"))) return tools[0];
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

  function requestImages() {
    const tasks = model.get("tasks") || {};
    const order = [taskKey, ...Object.keys(tasks).filter((k) => k !== taskKey)];
    const keys = [];
    const now = performance.now();
    for (const k of order) {
      const p = tasks[k];
      if (!p || !p.data) continue;
      if (p.data.url) {
        if (!IMAGES.has(p.data.url) && !requested.has(p.data.url)) {
          requested.set(p.data.url, now);
          decode(p.data.url, p.data.url, false, `cannot load image ${p.data.url}`);
        }
        continue;
      }
      const key = p.data.image && p.data.image.key;
      if (!key || IMAGES.has(key)) continue;
      const asked = requested.get(key);
      if (asked !== undefined && now - asked < 15000) continue;
      requested.set(key, now);
      keys.push(key);
    }
    if (keys.length) model.send({ type: "images", keys });
  }

  function onCustom(msg, buffers) {
    if (!msg || msg.type !== "image") return;
    if (IMAGES.has(msg.key)) return;
    if (msg.error) return remember(msg.key, { error: msg.error });
    const buffer = buffers && buffers[0];
    if (!buffer) return;
    const blob = new Blob([buffer], { type: msg.mime || "image/png" });
    decode(msg.key, URL.createObjectURL(blob), true, "the image could not be decoded by the browser");
  }
  model.on("msg:custom", onCustom);

  function showImage() {
    const data = payload && payload.data;
    const id = imageKeyOf(payload) || (data && data.error ? `!${data.error}` : null);
    if (id && id === imageId && (image || problem)) return;
    imageId = id;
    image = null;
    problem = null;
    view = null;
    zoomed = false;
    if (!payload) {
      say("…");
    } else if (data.error) {
      problem = data.error;
    } else if (id) {
      say("loading image…");
      whenImage(id, (entry) => {
        if (imageId !== id) return;
        if (entry.error) problem = entry.error;
        else image = { img: entry.img, w: data.image ? data.image.width : entry.w, h: data.image ? data.image.height : entry.h };
        layout();
        drawList();
        redraw();
      });
    }
    layout();
  }

  // -- layout and view ------------------------------------------------------------------------
  function layout() {
    const width = Math.max(120, Math.floor(stage.clientWidth || root.clientWidth || 640));
    const sz = size();
    const maxH = model.get("max_height") || 620;
    const height = problem || !sz ? 160 : Math.round(clamp((width * sz[1]) / sz[0], 120, maxH));
    if (width !== stageSize[0] || height !== stageSize[1]) {
      stageSize = [width, height];
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      if (!zoomed) view = null;
    }
    if (problem) {
      canvas.hidden = true;
      say(`row ${taskKey}: ${problem}`, true);
    } else {
      canvas.hidden = false;
      if (image) say("");
    }
    if (image && !view) view = fitView(stageSize[0], stageSize[1], image.w, image.h);
    drawZoom();
  }

  function fitScale() {
    return image ? fitView(stageSize[0], stageSize[1], image.w, image.h).scale : 1;
  }

  function zoomBy(factor, at = null) {
    if (!image || !view) return;
    const s = at || [stageSize[0] / 2, stageSize[1] / 2];
    const base = fitScale();
    view = clampView(zoomAt(view, factor, s, base * 0.5, Math.max(base * 40, 20)), stageSize[0], stageSize[1], image.w, image.h);
    zoomed = true;
    drawZoom();
    redraw();
  }

  function fit() {
    zoomed = false;
    view = image ? fitView(stageSize[0], stageSize[1], image.w, image.h) : null;
    drawZoom();
    redraw();
  }

  function drawZoom() {
    zoomLabel.textContent = view && image ? `${Math.round((view.scale / fitScale()) * 100)}%` : "fit";
  }

  function say(text, error = false) {
    notice.textContent = text;
    notice.className = `lw-regions-notice${error ? " lw-error" : ""}`;
    notice.hidden = !text;
  }

  // -- coordinates ----------------------------------------------------------------------------
  function screenOf(event) {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * stageSize[0]) / rect.width, ((event.clientY - rect.top) * stageSize[1]) / rect.height];
  }
  const pixelOf = (s) => toImage(view, s); // image pixels, unclamped
  const percentOf = (p) => [toPercent(p[0], W()), toPercent(p[1], H())];
  const screenOfPercent = (q) => toScreen(view, [toPixels(q[0], W()), toPixels(q[1], H())]);
  const clampPixel = (p) => [clamp(p[0], 0, W()), clamp(p[1], 0, H())];
  const snapOf = (c) => (c && c.snap) || "none";

  // -- hit testing ----------------------------------------------------------------------------
  function handlesOf(r) {
    if (r.shape === "rectangle") return boxHandles(r, W(), H());
    if (r.shape === "polygon") return r.points.map((q, i) => ({ name: `v${i}`, x: toPixels(q[0], W()), y: toPixels(q[1], H()) }));
    return [];
  }

  function hitTest(s) {
    if (!image || !view) return null;
    const p = pixelOf(s);
    const slack = HIT / view.scale;
    const sel = regionById(selected);
    if (sel) {
      for (const hd of handlesOf(sel)) {
        if (distance(toScreen(view, [hd.x, hd.y]), s) <= HANDLE + 2) return { id: sel.id, handle: hd.name };
      }
    }
    let best = null;
    for (const r of regions) {
      let inside = false;
      if (r.shape === "rectangle") inside = boxContains(r, p, W(), H(), slack);
      else if (r.shape === "polygon") inside = polygonContains(r.points, p, W(), H()) || r.points.some((q) => distance(screenOfPercent(q), s) <= HIT);
      else inside = distance(screenOfPercent([r.x, r.y]), s) <= POINT + HIT;
      if (!inside) continue;
      const area = regionArea(r, W(), H());
      if (!best || area < best.area || (area === best.area && r.id === selected)) best = { id: r.id, area };
    }
    return best ? { id: best.id, handle: null } : null;
  }

  // -- editing --------------------------------------------------------------------------------
  function commit() {
    const value = valueFromRegions(regions, specs(), size());
    task.edit(value, { render: false });
    drawList();
    redraw();
  }

  function tell(text) {
    flash = text;
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => {
      flash = "";
      drawHint();
    }, 3500);
    drawHint();
  }

  // The labels a new region gets, or null (with a message) when it may not be drawn.
  function labelsForNew(c) {
    if (c.kind === "labels") {
      if (!active || active.control !== c.name) return null;
      const limit = usageLimit(specWithLabels(c), active.label);
      if (limit && labelUses(regions, c.name, active.label) >= limit) {
        tell(`“${active.label}” is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [active.label], labelsControl: null };
    }
    if (active && spec(active.control) && spec(active.control).kind === "generic") {
      const g = specWithLabels(spec(active.control));
      const limit = usageLimit(g, active.label);
      if (limit && labelUses(regions, g.name, active.label) >= limit) {
        tell(`“${active.label}” is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [active.label], labelsControl: g.name };
    }
    const generic = specs().find((x) => x.kind === "generic");
    return { labels: [], labelsControl: generic ? generic.name : null };
  }

  function addRegion(c, geometry, labelling) {
    const r = { id: newId(), control: c.name, extra: {}, labelsExtra: {}, ow: W(), oh: H(), ...labelling, ...geometry };
    regions.push(r);
    // As in Label Studio, a new region is not selected: picking the next label arms the next
    // region instead of relabeling this one (Airplane, draw; Car, draw). A click selects it.
    selected = null;
    commit();
    return r;
  }

  function deleteSelected() {
    const r = regionById(selected);
    if (!r) return false;
    regions = regions.filter((x) => x !== r);
    selected = null;
    hover = null;
    commit();
    return true;
  }

  // Apply a label to the selected region; false when the label does not fit it.
  function relabel(r, c, label) {
    const own = r.control === c.name && c.kind === "labels";
    const generic = c.kind === "generic" && (!r.control || spec(r.control).kind === "tool");
    if (!own && !generic) return false;
    const full = specWithLabels(c);
    let labels;
    if (c.choice === "multiple") {
      labels = r.labels.includes(label) ? r.labels.filter((x) => x !== label) : [...r.labels, label];
      if (own && !labels.length) return true; // a labeled region keeps at least one label
    } else {
      labels = [label];
      if (r.labels.length === 1 && r.labels[0] === label) return true;
    }
    if (!r.labels.includes(label)) {
      const limit = usageLimit(full, label);
      if (limit && labelUses(regions, c.name, label, r) >= limit) {
        tell(`“${label}” is already used ${limit} time(s) (maxUsages)`);
        return true;
      }
    }
    r.labels = labels;
    if (generic) r.labelsControl = labels.length ? c.name : r.labelsControl;
    commit();
    return true;
  }

  // A label picked by click or hotkey: relabel the selection, else make it the drawing label.
  function pickLabel(controlName, label) {
    const c = spec(controlName);
    if (!c) return;
    const r = regionById(selected);
    if (r && relabel(r, c, label)) {
      drawBar();
      return;
    }
    cancelPolygon();
    selected = null;
    if (active && active.control === controlName && active.label === label) active = null;
    else active = { control: controlName, label };
    if (c.kind === "labels") tool = null;
    drawBar();
    drawList();
    redraw();
  }

  function pickTool(controlName) {
    cancelPolygon();
    tool = tool === controlName ? null : controlName;
    if (active && spec(active.control) && spec(active.control).kind === "labels") active = null;
    drawBar();
    redraw();
  }

  function cancelPolygon() {
    if (!polygon) return false;
    polygon = null;
    redraw();
    return true;
  }

  function closePolygon() {
    if (!polygon) return false;
    if (polygon.points.length < 3) {
      tell("a polygon needs at least 3 points");
      return true;
    }
    const c = spec(polygon.control);
    const done = polygon;
    polygon = null;
    addRegion(c, { shape: "polygon", points: done.points }, { labels: done.labels, labelsControl: done.labelsControl });
    return true;
  }

  // -- pointer --------------------------------------------------------------------------------
  function onPointerDown(event) {
    if (!image || !view) return;
    stage.focus({ preventScroll: true });
    const s = screenOf(event);
    pointer = s;
    if (event.button === 1 || (event.button === 0 && spaceDown)) {
      gesture = { kind: "pan", start: s, view: { ...view } };
      capture(event);
      return;
    }
    if (event.button !== 0) return;
    event.preventDefault();
    const shape = drawingShape();
    const c = drawingControl();
    if (polygon) {
      const first = screenOfPercent(polygon.points[0]);
      if (polygon.points.length >= 3 && distance(first, s) <= HIT + 2) {
        closePolygon();
        return;
      }
      polygon.points.push(percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(polygon.control)))));
      redraw();
      return;
    }
    const hit = hitTest(s);
    if (hit && hit.handle) {
      const r = regionById(hit.id);
      gesture = { kind: "resize", id: r.id, handle: hit.handle, start: s, before: JSON.stringify(r), moved: false };
      capture(event);
      return;
    }
    if (hit && (hit.id === selected || !shape)) {
      const r = regionById(hit.id);
      selected = r.id;
      gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
      capture(event);
      drawList();
      redraw();
      return;
    }
    if (shape) {
      const labelling = labelsForNew(c);
      if (!labelling) return;
      const p = snapPoint(clampPixel(pixelOf(s)), snapOf(c));
      if (shape === "rectangle") {
        gesture = { kind: "draw", control: c.name, start: s, a: percentOf(p), b: percentOf(p), hit, labelling };
        capture(event);
      } else if (shape === "polygon") {
        selected = null;
        polygon = { control: c.name, points: [percentOf(p)], ...labelling };
        drawList();
      } else if (shape === "keypoint") {
        if (hit) {
          selected = hit.id;
          gesture = { kind: "move", id: hit.id, start: s, origin: JSON.parse(JSON.stringify(regionById(hit.id))), moved: false };
          capture(event);
          drawList();
        } else {
          const q = percentOf(p);
          const r = addRegion(c, { shape: "keypoint", x: q[0], y: q[1] }, labelling);
          gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
          capture(event);
        }
      }
      redraw();
      return;
    }
    selected = null;
    drawList();
    if (zoomed) {
      gesture = { kind: "pan", start: s, view: { ...view } };
      capture(event);
    }
    redraw();
  }

  function capture(event) {
    try {
      canvas.setPointerCapture(event.pointerId);
    } catch {
      /* the pointer may be gone already */
    }
  }

  function onPointerMove(event) {
    if (!image || !view) return;
    const s = screenOf(event);
    pointer = s;
    if (!gesture) {
      hover = hitTest(s);
      canvas.style.cursor = cursorFor(hover);
      redraw();
      return;
    }
    const g = gesture;
    const far = distance(s, g.start) >= MIN_DRAG;
    if (g.kind === "pan") {
      view = clampView({ ...g.view, ox: g.view.ox + s[0] - g.start[0], oy: g.view.oy + s[1] - g.start[1] }, stageSize[0], stageSize[1], image.w, image.h);
      zoomed = true;
    } else if (g.kind === "draw") {
      g.b = percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(g.control))));
      g.dragged = g.dragged || far;
    } else if (g.kind === "move" && (far || g.moved)) {
      g.moved = true;
      const r = regionById(g.id);
      const o = g.origin;
      const d = [toPercent((s[0] - g.start[0]) / view.scale, W()), toPercent((s[1] - g.start[1]) / view.scale, H())];
      if (r.shape === "rectangle") Object.assign(r, moveBox(o, d[0], d[1]));
      else if (r.shape === "polygon") r.points = movePolygon(o.points, d[0], d[1]);
      else Object.assign(r, (([x, y]) => ({ x, y }))(clampPoint([o.x + d[0], o.y + d[1]])));
      if (snapOf(spec(r.control)) === "pixel") snapRegion(r);
    } else if (g.kind === "resize" && (far || g.moved)) {
      g.moved = true;
      const r = regionById(g.id);
      const p = snapPoint(pixelOf(s), snapOf(spec(r.control)));
      if (r.shape === "rectangle") {
        const before = JSON.parse(g.before);
        Object.assign(r, resizeBox(before, g.handle, p, W(), H()));
      } else if (r.shape === "polygon") {
        const i = Number(g.handle.slice(1));
        r.points = r.points.map((q, j) => (j === i ? percentOf(clampPixel(p)) : q));
      }
    }
    redraw();
  }

  function snapRegion(r) {
    const round = (v, extent) => toPercent(Math.round(toPixels(v, extent)), extent);
    if (r.shape === "rectangle" || r.shape === "keypoint") {
      r.x = round(r.x, W());
      r.y = round(r.y, H());
    } else if (r.shape === "polygon") {
      r.points = r.points.map(([x, y]) => [round(x, W()), round(y, H())]);
    }
  }

  function onPointerUp(event) {
    const g = gesture;
    gesture = null;
    if (!g) return;
    if (g.kind === "draw") {
      const box = cropBox(boxFromCorners(g.a, g.b));
      const big = toPixels(box.width, W()) * view.scale >= MIN_DRAG && toPixels(box.height, H()) * view.scale >= MIN_DRAG;
      if (g.dragged && big) {
        addRegion(spec(g.control), { shape: "rectangle", ...box }, g.labelling);
      } else {
        selected = g.hit ? g.hit.id : null; // a click: select what is under the pointer
        drawList();
      }
    } else if ((g.kind === "move" || g.kind === "resize") && g.moved) {
      commit();
    }
    if (event && event.type === "pointerup") {
      hover = hitTest(screenOf(event));
      canvas.style.cursor = cursorFor(hover);
    }
    redraw();
  }

  function cursorFor(hit) {
    if (spaceDown || (gesture && gesture.kind === "pan")) return "grabbing";
    if (hit && hit.handle) return CURSORS[hit.handle] || "move";
    if (hit && (hit.id === selected || !drawingShape())) return "move";
    if (drawingShape() || polygon) return "crosshair";
    return zoomed ? "grab" : "default";
  }

  function onWheel(event) {
    if (!(event.ctrlKey || event.metaKey) || !image) return; // a plain wheel scrolls the notebook
    event.preventDefault();
    const factor = Math.exp(-clamp(event.deltaY, -100, 100) / 300);
    zoomBy(factor, screenOf(event));
  }

  canvas.addEventListener("pointerdown", onPointerDown);
  canvas.addEventListener("pointermove", onPointerMove);
  canvas.addEventListener("pointerup", onPointerUp);
  canvas.addEventListener("pointercancel", onPointerUp);
  canvas.addEventListener("dblclick", (event) => {
    if (polygon) {
      event.preventDefault();
      closePolygon();
    }
  });
  canvas.addEventListener("pointerleave", () => {
    if (!gesture) {
      hover = null;
      pointer = null;
      redraw();
    }
  });
  canvas.addEventListener("wheel", onWheel, { passive: false });
  canvas.addEventListener("contextmenu", (event) => event.preventDefault());

  // -- keys -----------------------------------------------------------------------------------
  // Keys come through the toolbar's `hotkey` event. While a polygon is being placed, Enter,
  // Escape and Backspace belong to it, before the toolbar (Enter would submit the task).
  function onKeyDown(event) {
    if (isTyping(event.target)) return;
    if (event.key === " ") {
      spaceDown = true;
      canvas.style.cursor = "grab";
      event.preventDefault();
      return;
    }
    if (polygon && ["Enter", "Escape", "Backspace", "Delete"].includes(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Enter") closePolygon();
      else if (event.key === "Escape") cancelPolygon();
      else {
        polygon.points.pop();
        if (!polygon.points.length) polygon = null;
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
      spaceDown = false;
      canvas.style.cursor = cursorFor(hover);
    }
  }
  const standalone = () => !el.closest(".lw-annotator");
  stage.addEventListener("keydown", onKeyDown);
  stage.addEventListener("keyup", onKeyUp);
  stage.addEventListener("blur", () => (spaceDown = false));

  function hotkey(key) {
    if (key === "delete" || key === "backspace") {
      if (polygon) {
        polygon.points.pop();
        if (!polygon.points.length) polygon = null;
        redraw();
        return true;
      }
      return deleteSelected();
    }
    if (key === "escape") {
      if (cancelPolygon()) return true;
      if (gesture) {
        gesture = null;
        redraw();
        return true;
      }
      if (selected) {
        selected = null;
        drawList();
        redraw();
        return true;
      }
      return false;
    }
    for (const c of specs()) {
      for (const o of labelsOf(c)) {
        if (o.hotkey && o.hotkey.toLowerCase() === key) {
          pickLabel(c.name, o.value);
          return true;
        }
      }
    }
    return false;
  }

  // -- drawing --------------------------------------------------------------------------------
  function redraw() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      paint();
    });
  }

  // The labels of a region as shown: a label's name, where the cell stores its alias.
  function labelText(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const options = c ? labelsOf(c) : [];
    return r.labels.map((v) => {
      const o = options.find((x) => x.value === v);
      return (o && o.label) || v;
    }).join(", ");
  }

  function regionColor(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const label = r.labels[0];
    return colorOf(c && specWithLabels(c), label, 0) || (spec(r.control) && spec(r.control).color) || DEFAULT_TOOL_COLOR;
  }

  // Per-region controls and visibleWhen follow the selection (see _task_widget.js); said once
  // per painted frame, and only when it changed.
  const announcer = regionAnnouncer(model.get("group"), model.get("name"));
  function announce() {
    const describe = (r) => ({ id: r.id, controls: [r.control, r.labelsControl].filter(Boolean), labels: r.labels });
    const sel = regionById(selected);
    announcer(taskKey, sel ? describe(sel) : null, payload ? regions.map(describe) : []);
  }

  function paint() {
    announce();
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, stageSize[0], stageSize[1]);
    if (!image || !view) return;
    // Where the image is on screen (scale = CSS px per original px), for tests and tools.
    root.dataset.view = `${view.scale} ${view.ox} ${view.oy}`;
    root.dataset.size = `${image.w} ${image.h}`;
    ctx.imageSmoothingEnabled = view.scale < 4;
    ctx.drawImage(image.img, view.ox, view.oy, image.w * view.scale, image.h * view.scale);
    const sel = regionById(selected);
    for (const r of regions) if (r !== sel) paintRegion(r, false);
    if (sel) paintRegion(sel, true);
    if (gesture && gesture.kind === "draw" && gesture.dragged) {
      const box = cropBox(boxFromCorners(gesture.a, gesture.b));
      const c = spec(gesture.control);
      const color = colorOf(c && specWithLabels(c), gesture.labelling.labels[0], 0);
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
    if (polygon) paintDraftPolygon();
    reporter.moved(taskKey);
  }

  // Where each region is on screen (its bounding box, clipped to the stage), for relations.
  const reporter = regionReporter(model.get("group"), model.get("name"), (key) => {
    if (key !== taskKey || !image || !view) return [];
    const stage = canvas.getBoundingClientRect();
    const sx = stage.width / (stageSize[0] || 1);
    const sy = stage.height / (stageSize[1] || 1);
    return regions.map((r) => {
      const pts = r.shape === "rectangle" ? boxCorners(r, W(), H()).map((p) => toScreen(view, p)) : r.shape === "polygon" ? r.points.map(screenOfPercent) : [screenOfPercent([r.x, r.y])];
      const xs = pts.map((p) => clamp(p[0], 0, stageSize[0]));
      const ys = pts.map((p) => clamp(p[1], 0, stageSize[1]));
      const left = Math.min(...xs);
      const top = Math.min(...ys);
      return {
        id: r.id, text: labelText(r), label: labelText(r), selected: r.id === selected,
        rect: { left: stage.left + left * sx, top: stage.top + top * sy, width: (Math.max(...xs) - left) * sx, height: (Math.max(...ys) - top) * sy },
      };
    });
  });

  function paintRegion(r, isSelected) {
    const color = regionColor(r);
    const hovered = hover && hover.id === r.id;
    ctx.save();
    ctx.lineWidth = isSelected ? 3 : hovered ? 2.5 : 2;
    ctx.strokeStyle = color;
    ctx.fillStyle = withAlpha(color, isSelected ? 0.28 : hovered ? 0.22 : 0.15);
    let anchor;
    if (r.shape === "rectangle") {
      const pts = boxCorners(r, W(), H()).map((p) => toScreen(view, p));
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
      for (const hd of handlesOf(r)) {
        const [x, y] = toScreen(view, [hd.x, hd.y]);
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
    const c = spec(polygon.control);
    const color = colorOf(c && specWithLabels(c), polygon.labels[0], 0);
    const pts = polygon.points.map(screenOfPercent);
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    path(pointer ? [...pts, pointer] : pts, false);
    ctx.stroke();
    pts.forEach(([x, y], i) => {
      const closing = i === 0 && pts.length >= 3 && pointer && distance(pointer, pts[0]) <= HIT + 2;
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

  // -- bar, list, hint ------------------------------------------------------------------------
  function drawBar() {
    const groups = [];
    const tools = specs().filter((c) => c.kind === "tool");
    for (const c of specs()) {
      if (c.kind === "tool") continue;
      const buttons = labelsOf(c).map((o, i) => {
        const on = active && active.control === c.name && active.label === o.value;
        const color = o.background || PALETTE[i % PALETTE.length];
        return h("button", {
          type: "button",
          class: `lw-option lw-region-label${on ? " lw-on" : ""}`,
          "data-control": c.name,
          "data-value": o.value,
          "aria-pressed": String(Boolean(on)),
          style: { "--lw-accent": color },
          onclick: () => pickLabel(c.name, o.value),
        }, [h("span", { class: "lw-swatch", style: { background: color } }), h("span", { text: o.label || o.value }), o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null]);
      });
      groups.push(h("span", { class: "lw-regions-group", "data-control": c.name }, buttons));
    }
    if (tools.length) {
      groups.push(h("span", { class: "lw-regions-group lw-regions-tools" }, tools.map((c) => h("button", {
        type: "button",
        class: `lw-option lw-region-tool${drawingControl() === c ? " lw-on" : ""}`,
        "data-control": c.name,
        "data-shape": c.shape,
        "aria-pressed": String(drawingControl() === c),
        onclick: () => pickTool(c.name),
        text: `${{ rectangle: "▭", polygon: "⬠", keypoint: "•" }[c.shape]} ${tools.length > 1 || !c.name ? c.tag : c.name}`,
      }))));
    }
    bar.replaceChildren(...groups, zoomBar);
    drawHint();
  }

  function drawHint() {
    let text;
    const c = drawingControl();
    const shape = c ? c.shape : null;
    const label = active ? ` “${active.label}”` : "";
    if (flash) text = flash;
    else if (problem || !image) text = "";
    else if (polygon) text = "Click to add points · click the first point, double-click or Enter to close · Backspace removes the last point · Esc cancels";
    else if (selected) text = "Selected: drag to move, drag a handle to resize · a label or its key relabels · Delete removes · Esc deselects";
    else if (shape === "rectangle") text = `Drag on the image to draw a${label} box`;
    else if (shape === "polygon") text = `Click on the image to place the points of a${label} polygon`;
    else if (shape === "keypoint") text = `Click on the image to place a${label} point`;
    else if (specs().length) text = "Choose a label (or its key), then draw on the image · click a region to select it";
    else text = "";
    const view = "Ctrl+wheel zooms, Space+drag pans";
    hint.textContent = text ? `${text} · ${view}` : image ? view : "";
  }

  function drawList() {
    const sz = size();
    const items = regions.map((r, i) => {
      const text = r.labels.length ? labelText(r) : "(no label)";
      const geometry = !sz ? "" : r.shape === "rectangle"
        ? `${Math.round(toPixels(r.width, sz[0]))}×${Math.round(toPixels(r.height, sz[1]))} px`
        : r.shape === "polygon" ? `${r.points.length} points` : `(${Math.round(toPixels(r.x, sz[0]))}, ${Math.round(toPixels(r.y, sz[1]))})`;
      return h("div", {
        class: `lw-region-item${r.id === selected ? " lw-on" : ""}`,
        "data-region": r.id,
        onclick: () => {
          selected = selected === r.id ? null : r.id;
          drawList();
          drawHint();
          redraw();
        },
      }, [
        h("span", { class: "lw-swatch", style: { background: regionColor(r) } }),
        h("span", { class: "lw-region-name", text: `${i + 1}. ${text}` }),
        h("span", { class: "lw-region-geometry", text: `${r.shape} ${geometry}` }),
        h("button", {
          type: "button", class: "lw-region-delete", title: "Delete this region", text: "✕",
          onclick: (event) => {
            event.stopPropagation();
            selected = r.id;
            deleteSelected();
            drawHint();
          },
        }),
      ]);
    });
    list.replaceChildren(...items);
    list.hidden = !items.length;
    drawHint();
  }

  // -- the task contract ----------------------------------------------------------------------
  function show(p, value) {
    const key = task ? task.task() : model.get("task");
    const switched = key !== taskKey;
    taskKey = key;
    payload = p;
    if (switched) {
      selected = null;
      hover = null;
      polygon = null;
      gesture = null;
      if (active && !labelsOf(spec(active.control) || { labels: [] }).some((o) => o.value === active.label)) active = null;
    }
    regions = regionsFromValue(value || {}, specs());
    if (selected && !regionById(selected)) selected = null;
    showImage();
    layout(); // the error text names the row shown
    requestImages();
    drawBar();
    drawList();
    redraw();
  }

  task = bindTask(model, el, {
    render: show,
    hotkey: (key) => hotkey(key),
    missing(value) {
      // Nobody saw the image: the task cannot be submitted as done (skip it instead).
      const out = problem ? [`the image cannot be shown (${problem}); skip this task instead`] : [];
      for (const c of specs()) {
        const v = value[c.name];
        if (c.required && !(Array.isArray(v) && v.length)) out.push(c.required_message || `draw at least one region for ${c.name}`);
      }
      return out;
    },
  });
  // The first render ran inside bindTask; preselected labels (<Label selected="true">) apply now.
  for (const c of specs()) {
    const o = (c.labels || []).find((x) => x.selected);
    if (o && !active) active = { control: c.name, label: o.value };
  }
  drawBar();

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
    task.dispose();
    reporter.dispose();
    ARRIVALS.delete(countHeld);
    model.off("change:tasks", countHeld);
    resize.disconnect();
    model.off("change:tasks", onTasks);
    model.off("msg:custom", onCustom);
    if (frame) cancelAnimationFrame(frame);
  };
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

export default { render };
