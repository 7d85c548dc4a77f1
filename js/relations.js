// @ts-check
// <Relations>: links between two regions, drawn as arrows over every region view of the
// annotator. Mirrors labelwidget/widgets/relations.py.
//
// The value is {[name]: [{from_id, to_id, direction, labels}]}. Region views of any kind say
// where their regions are (`where` / `moved` on the group's channel: see regionReporter in
// _task_widget.js); this view asks them at every frame in which something moved, scrolled or
// zoomed, so arrows follow a dragged box without the kernel. Linking: select a region, then the
// link key (Alt+R) or "Link", then click the other region, or pick it with ←/→ (Tab) and Enter;
// Esc cancels. Each relation is listed with its direction (→ ← ↔), labels and a ×.
import { keyLabel, keyName } from "./_keys.js";
import { bindTask, emit, h, listen } from "./_task_widget.js";
import { arcPlan, roomAbove } from "./_relation_layout.js";

const SVG = "http://www.w3.org/2000/svg";
const NEXT_DIRECTION = { right: "left", left: "bi", bi: "right" };
const ARROW = { right: "→", left: "←", bi: "↔" };

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of RelationsWidget (labelwidget/widgets/relations.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {import("./_contract.js").OptionSpec[]} options
 * @property {"single" | "multiple"} choice
 * @property {string} link_key
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const group = model.get("group");
  const linkKey = model.get("link_key") || "alt+r";

  const linkButton = h("button", { class: "lw-option lw-rel-link", type: "button", title: `link the selected region to another (${keyLabel(linkKey)})` }, `Link (${keyLabel(linkKey)})`);
  const noteBox = h("div", { class: "lw-rel-note", role: "status" });
  const listBox = h("div", { class: "lw-rel-list" });
  const root = h("div", { class: "lw-relations", "data-control": name }, [
    h("div", { class: "lw-rel-head" }, [h("span", { class: "lw-rel-title", text: "Relations" }), linkButton]),
    noteBox, listBox,
  ]);
  el.append(root);

  // The arrows: one layer over the page, clipped to the annotator and its scrolled parents, and
  // each arrow to the box of the view that shows its regions (see groupFor).
  const layer = svg("svg", { class: "lw-rel-layer", "data-group": group });
  const defs = svg("defs");
  const marker = (id, d) => {
    const m = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    m.append(svg("path", { d, fill: "context-stroke" }));
    return m;
  };
  const headId = `lw-rel-head-${group}-${name}`.replace(/[^\w-]/g, "_");
  defs.append(marker(headId, "M0,0 L10,5 L0,10 z"));
  const arrows = svg("g");
  layer.append(defs, arrows);
  document.body.append(layer);

  let task = null;
  let picking = null; // {from, candidates, at, selectedAtStart}
  let note = "";
  let places = new Map(); // region id -> {object, id, text, selected, rect}
  let frame = 0;

  const relations = () => ((task && task.value()[name]) || []).filter((r) => r && typeof r === "object");
  const labelOf = (value) => (model.get("options").find((o) => o.value === value) || { label: value }).label;

  function locate() {
    const shown = task ? task.task() : null;
    const reply = emit(group, { type: "where", task: shown, regions: [] });
    places = new Map(reply.regions.map((r) => [r.id, r]));
  }
  const describe = (id) => (places.get(id) ? `${places.get(id).label ? `${places.get(id).label} ` : ""}“${places.get(id).text}”` : `${id} (gone)`);

  function clip() {
    const annotator = el.closest(".lw-annotator") || el;
    const whole = annotator.getBoundingClientRect();
    let box = { left: whole.left, top: whole.top, right: whole.right, bottom: whole.bottom };
    for (let node = annotator.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflow === "visible" && style.overflowY === "visible") continue;
      const r = node.getBoundingClientRect();
      box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top), right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) };
    }
    return box;
  }

  // Each arrow is clipped to the box of the view that shows its regions (a text's box, an
  // image's stage; both views' for a link across views), within the layer: it never covers
  // the label buttons or toolbars around that box. One clip path and group per such box.
  let clips = new Map(); // box key -> {g, frame}
  function boxOf(a, b, layerBox) {
    const ra = a.frame ? a.frame.rect : layerBox;
    const rb = b.frame ? b.frame.rect : layerBox;
    return {
      left: Math.max(layerBox.left, Math.min(ra.left, rb.left)), top: Math.max(layerBox.top, Math.min(ra.top, rb.top)),
      right: Math.min(layerBox.right, Math.max(ra.right, rb.right)), bottom: Math.min(layerBox.bottom, Math.max(ra.bottom, rb.bottom)),
    };
  }
  function groupFor(a, b, layerBox) {
    const key = a.object === b.object ? a.object : [a.object, b.object].sort().join("|");
    let got = clips.get(key);
    if (!got) {
      const frame = boxOf(a, b, layerBox);
      const id = `${headId}-clip-${clips.size}`;
      const clipPath = svg("clipPath", { id });
      clipPath.append(svg("rect", { x: frame.left, y: frame.top, width: Math.max(0, frame.right - frame.left), height: Math.max(0, frame.bottom - frame.top) }));
      const g = svg("g", { "clip-path": `url(#${id})`, "data-object": key });
      arrows.append(clipPath, g);
      // Arcs stay under the top of what the box shows; in a scrolling text, under the top of
      // its content, so that they scroll with it and are cut, not flattened.
      const scrolls = a.object === b.object && a.frame && a.frame.top !== undefined;
      got = { g, frame, layout: scrolls ? { top: Math.min(frame.top, a.frame.top), bottom: frame.bottom } : frame };
      clips.set(key, got);
    }
    return got;
  }

  function arc(a, b, layerBox, { direction = "right", color = "#5b6abf", dashed = false, width = 2, text = "" } = {}) {
    const { g, layout } = groupFor(a, b, layerBox);
    const { x0, y0, x1, y1, cx, cy, labelY } = arcPlan(a.rect, b.rect, layout, { labelled: Boolean(text) });
    const path = svg("path", {
      d: `M${x0},${y0} Q${cx},${cy} ${x1},${y1}`, fill: "none", stroke: color, "stroke-width": width,
      ...(dashed ? { "stroke-dasharray": "5 4" } : {}),
      ...(direction !== "left" ? { "marker-end": `url(#${headId})` } : {}),
      ...(direction !== "right" ? { "marker-start": `url(#${headId})` } : {}),
    });
    g.append(path);
    if (text) {
      const label = svg("text", { x: cx, y: labelY, "text-anchor": "middle", class: "lw-rel-text" });
      label.textContent = text;
      g.append(label);
    }
    return g;
  }

  // A text view keeps room above its first line for the arrows between its spans (see
  // _relation_room.js); the room it needs does not depend on the room it has, so one pass
  // settles it. Whether the layout moved (then the regions are asked again).
  const roomKept = new Map(); // object -> its frame, for the views that may keep room
  function reserveRoom(shown) {
    const need = new Map();
    for (const p of places.values()) if (p.frame && p.frame.reserve) need.set(p.object, 0);
    for (const r of shown) {
      const a = places.get(r.from_id);
      const b = places.get(r.to_id);
      if (!a || !b || a.object !== b.object || !need.has(a.object)) continue;
      const px = roomAbove(a.rect, b.rect, a.frame.contentTop, { labelled: Boolean(r.labels && r.labels.length) });
      need.set(a.object, Math.max(need.get(a.object), px));
    }
    let moved = false;
    for (const p of places.values()) if (need.has(p.object)) roomKept.set(p.object, p.frame);
    // A view whose regions are gone (another task, all deleted) gives its room back.
    for (const [object, frameOfView] of roomKept) if (frameOfView.reserve(need.get(object) || 0)) moved = true;
    return moved;
  }

  function drawArrows() {
    frame = 0;
    arrows.replaceChildren();
    clips = new Map();
    if (!el.isConnected || !task || !task.payload()) {
      layer.style.display = "none";
      return;
    }
    locate();
    const shown = relations();
    if (reserveRoom(shown)) locate();
    // Regions shown later than the list (an image still loading) are named there once shown.
    const ends = shown.map((r) => `${describe(r.from_id)}${describe(r.to_id)}`).join("\n");
    if (ends !== listed) drawList();
    const box = clip();
    layer.style.display = "";
    layer.style.left = `${box.left}px`;
    layer.style.top = `${box.top}px`;
    layer.style.width = `${Math.max(0, box.right - box.left)}px`;
    layer.style.height = `${Math.max(0, box.bottom - box.top)}px`;
    layer.setAttribute("viewBox", `${box.left} ${box.top} ${Math.max(1, box.right - box.left)} ${Math.max(1, box.bottom - box.top)}`);
    let drawn = 0;
    for (const r of shown) {
      const a = places.get(r.from_id);
      const b = places.get(r.to_id);
      if (!a || !b) continue; // a region not shown (or deleted): Python drops its relations
      arc(a, b, box, { direction: r.direction, text: (r.labels || []).map(labelOf).join(", ") });
      drawn += 1;
    }
    if (picking) {
      const from = places.get(picking.from);
      const target = places.get(picking.candidates[picking.at]);
      if (from && target) {
        const t = target.rect;
        const g = arc(from, target, box, { color: "#e8590c", dashed: true });
        g.append(svg("rect", { x: t.left - 3, y: t.top - 3, width: t.width + 6, height: t.height + 6, fill: "none", stroke: "#e8590c", "stroke-width": 2, rx: 3, class: "lw-rel-candidate" }));
      }
    }
    layer.dataset.arrows = String(drawn);
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(drawArrows);
  };

  let listed = ""; // the ends the list names, as drawn
  function drawList() {
    const options = model.get("options") || [];
    listed = relations().map((r) => `${describe(r.from_id)}${describe(r.to_id)}`).join("\n");
    const rows = relations().map((r, i) => h("div", { class: "lw-rel-row", "data-index": String(i) }, [
      h("span", { class: "lw-rel-ends", text: `${describe(r.from_id)} ${ARROW[r.direction] || "→"} ${describe(r.to_id)}` }),
      h("button", { class: "lw-rel-dir", type: "button", title: "direction: → ← ↔", "data-index": String(i), text: ARROW[r.direction] || "→" }),
      ...options.map((o) => h("button", {
        class: `lw-option lw-rel-label${(r.labels || []).includes(o.value) ? " lw-on" : ""}`, type: "button",
        "data-index": String(i), "data-value": o.value, text: o.label,
        style: o.background ? { "--lw-chip": o.background } : undefined,
      })),
      h("button", { class: "lw-rel-delete", type: "button", title: "delete this relation", "data-index": String(i), text: "×" }),
    ]));
    listBox.replaceChildren(...(rows.length ? rows : [h("div", { class: "lw-rel-empty", text: "no relations" })]));
    noteBox.textContent = note;
    root.classList.toggle("lw-picking", Boolean(picking));
  }

  function draw() {
    locate();
    drawList();
    schedule();
  }

  function setRelations(list) {
    task.edit({ ...task.value(), [name]: list });
  }

  function say(text) {
    note = text;
    drawList();
  }

  // -- linking ------------------------------------------------------------------------------------
  function startLink() {
    if (!task || !task.payload()) return false;
    locate();
    const from = [...places.values()].find((p) => p.selected);
    if (!from) {
      say("Select a region first (click it), then link it.");
      return true;
    }
    const all = [...places.keys()];
    const candidates = all.slice(all.indexOf(from.id) + 1).concat(all.slice(0, all.indexOf(from.id)));
    if (!candidates.length) {
      say("There is no other region to link to.");
      return true;
    }
    picking = { from: from.id, candidates, at: 0 };
    say(`Linking ${describe(from.id)}: click the other region, or ←/→ then Enter; Esc cancels.`);
    schedule();
    return true;
  }

  function finishLink(to) {
    const from = picking.from;
    picking = null;
    if (to === from) return say("");
    const list = relations();
    if (list.some((r) => r.from_id === from && r.to_id === to)) {
      say(`${describe(from)} is already linked to ${describe(to)}.`);
      return schedule();
    }
    note = "";
    setRelations([...list, { from_id: from, to_id: to, direction: "right", labels: [] }]);
  }

  function cancelLink() {
    picking = null;
    say("");
    schedule();
  }

  // While picking, the arrows, Tab and Enter choose the target (they are the widget's task keys
  // otherwise): caught before the toolbar sees them.
  function onPickKey(event) {
    if (!picking) return;
    const key = keyName(event);
    const step = { arrowright: 1, arrowdown: 1, tab: 1, arrowleft: -1, arrowup: -1, "shift+tab": -1 }[key];
    if (step) {
      picking.at = (picking.at + step + picking.candidates.length) % picking.candidates.length;
      schedule();
    } else if (key === "enter") {
      finishLink(picking.candidates[picking.at]);
    } else if (key === "escape") {
      cancelLink();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
  let keyRoot = null;
  function attachKeys() {
    keyRoot = el.closest(".lw-annotator");
    if (keyRoot) keyRoot.addEventListener("keydown", onPickKey, true);
    else if (el.isConnected || attachKeys.tries++ < 600) requestAnimationFrame(attachKeys);
  }
  attachKeys.tries = 0;
  attachKeys();

  linkButton.addEventListener("click", () => startLink());
  listBox.addEventListener("click", (event) => {
    const button = /** @type {Element} */ (event.target).closest("button");
    if (!button) return;
    const i = Number(button.dataset.index);
    const list = relations().map((r) => ({ ...r, labels: [...(r.labels || [])] }));
    const r = list[i];
    if (!r) return;
    if (button.classList.contains("lw-rel-delete")) list.splice(i, 1);
    else if (button.classList.contains("lw-rel-dir")) r.direction = NEXT_DIRECTION[r.direction] || "right";
    else if (button.classList.contains("lw-rel-label")) {
      const value = button.dataset.value;
      if (r.labels.includes(value)) r.labels = r.labels.filter((v) => v !== value);
      else r.labels = model.get("choice") === "multiple" ? [...r.labels, value] : [value];
    }
    setRelations(list);
  });

  const offBus = listen(group, (msg) => {
    if (msg.type !== "moved" || !task || msg.task !== task.task()) return;
    if (picking) {
      // A click on another region (any view) selects it: that is the target.
      locate();
      const chosen = [...places.values()].find((p) => p.selected && p.id !== picking.from);
      if (chosen) return finishLink(chosen.id);
      if (!places.has(picking.from)) cancelLink();
    }
    // Drawn now, in the frame that moved the region (a box dragged: same frame, not the next).
    if (frame) cancelAnimationFrame(frame);
    drawArrows();
  });
  const onScroll = () => schedule();
  window.addEventListener("scroll", onScroll, true);
  window.addEventListener("resize", onScroll);

  task = bindTask(model, el, {
    render() {
      picking = null;
      draw();
    },
    hotkey(key) {
      return key === linkKey ? startLink() : false;
    },
  });
  draw();

  return () => {
    task.dispose();
    offBus();
    window.removeEventListener("scroll", onScroll, true);
    window.removeEventListener("resize", onScroll);
    if (keyRoot) keyRoot.removeEventListener("keydown", onPickKey, true);
    if (frame) cancelAnimationFrame(frame);
    layer.remove();
  };
}

export default { render };
