// @ts-check
// The pointer on an image's canvas: hit testing, drawing, moving, resizing, panning and wheel
// zoom; part of js/image_regions.js, sharing its editor state `ed`. Feedback is drawn in the
// move's handler (only the region it changes: js/_region_svg.js); only a
// finished gesture is committed.
import {
  boxContains, boxFromCorners, boxHandles, clamp, clampPoint, clampView, cropBox, distance,
  moveBox, movePolygon, polygonContains, regionArea, resizeBox, snapPoint, toPercent, toPixels,
  toScreen,
} from "./_geometry.js";
import { HANDLE, HIT, POINT } from "./_region_painter.js";

const MIN_DRAG = 3; // a press that moves less than this is a click, CSS px
const CURSORS = { nw: "nwse-resize", se: "nwse-resize", ne: "nesw-resize", sw: "nesw-resize", n: "ns-resize", s: "ns-resize", e: "ew-resize", w: "ew-resize" };

/** @param {import("./image_regions.js").Editor} ed */
export function regionGestures(ed) {
  const {
    H, W, canvas, clampPixel, drawingControl, drawingShape, percentOf, pixelOf, redraw,
    regionById, screenOf, screenOfPercent, snapOf, spec, stage, zoomBy,
  } = ed;

  // -- hit testing ----------------------------------------------------------------------------
  function handlesOf(r) {
    if (r.shape === "rectangle") return boxHandles(r, W(), H());
    if (r.shape === "polygon") return r.points.map((q, i) => ({ name: `v${i}`, x: toPixels(q[0], W()), y: toPixels(q[1], H()) }));
    return [];
  }

  function hitTest(s) {
    if (!ed.image || !ed.view) return null;
    const p = pixelOf(s);
    const slack = HIT / ed.view.scale;
    const sel = regionById(ed.selected);
    if (sel) {
      for (const hd of handlesOf(sel)) {
        if (distance(toScreen(ed.view, [hd.x, hd.y]), s) <= HANDLE + 2) return { id: sel.id, handle: hd.name };
      }
    }
    let best = null;
    for (const r of ed.regions) {
      let inside = false;
      if (r.shape === "rectangle") inside = boxContains(r, p, W(), H(), slack);
      else if (r.shape === "polygon") inside = polygonContains(r.points, p, W(), H()) || r.points.some((q) => distance(screenOfPercent(q), s) <= HIT);
      else inside = distance(screenOfPercent([r.x, r.y]), s) <= POINT + HIT;
      if (!inside) continue;
      const area = regionArea(r, W(), H());
      if (!best || area < best.area || (area === best.area && r.id === ed.selected)) best = { id: r.id, area };
    }
    return best ? { id: best.id, handle: null } : null;
  }

  // -- pointer --------------------------------------------------------------------------------
  function onPointerDown(event) {
    if (!ed.image || !ed.view) return;
    stage.focus({ preventScroll: true });
    const s = screenOf(event);
    ed.pointer = s;
    if (event.button === 1 || (event.button === 0 && ed.spaceDown)) {
      ed.gesture = { kind: "pan", start: s, view: { ...ed.view } };
      capture(event);
      return;
    }
    if (event.button !== 0) return;
    event.preventDefault();
    const shape = drawingShape();
    const c = drawingControl();
    if (ed.polygon) {
      const first = screenOfPercent(ed.polygon.points[0]);
      if (ed.polygon.points.length >= 3 && distance(first, s) <= HIT + 2) {
        ed.closePolygon();
        return;
      }
      ed.polygon.points.push(percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(ed.polygon.control)))));
      redraw();
      return;
    }
    const hit = hitTest(s);
    if (hit && hit.handle) {
      const r = regionById(hit.id);
      ed.gesture = { kind: "resize", id: r.id, handle: hit.handle, start: s, before: JSON.stringify(r), moved: false };
      capture(event);
      redraw(); // the canvas without the region, which is drawn over it while it changes
      return;
    }
    if (hit && (hit.id === ed.selected || !shape)) {
      const r = regionById(hit.id);
      ed.selected = r.id;
      ed.gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
      capture(event);
      ed.drawList();
      redraw();
      return;
    }
    if (shape) {
      const labelling = ed.labelsForNew(c);
      if (!labelling) return;
      const p = snapPoint(clampPixel(pixelOf(s)), snapOf(c));
      if (shape === "rectangle") {
        ed.gesture = { kind: "draw", control: c.name, start: s, a: percentOf(p), b: percentOf(p), hit, labelling };
        capture(event);
      } else if (shape === "polygon") {
        ed.selected = null;
        ed.polygon = { control: c.name, points: [percentOf(p)], ...labelling };
        ed.drawList();
      } else if (shape === "keypoint") {
        if (hit) {
          ed.selected = hit.id;
          ed.gesture = { kind: "move", id: hit.id, start: s, origin: JSON.parse(JSON.stringify(regionById(hit.id))), moved: false };
          capture(event);
          ed.drawList();
        } else {
          const q = percentOf(p);
          const r = ed.addRegion(c, { shape: "keypoint", x: q[0], y: q[1] }, labelling);
          ed.gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
          capture(event);
        }
      }
      redraw();
      return;
    }
    ed.selected = null;
    ed.drawList();
    if (ed.zoomed) {
      ed.gesture = { kind: "pan", start: s, view: { ...ed.view } };
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
    if (!ed.image || !ed.view) return;
    const s = screenOf(event);
    ed.pointer = s;
    if (!ed.gesture) {
      ed.hover = hitTest(s);
      canvas.style.cursor = cursorFor(ed.hover);
      redraw();
      return;
    }
    const g = ed.gesture;
    const far = distance(s, g.start) >= MIN_DRAG;
    if (g.kind === "pan") {
      ed.view = clampView({ ...g.view, ox: g.view.ox + s[0] - g.start[0], oy: g.view.oy + s[1] - g.start[1] }, ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
      ed.zoomed = true;
    } else if (g.kind === "draw") {
      g.b = percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(g.control))));
      g.dragged = g.dragged || far;
    } else if (g.kind === "move" && (far || g.moved)) {
      g.moved = true;
      const r = regionById(g.id);
      const o = g.origin;
      const d = [toPercent((s[0] - g.start[0]) / ed.view.scale, W()), toPercent((s[1] - g.start[1]) / ed.view.scale, H())];
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
    // A region drawn, moved or resized: only its outline changes, drawn now (the frame that
    // dispatched this move shows it); a pan moves the image and repaints in the next frame.
    if (g.kind === "pan") redraw();
    else ed.paintLive();
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
    const g = ed.gesture;
    ed.gesture = null;
    if (!g) return;
    if (g.kind === "draw") {
      const box = cropBox(boxFromCorners(g.a, g.b));
      const big = toPixels(box.width, W()) * ed.view.scale >= MIN_DRAG && toPixels(box.height, H()) * ed.view.scale >= MIN_DRAG;
      if (g.dragged && big) {
        ed.addRegion(spec(g.control), { shape: "rectangle", ...box }, g.labelling);
      } else {
        ed.selected = g.hit ? g.hit.id : null; // a click: select what is under the pointer
        ed.drawList();
      }
    } else if ((g.kind === "move" || g.kind === "resize") && g.moved) {
      ed.commit();
    }
    if (event && event.type === "pointerup") {
      ed.hover = hitTest(screenOf(event));
      canvas.style.cursor = cursorFor(ed.hover);
    }
    redraw();
  }

  function cursorFor(hit) {
    if (ed.spaceDown || (ed.gesture && ed.gesture.kind === "pan")) return "grabbing";
    if (hit && hit.handle) return CURSORS[hit.handle] || "move";
    if (hit && (hit.id === ed.selected || !drawingShape())) return "move";
    if (drawingShape() || ed.polygon) return "crosshair";
    return ed.zoomed ? "grab" : "default";
  }

  function onWheel(event) {
    if (!(event.ctrlKey || event.metaKey) || !ed.image) return; // a plain wheel scrolls the notebook
    event.preventDefault();
    const factor = Math.exp(-clamp(event.deltaY, -100, 100) / 300);
    zoomBy(factor, screenOf(event));
  }

  canvas.addEventListener("pointerdown", onPointerDown);
  canvas.addEventListener("pointermove", onPointerMove);
  canvas.addEventListener("pointerup", onPointerUp);
  canvas.addEventListener("pointercancel", onPointerUp);
  canvas.addEventListener("dblclick", (event) => {
    if (ed.polygon) {
      event.preventDefault();
      ed.closePolygon();
    }
  });
  canvas.addEventListener("pointerleave", () => {
    if (!ed.gesture) {
      ed.hover = null;
      ed.pointer = null;
      redraw();
    }
  });
  canvas.addEventListener("wheel", onWheel, { passive: false });
  canvas.addEventListener("contextmenu", (event) => event.preventDefault());

  return { cursorFor, handlesOf };
}
