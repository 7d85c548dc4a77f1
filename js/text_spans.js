// @ts-check
// Span labeling on Text and HyperText (NER); mirrors labelwidget/widgets/text_spans.py.
//
// One view shows the object (plain text, or HTML sanitized by Python) and every Labels group
// on it; its value is {[group]: [span, ...]} in the cell format of DESIGN.md section 2.
// The browser owns the gesture: a selection becomes a highlighted span in this frame and only
// then goes to Python (task.edit). Label first then select, or select then label (click or key);
// click a span to select it (clicks cycle through overlapping ones), a label relabels it,
// Delete/Backspace removes it, Escape clears. Text is never parsed as HTML here.
import { bindTask, emptyCell, h, keyLabel, regionAnnouncer, regionReporter } from "./_task_widget.js";
import {
  derivedId, newId, offsetMap, pieceAt, quote, segments, settleRange, spanLevels,
} from "./_offsets.js";

const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#16a2b8", "#f032e6",
  "#9a6324", "#469990", "#808000", "#000075", "#a9a9a9"];

function validColor(color) {
  if (!color) return false;
  try {
    return typeof CSS !== "undefined" && CSS.supports ? CSS.supports("color", color) : /^#[0-9a-f]{3,8}$/i.test(color);
  } catch {
    return false;
  }
}

// XPath of a node relative to `root`, Label Studio style: /p[1]/b[1]/text()[1].
function xpathOf(node, root) {
  const parts = [];
  for (let n = node; n && n !== root; n = n.parentNode) {
    let index = 1;
    if (n.nodeType === Node.TEXT_NODE) {
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeType === Node.TEXT_NODE) index += 1;
      parts.push(`text()[${index}]`);
    } else {
      const name = n.nodeName.toLowerCase();
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeName.toLowerCase() === name) index += 1;
      parts.push(`${name}[${index}]`);
    }
  }
  return `/${parts.reverse().join("/")}`;
}

// CSS custom properties need setProperty (Object.assign on style ignores them).
function withVars(node, vars) {
  for (const [key, value] of Object.entries(vars)) node.style.setProperty(key, value);
  return node;
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/** @type {Text} */ (n).data.length) out.push(n);
  return out;
}

