// @ts-check
// Drawing the spans of a text: the highlighted text, the label buttons, the list of spans and
// the note under them; part of js/text_spans.js, sharing its view state `ed`.
import { keyLabel } from "./_keys.js";
import { h } from "./_task_widget.js";
import { quote, segments, spanLevels } from "./_offsets.js";
import { charsToFill, textPieces } from "./_text_pieces.js";
import { PALETTE } from "./_palette.js";
import { docNodes } from "./_span_document.js";
import { progressive } from "./_progressive.js";

// A long text is drawn from its start up to about what fills the box (charsToFill) before the
// frame, then MORE_CHARS at a time as it comes near the visible part (_progressive.js), each
// piece a task of its own after the frame; the span list likewise, FIRST_ROWS rows then
// MORE_ROWS. A redraw of the same task (an edit) draws at least as far as was drawn, so the
// scroll position stays.
const MORE_CHARS = 4000;
const FIRST_ROWS = 10;
const MORE_ROWS = 60;

function validColor(color) {
  if (!color) return false;
  try {
    return typeof CSS !== "undefined" && CSS.supports ? CSS.supports("color", color) : /^#[0-9a-f]{3,8}$/i.test(color);
  } catch {
    return false;
  }
}

// CSS custom properties need setProperty (Object.assign on style ignores them).
function withVars(node, vars) {
  for (const [key, value] of Object.entries(vars)) node.style.setProperty(key, value);
  return node;
}

/** @param {import("./text_spans.js").Editor} ed */
export function spanPainter(ed) {
  const { groupOf, groups, kind, labelsBox, listBox, noteBox, redraw, textBox } = ed;
  const textMore = progressive(textBox);
  const listMore = progressive(listBox);
  let drawnTask; // the task of the text drawn, and how far (UTF-16) it is drawn
  let drawnTo = 0;

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

  // The box's width, followed without asking for layout (a switch must not force one).
  let boxWidth = 0;
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver((entries) => {
      for (const e of entries) boxWidth = e.contentRect.width;
    }).observe(textBox);
  }

  // One element per covered piece; its style in one cssText write (colors were validated).
  // `drawn`: the spans' [start, end) (the regions, then a pending selection if any).
  function segmentMaker(segs, regions, drawn, levels, starting, selectedId) {
    return (k, piece, first) => {
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
  }

  // HyperText and dialogues: a copy of the document's nodes with the covered text wrapped,
  // made BATCH text nodes at a time (a generator: idle time makes it ahead, a step per slice).
  const BATCH = 400;
  function* markedCopy(doc, segs, segment) {
    const copy = doc.html.cloneNode(true);
    const nodes = docNodes(copy, kind);
    let k = 0;
    for (let n = 0; n < nodes.length; n += 1) {
      if (n % BATCH === BATCH - 1) yield null;
      const node = nodes[n];
      const a = doc.starts[n];
      const b = a + doc.lengths[n];
      while (k < segs.length && segs[k].end <= a) k += 1;
      let j = k;
      let covered = false;
      for (; j < segs.length && segs[j].start < b; j += 1) if (segs[j].cover.length) covered = true;
      // Whitespace between table rows or list items stays as it is: wrapping it would add boxes.
      if (!covered || !/\S/.test(node.data)) continue;
      const frag = document.createDocumentFragment();
      for (let q = k; q < j; q += 1) {
        const s = segs[q];
        const from = Math.max(s.start, a);
        const to = Math.min(s.end, b);
        const piece = node.data.slice(from - a, to - a);
        frag.append(s.cover.length ? segment(q, piece, from === s.start) : document.createTextNode(piece));
      }
      node.replaceWith(frag);
    }
    return copy;
  }
  const finish = (gen) => {
    for (;;) {
      const step = gen.next();
      if (step.done) return step.value;
    }
  };

  /** The prepared task's marked copy, made ahead (no selection, nothing pending: a switch). */
  function* markAhead(prep) {
    const segment = segmentMaker(prep.segs, prep.regions, prep.regions, prep.levels, prep.starting, null);
    prep.dom = yield* markedCopy(prep.doc, prep.segs, segment);
  }

  function drawText() {
    const prep = ed.prep;
    let drawn = ed.regions;
    let levels = prep.levels;
    ed.segs = prep.segs;
    if (ed.pending) { // a selection waiting for a label is drawn as one more span
      drawn = ed.regions.map((r) => ({ start: r.start, end: r.end }));
      drawn.push({ start: ed.pending.start, end: ed.pending.end });
      levels = spanLevels(drawn);
      ed.segs = segments(ed.doc.text.length, drawn);
    }
    const segment = segmentMaker(ed.segs, ed.regions, drawn, levels, prep.starting, ed.selectedId);

    if (kind === "text") {
      const text = ed.doc.text;
      const cut = textPieces(text, ed.segs);
      const piece = (budget) => {
        const frag = document.createDocumentFragment();
        for (const p of cut.next(budget)) {
          const part = text.slice(p.start, p.end);
          frag.append(p.covered ? segment(p.seg, part, true) : document.createTextNode(part));
        }
        drawnTo = cut.reached();
        return frag;
      };
      const fill = charsToFill(boxWidth, 0.6 * window.innerHeight, { margin: 1.2 }); // max-height: 60vh
      const upto = drawnTask === ed.drawnTask ? Math.max(fill, drawnTo) : fill;
      drawnTask = ed.drawnTask;
      textBox.replaceChildren(piece(upto));
      if (!cut.done()) textMore.start(() => (cut.done() ? null : piece(MORE_CHARS)));
      else textMore.stop();
      return;
    }
    textMore.stop();
    // Made ahead for this very drawing (a switch: no selection, nothing pending), used once.
    let copy = prep.dom && drawn === ed.regions && ed.selectedId === null ? prep.dom : null;
    prep.dom = null;
    if (!copy) copy = finish(markedCopy(ed.doc, ed.segs, segment));
    if (kind === "paragraphs") textBox.replaceChildren(copy);
    else textBox.replaceChildren(...copy.childNodes);
  }

  // The label buttons are drawn again only when what they show changed (armed, on the selected
  // span, uses left): a task switch usually leaves them as they are.
  let labelsShown = "";
  let labelsOf = null; // the groups (spec) they were drawn from
  function drawLabels(value) {
    const selected = ed.regions.find((r) => r.key === ed.selectedId);
    const several = groups().length > 1;
    const state = groups().map((g) => {
      const on = ed.armed.get(g.name) || [];
      const has = selected && selected.items[g.name] ? selected.items[g.name][g.label_key] || [] : [];
      return { g, on, has, used: g.options.map((o) => (o.max_usages ? ed.usage(value, g.name, o.value) : 0)) };
    });
    const shown = JSON.stringify(state.map(({ g, on, has, used }) => [g.name, on, has, used]));
    if (shown === labelsShown && groups() === labelsOf && labelsBox.childElementCount) return;
    labelsShown = shown;
    labelsOf = groups();
    labelsBox.replaceChildren(
      ...state.map(({ g, on, has, used: counts }) => {
        return h("div", { class: `lw-span-group${g.show_inline ? " lw-inline" : ""}`, "data-control": g.name }, [
          several ? h("span", { class: "lw-span-group-name", text: g.name }) : null,
          ...g.options.map((o, n) => {
            const limit = o.max_usages || 0;
            const used = counts[n];
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
                onclick: () => ed.applyLabel(g.name, o.value),
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
  // Where a dialogue span is, as the list shows it: turn:offset–turn:offset.
  function turnsOf(region) {
    const item = Object.values(region.items)[0];
    return item ? `${item.start}:${item.startOffset}–${item.end}:${item.endOffset}` : "";
  }

  function drawList() {
    if (!ed.regions.length) {
      listMore.stop();
      listBox.replaceChildren(h("div", { class: "lw-span-empty", text: "No spans yet." }));
      return;
    }
    let shownRegions = ed.regions;
    if (ed.regions.length > MAX_ROWS) {
      shownRegions = ed.regions.slice(0, MAX_ROWS);
      const selected = ed.regions.find((r) => r.key === ed.selectedId);
      if (selected && !shownRegions.includes(selected)) shownRegions.push(selected);
    }
    const rowOf = (r) => {
      const row = document.createElement("div");
      row.className = `lw-span-row${r.key === ed.selectedId ? " lw-sel" : ""}`;
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
      where.textContent = kind === "paragraphs" ? turnsOf(r) : `${r.cpStart}–${r.cpEnd}`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "lw-span-delete";
      remove.title = "Delete this span";
      remove.setAttribute("aria-label", "Delete this span");
      remove.textContent = "×";
      row.append(text, where, remove);
      return row;
    };
    let i = 0;
    const rows = (count) => {
      const frag = document.createDocumentFragment();
      for (const end = Math.min(shownRegions.length, i + count); i < end; i += 1) frag.append(rowOf(shownRegions[i]));
      if (i >= shownRegions.length && shownRegions.length < ed.regions.length) {
        frag.append(h("div", { class: "lw-span-empty", text: `… and ${ed.regions.length - shownRegions.length} more spans` }));
      }
      return frag;
    };
    listBox.replaceChildren(rows(FIRST_ROWS));
    if (i < shownRegions.length) listMore.start(() => (i < shownRegions.length ? rows(MORE_ROWS) : null));
    else listMore.stop();
  }
  listBox.addEventListener("mousedown", (event) => {
    if (/** @type {Element} */ (event.target).closest(".lw-span-row")) event.preventDefault(); // keep focus and selection
  });
  listBox.addEventListener("click", (event) => {
    const row = /** @type {HTMLElement} */ (/** @type {Element} */ (event.target).closest(".lw-span-row"));
    if (!row) return;
    const region = ed.regions.find((r) => r.key === row.dataset.key);
    if (!region) return;
    if (/** @type {Element} */ (event.target).closest(".lw-span-delete")) {
      ed.removeRegion(region);
      return;
    }
    ed.selectedId = ed.selectedId === region.key ? null : region.key;
    ed.pending = null;
    ed.note = null;
    redraw();
  });

  function drawNote() {
    let text;
    let cls = "lw-span-note";
    const selected = ed.regions.find((r) => r.key === ed.selectedId);
    const armedNames = [...ed.armed].flatMap(([g, ls]) => ls.map((l) => labelText(g, l)));
    if (ed.note) {
      text = ed.note.text;
      cls += ` lw-${ed.note.kind}`;
    } else if (ed.pending && ed.doc) {
      text = `“${quote(ed.doc.text.slice(ed.pending.start, ed.pending.end), 60)}” selected: pick a label (click or key), Esc to cancel.`;
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

  // Everything drawn now, for what needs the whole text in the page (a span's place).
  const drawAll = () => {
    textMore.drain();
    listMore.drain();
  };

  return { colorOf, drawAll, drawLabels, drawList, drawNote, drawText, labelText, markAhead };
}