function render({ model, el }) {
  const name = model.get("name");
  const kind = model.get("kind");

  const labelsBox = h("div", { class: "lw-span-labels" });
  const noteBox = h("div", { class: "lw-span-note", role: "status" });
  const textBox = h("div", { class: `lw-span-text lw-kind-${kind}`, "data-object": name });
  const listBox = h("div", { class: "lw-span-list" });
  const root = h("div", { class: "lw-spans", "data-object": name }, [labelsBox, textBox, noteBox, listBox]);
  el.append(root);

  // -- view state (not synced: what is armed, selected, pending belongs to this screen) --------
  let drawnTask;
  let armed = new Map(); // group -> [label values] applied to the next selection
  let selectedId = null; // region id
  let pending = null; // {start, end} UTF-16 offsets of a selection waiting for a label
  let note = null; // {kind, text}
  let doc = null; // {text, map, html?, starts?, lengths?, xpaths?}
  let regions = []; // drawn spans, one per region id
  let segs = [];

  // The task binding (set once bindTask returns; its first render runs before that).
  let task = null;

  const groups = () => model.get("groups") || [];
  const groupOf = (g) => groups().find((x) => x.name === g);

  const colors = new Map();
  function colorOf(g, value) {
    const key = `${g}\u0000${value}`;
    if (!colors.has(key)) {
      let n = 0;
      let found = null;
      for (const grp of groups()) {
        for (const o of grp.options) {
          if (grp.name === g && o.value === value) found = validColor(o.background) ? o.background : PALETTE[n % PALETTE.length];
          n += 1;
        }
      }
      colors.set(key, found || "#888");
    }
    return colors.get(key);
  }
  const labelText = (g, value) => {
    const o = (groupOf(g) || { options: [] }).options.find((x) => x.value === value);
    return o ? o.label : value;
  };

  // -- the document -------------------------------------------------------------------------
  let cache = { source: undefined, doc: null };
  function docFor(payload) {
    const source = kind === "html" ? payload.data.html || "" : payload.data.text || "";
    if (cache.source === source) return cache.doc;
    let built;
    if (kind === "html") {
      const html = document.createElement("div");
      html.innerHTML = source; // sanitized by Python (nh3) before it was sent
      const nodes = textNodes(html);
      const starts = [];
      const lengths = [];
      let at = 0;
      for (const n of nodes) {
        starts.push(at);
        lengths.push(n.data.length);
        at += n.data.length;
      }
      const text = nodes.map((n) => n.data).join("");
      built = { text, map: offsetMap(text), html, starts, lengths, xpaths: nodes.map((n) => xpathOf(n, html)) };
    } else {
      built = { text: source, map: offsetMap(source) };
    }
    cache = { source, doc: built };
    return built;
  }

  // UTF-16 [start, end) of a span of the value, or null when it does not fit the document.
  function locate(item) {
    const { map } = doc;
    let cs;
    let ce;
    if (kind === "text") {
      cs = item.start;
      ce = item.end;
    } else if (item.globalOffsets) {
      cs = item.globalOffsets.start;
      ce = item.globalOffsets.end;
    } else {
      const a = doc.xpaths.indexOf(item.start);
      const b = doc.xpaths.indexOf(item.end);
      if (a < 0 || b < 0) return null;
      cs = map.cpOf(doc.starts[a]) + item.startOffset;
      ce = map.cpOf(doc.starts[b]) + item.endOffset;
    }
    if (!Number.isInteger(cs) || !Number.isInteger(ce) || cs < 0 || ce > map.cpLength || cs >= ce) return null;
    return { start: map.u16Of(cs), end: map.u16Of(ce), cpStart: cs, cpEnd: ce };
  }

  function regionsOf(value) {
    const byKey = new Map();
    for (const g of groups()) {
      const items = (value && value[g.name]) || [];
      items.forEach((item, i) => {
        if (!item || typeof item !== "object") return;
        const where = locate(item);
        if (!where) return;
        const id = item.id || derivedId(`${g.name}|${i}|${JSON.stringify(item)}`);
        let key = id;
        const seen = byKey.get(key);
        if (seen && (seen.start !== where.start || seen.end !== where.end)) key = `${id}#${g.name}`;
        let region = byKey.get(key);
        if (!region) {
          region = { key, id, ...where, text: doc.text.slice(where.start, where.end), items: {}, labels: [] };
          byKey.set(key, region);
        }
        region.items[g.name] = item;
        for (const label of item[g.label_key] || []) {
          region.labels.push({ group: g.name, value: label, color: colorOf(g.name, label) });
        }
      });
    }
    const out = [...byKey.values()];
    for (const r of out) {
      r.color = r.labels.length ? r.labels[0].color : "#888";
      r.name = r.labels.map((l) => labelText(l.group, l.value)).join("+") || "∅";
    }
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }

  // -- drawing ------------------------------------------------------------------------------------
  function draw(payload, value) {
    const taskKey = task ? task.task() : model.get("task");
    if (taskKey !== drawnTask) {
      drawnTask = taskKey;
      textBox.scrollTop = 0; // a long text starts at its top
      selectedId = null;
      pending = null;
      note = null;
      armed = new Map();
      for (const g of groups()) {
        const chosen = g.options.filter((o) => o.selected).map((o) => o.value);
        if (chosen.length) armed.set(g.name, g.choice === "multiple" ? chosen : chosen.slice(0, 1));
      }
    }
    if (!payload) {
      doc = null;
      regions = [];
      textBox.textContent = "…";
      drawLabels(value || {});
      listBox.replaceChildren();
      drawNote();
      return;
    }
    doc = docFor(payload);
    regions = regionsOf(value || {});
    if (selectedId !== null && !regions.some((r) => r.key === selectedId)) selectedId = null;
    drawText();
    const empty = emptyCell(payload);
    if (empty) textBox.replaceChildren(h("span", { class: "lw-empty-cell", text: empty }));
    drawLabels(value || {});
    drawList();
    drawNote();
    reporter.moved(drawnTask);
    announce();
  }

  // Per-region controls and visibleWhen follow the selection (see _task_widget.js).
  const announcer = regionAnnouncer(model.get("group"), name);
  function announce() {
    const describe = (r) => ({ id: r.id, controls: Object.keys(r.items), labels: r.labels.map((l) => l.value), text: r.text });
    const selected = regions.find((r) => r.key === selectedId);
    announcer(drawnTask, selected ? describe(selected) : null, regions.map(describe));
  }

  // Where each span is (its first piece), for relations drawn between regions.
  const reporter = regionReporter(model.get("group"), name, (taskKey) => {
    if (taskKey !== drawnTask || !doc) return [];
    const first = new Map();
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (textBox.querySelectorAll(".lw-seg"))) {
      for (const i of segs[Number(node.dataset.seg)].cover) if (regions[i] && !first.has(i)) first.set(i, node);
    }
    return [...first].map(([i, node]) => {
      const box = node.getBoundingClientRect();
      const r = regions[i];
      return { id: r.id, text: quote(r.text, 30), label: r.name, selected: r.key === selectedId, rect: { left: box.left, top: box.top, width: box.width, height: box.height } };
    });
  });

  function redraw() {
    draw(task.payload(), task.value());
  }

  function drawText() {
    const drawn = regions.map((r) => ({ start: r.start, end: r.end }));
    if (pending) drawn.push({ start: pending.start, end: pending.end });
    const levels = spanLevels(drawn);
    segs = segments(doc.text.length, drawn);
    const starting = new Map(); // UTF-16 offset -> regions starting there
    for (const r of regions) {
      if (!starting.has(r.start)) starting.set(r.start, []);
      starting.get(r.start).push(r);
    }

    // One element per covered piece; its style in one cssText write (colors were validated).
    const segment = (k, piece, first) => {
      const s = segs[k];
      const node = document.createElement("span");
      node.textContent = piece;
      node.dataset.seg = String(k);
      let cls = "lw-seg";
      let css = "";
      const cover = s.cover.length && s.cover[s.cover.length - 1] === regions.length ? s.cover.slice(0, -1) : s.cover;
      if (cover !== s.cover) cls += " lw-pending";
      if (cover.length) {
        let main = cover[0];
        for (const i of cover) {
          if (regions[i].key === selectedId) {
            main = i;
            cls += " lw-sel";
            break;
          }
          if (drawn[i].end - drawn[i].start < drawn[main].end - drawn[main].start) main = i;
        }
        const lines = cover.length === 1 ? [cover[0]] : cover.slice().sort((a, b) => levels[a] - levels[b]);
        css = `--lw-span:${regions[main].color};box-shadow:${lines.map((i) => `0 ${2 * (levels[i] + 1)}px 0 0 ${regions[i].color}`).join(",")};`;
        node.dataset.depth = String(cover.length);
      }
      const heads = first ? starting.get(s.start) : null;
      if (heads) {
        node.dataset.chip = heads.length === 1 ? heads[0].name : heads.map((r) => r.name).join(" · ");
        css += `--lw-chip:${heads[0].color};`;
      }
      node.className = cls;
      if (css) node.style.cssText = css;
      return node;
    };

    if (kind === "text") {
      const frag = document.createDocumentFragment();
      segs.forEach((s, k) => {
        const piece = doc.text.slice(s.start, s.end);
        frag.append(s.cover.length ? segment(k, piece, true) : document.createTextNode(piece));
      });
      textBox.replaceChildren(frag);
      return;
    }
    const copy = doc.html.cloneNode(true);
    const nodes = textNodes(copy);
    let k = 0;
    nodes.forEach((node, n) => {
      const a = doc.starts[n];
      const b = a + doc.lengths[n];
      while (k < segs.length && segs[k].end <= a) k += 1;
      let j = k;
      let covered = false;
      for (; j < segs.length && segs[j].start < b; j += 1) if (segs[j].cover.length) covered = true;
      // Whitespace between table rows or list items stays as it is: wrapping it would add boxes.
      if (!covered || !/\S/.test(node.data)) return;
      const frag = document.createDocumentFragment();
      for (let q = k; q < j; q += 1) {
        const s = segs[q];
        const from = Math.max(s.start, a);
        const to = Math.min(s.end, b);
        const piece = node.data.slice(from - a, to - a);
        frag.append(s.cover.length ? segment(q, piece, from === s.start) : document.createTextNode(piece));
      }
      node.replaceWith(frag);
    });
    textBox.replaceChildren(...copy.childNodes);
  }

  function usage(value, g, label, except) {
    const key = groupOf(g).label_key;
    return ((value && value[g]) || []).filter((item) => item && item !== except && (item[key] || []).includes(label)).length;
  }

  function drawLabels(value) {
    const selected = regions.find((r) => r.key === selectedId);
    const several = groups().length > 1;
    labelsBox.replaceChildren(
      ...groups().map((g) => {
        const on = armed.get(g.name) || [];
        const has = selected && selected.items[g.name] ? selected.items[g.name][g.label_key] || [] : [];
        return h("div", { class: `lw-span-group${g.show_inline ? " lw-inline" : ""}`, "data-control": g.name }, [
          several ? h("span", { class: "lw-span-group-name", text: g.name }) : null,
          ...g.options.map((o) => {
            const limit = o.max_usages || 0;
            const used = limit ? usage(value, g.name, o.value) : 0;
            const cls = ["lw-option", "lw-label"];
            if (on.includes(o.value)) cls.push("lw-on");
            if (has.includes(o.value)) cls.push("lw-has");
            if (limit && used >= limit) cls.push("lw-full");
            return withVars(h(
              "button",
              {
                type: "button",
                class: cls.join(" "),
                "data-control": g.name,
                "data-value": o.value,
                "aria-pressed": String(on.includes(o.value)),
                title: limit ? `${o.label}: used ${used} of ${limit}` : o.label,
                onmousedown: (event) => event.preventDefault(), // keep the text selection
                onclick: () => applyLabel(g.name, o.value),
              },
              [
                h("span", { class: "lw-span-swatch" }),
                h("span", { class: "lw-option-label", text: o.label }),
                limit ? h("span", { class: "lw-span-count", text: `${used}/${limit}` }) : null,
                o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null,
              ],
            ), { "--lw-accent": colorOf(g.name, o.value) });
          }),
        ]);
      }),
    );
  }

  // The list below the text: one row per span (capped, the selected span always listed).
  // One delegated listener handles every row.
  const MAX_ROWS = 300;
  function drawList() {
    if (!regions.length) {
      listBox.replaceChildren(h("div", { class: "lw-span-empty", text: "No spans yet." }));
      return;
    }
    let shownRegions = regions;
    if (regions.length > MAX_ROWS) {
      shownRegions = regions.slice(0, MAX_ROWS);
      const selected = regions.find((r) => r.key === selectedId);
      if (selected && !shownRegions.includes(selected)) shownRegions.push(selected);
    }
    const rows = shownRegions.map((r) => {
      const row = document.createElement("div");
      row.className = `lw-span-row${r.key === selectedId ? " lw-sel" : ""}`;
      row.dataset.key = r.key;
      row.dataset.id = r.id;
      for (const l of r.labels) {
        const tag = document.createElement("span");
        tag.className = "lw-span-tag";
        tag.textContent = labelText(l.group, l.value);
        tag.style.setProperty("--lw-span", l.color);
        row.append(tag);
      }
      const text = document.createElement("span");
      text.className = "lw-span-quote";
      text.textContent = quote(r.text);
      const where = document.createElement("span");
      where.className = "lw-span-where";
      where.textContent = `${r.cpStart}–${r.cpEnd}`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "lw-span-delete";
      remove.title = "Delete this span";
      remove.setAttribute("aria-label", "Delete this span");
      remove.textContent = "×";
      row.append(text, where, remove);
      return row;
    });
    if (shownRegions.length < regions.length) {
      rows.push(h("div", { class: "lw-span-empty", text: `… and ${regions.length - shownRegions.length} more spans` }));
    }
    listBox.replaceChildren(...rows);
  }
  listBox.addEventListener("mousedown", (event) => {
    if (/** @type {Element} */ (event.target).closest(".lw-span-row")) event.preventDefault(); // keep focus and selection
  });
  listBox.addEventListener("click", (event) => {
    const row = /** @type {HTMLElement} */ (/** @type {Element} */ (event.target).closest(".lw-span-row"));
    if (!row) return;
    const region = regions.find((r) => r.key === row.dataset.key);
    if (!region) return;
    if (/** @type {Element} */ (event.target).closest(".lw-span-delete")) {
      removeRegion(region);
      return;
    }
    selectedId = selectedId === region.key ? null : region.key;
    pending = null;
    note = null;
    redraw();
  });

  function drawNote() {
    let text;
    let cls = "lw-span-note";
    const selected = regions.find((r) => r.key === selectedId);
    const armedNames = [...armed].flatMap(([g, ls]) => ls.map((l) => labelText(g, l)));
    if (note) {
      text = note.text;
      cls += ` lw-${note.kind}`;
    } else if (pending && doc) {
      text = `“${quote(doc.text.slice(pending.start, pending.end), 60)}” selected: pick a label (click or key), Esc to cancel.`;
    } else if (selected) {
      text = `“${quote(selected.text, 60)}” selected: a label relabels it, Delete removes it, Esc deselects.`;
    } else if (armedNames.length) {
      text = `Labeling as ${armedNames.join(" + ")}: select text.`;
    } else {
      text = "Select text, then pick a label (or pick a label, then select text). Click a span to select it.";
    }
    noteBox.textContent = text;
    noteBox.className = cls;
  }

  // -- editing ------------------------------------------------------------------------------------
  function makeItem(g, id, start, end, labels) {
    const grp = groupOf(g);
    const { map } = doc;
    const cs = map.cpOf(start);
    const ce = map.cpOf(end);
    const text = doc.text.slice(start, end);
    if (kind === "text") return { id, start: cs, end: ce, text, [grp.label_key]: labels };
    const a = pieceAt(doc.starts, doc.lengths, start, false);
    const b = pieceAt(doc.starts, doc.lengths, end, true);
    return {
      id,
      start: doc.xpaths[a],
      end: doc.xpaths[b],
      startOffset: cs - map.cpOf(doc.starts[a]),
      endOffset: ce - map.cpOf(doc.starts[b]),
      globalOffsets: { start: cs, end: ce },
      text,
      [grp.label_key]: labels,
    };
  }

  const orderOf = (item) => (kind === "text" ? [item.start, item.end] : item.globalOffsets ? [item.globalOffsets.start, item.globalOffsets.end] : [0, 0]);
  function sorted(list) {
    return list.slice().sort((a, b) => {
      const [as, ae] = orderOf(a);
      const [bs, be] = orderOf(b);
      return as - bs || ae - be;
    });
  }

  function limitProblem(value, g, labels, except) {
    const grp = groupOf(g);
    for (const label of labels) {
      const o = grp.options.find((x) => x.value === label);
      const limit = o && o.max_usages;
      if (limit && usage(value, g, label, except) >= limit) {
        return `${o.label} can be used on at most ${limit} span${limit === 1 ? "" : "s"} (maxUsages).`;
      }
    }
    return null;
  }

  function create(start, end, byGroup) {
    const value = task.value();
    // The same stretch already labeled in that group: label that span instead of a duplicate.
    const same = regions.find((r) => r.start === start && r.end === end && byGroup.some(([g]) => r.items[g]));
    if (same) {
      selectedId = same.key;
      pending = null;
      note = { kind: "info", text: "That text is already a span: it is selected; a label relabels it." };
      redraw();
      return;
    }
    for (const [g, labels] of byGroup) {
      const problem = limitProblem(value, g, labels, null);
      if (problem) {
        pending = { start, end };
        note = { kind: "error", text: problem };
        redraw();
        return;
      }
    }
    const id = newId();
    const next = { ...value };
    for (const [g, labels] of byGroup) next[g] = sorted([...(next[g] || []), makeItem(g, id, start, end, labels)]);
    pending = null;
    note = null;
    task.edit(next);
  }

  function applyLabel(g, label) {
    const grp = groupOf(g);
    if (!grp || !doc) return;
    const multiple = grp.choice === "multiple";
    if (pending) {
      create(pending.start, pending.end, [[g, [label]]]);
      return;
    }
    const region = regions.find((r) => r.key === selectedId);
    if (region) {
      const value = task.value();
      const list = [...((value && value[g]) || [])];
      const item = region.items[g];
      if (item) {
        const now = item[grp.label_key] || [];
        let labels;
        if (multiple) labels = now.includes(label) ? now.filter((x) => x !== label) : [...now, label];
        else labels = [label];
        if (labels.length === now.length && labels.every((x, i) => x === now[i])) return;
        const added = labels.filter((x) => !now.includes(x));
        const problem = limitProblem(value, g, added, item);
        if (problem) {
          note = { kind: "error", text: problem };
          redraw();
          return;
        }
        const at = list.indexOf(item);
        if (!labels.length && !grp.allow_empty) list.splice(at, 1);
        else list[at] = { ...item, [grp.label_key]: labels };
      } else {
        const problem = limitProblem(value, g, [label], null);
        if (problem) {
          note = { kind: "error", text: problem };
          redraw();
          return;
        }
        list.push(makeItem(g, region.id, region.start, region.end, [label]));
      }
      note = null;
      task.edit({ ...value, [g]: sorted(list) });
      return;
    }
    // Nothing selected: arm the label for the next selection (click again to disarm).
    const now = armed.get(g) || [];
    let next;
    if (multiple) next = now.includes(label) ? now.filter((x) => x !== label) : [...now, label];
    else next = now.includes(label) ? [] : [label];
    armed = new Map(armed);
    if (next.length) armed.set(g, next);
    else armed.delete(g);
    note = null;
    redraw();
  }

  function removeRegion(region) {
    const value = task.value();
    const next = { ...value };
    for (const [g, item] of Object.entries(region.items)) {
      next[g] = ((value && value[g]) || []).filter((x) => x !== item);
    }
    if (selectedId === region.key) selectedId = null;
    note = null;
    task.edit(next);
  }

  // -- the gesture --------------------------------------------------------------------------------
  function boundary(node, offset) {
    const whole = document.createRange();
    whole.selectNodeContents(textBox);
    let where;
    try {
      where = whole.comparePoint(node, offset);
    } catch {
      return null;
    }
    if (where < 0) return 0;
    if (where > 0) return doc.text.length;
    const upto = document.createRange();
    upto.setStart(textBox, 0);
    upto.setEnd(node, offset);
    return upto.toString().length; // text node data only: label chips (::before) do not count
  }

  function selectionRange() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || !doc) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(textBox)) return null;
    const start = boundary(range.startContainer, range.startOffset);
    const end = boundary(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return null;
    return settleRange(doc.text, start, end, model.get("granularity"));
  }

  function regionsAt(target) {
    const seg = target && target.closest ? target.closest(".lw-seg") : null;
    if (!seg || !textBox.contains(seg)) return [];
    const s = segs[Number(seg.dataset.seg)];
    if (!s) return [];
    return s.cover.filter((i) => i < regions.length).map((i) => regions[i]).sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  let down = null;
  function onDown(event) {
    if (event.button !== 0) return;
    down = { x: event.clientX, y: event.clientY };
    document.addEventListener("mouseup", onUp, true);
  }
  function onUp(event) {
    document.removeEventListener("mouseup", onUp, true);
    const start = down;
    down = null;
    if (!start || !doc) return;
    const range = selectionRange();
    if (range) {
      window.getSelection().removeAllRanges();
      const byGroup = [...armed].filter(([, ls]) => ls.length);
      if (byGroup.length) {
        selectedId = null;
        create(range[0], range[1], byGroup);
      } else {
        pending = { start: range[0], end: range[1] };
        selectedId = null;
        note = null;
        redraw();
      }
      return;
    }
    const moved = Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > 3;
    if (moved) return;
    const hits = regionsAt(event.target);
    pending = null;
    note = null;
    if (!hits.length) {
      selectedId = null;
    } else {
      const at = hits.findIndex((r) => r.key === selectedId);
      selectedId = hits[(at + 1) % hits.length].key; // repeated clicks cycle through overlaps
    }
    redraw();
  }
  textBox.addEventListener("mousedown", onDown);
  // Hover: name the spans under the pointer (built on demand, not for every piece drawn).
  textBox.addEventListener("mouseover", (event) => {
    const target = /** @type {Element} */ (event.target);
    const seg = target.closest ? /** @type {HTMLElement} */ (target.closest(".lw-seg")) : null;
    if (seg && !seg.title) seg.title = regionsAt(seg).map((r) => `${r.name}: ${quote(r.text, 40)}`).join("\n");
  });

  task = bindTask(model, el, {
    render: draw,
    hotkey(key) {
      if (!doc) return false;
      if (key === "escape") {
        if (pending || selectedId !== null || note) {
          pending = null;
          selectedId = null;
          note = null;
        } else if (armed.size) {
          armed = new Map();
        } else {
          return false;
        }
        redraw();
        return true;
      }
      if (key === "delete" || key === "backspace") {
        const region = regions.find((r) => r.key === selectedId);
        if (!region) return false;
        removeRegion(region);
        return true;
      }
      for (const g of groups()) {
        const o = g.options.find((x) => x.hotkey && x.hotkey.toLowerCase() === key);
        if (o) {
          applyLabel(g.name, o.value);
          return true;
        }
      }
      return false;
    },
    missing(value, payload) {
      if (emptyCell(payload)) return [emptyCell(payload)];
      return groups()
        .filter((g) => g.required && !((value && value[g.name]) || []).length)
        .map((g) => g.required_message || `label at least one span for ${g.name}`);
    },
  });

  return () => {
    textBox.removeEventListener("mousedown", onDown);
    document.removeEventListener("mouseup", onUp, true);
    reporter.dispose();
    task.dispose();
  };
}

export default { render };
