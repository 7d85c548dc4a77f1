// @ts-check
// Drawing the spans of a text: the highlighted text, the label buttons, the list of spans and
// the note under them; part of js/text_spans.js, sharing its view state `ed`.
import { keyLabel } from "./_keys.js";
import { h } from "./_task_widget.js";
import { quote, segments, spanLevels } from "./_offsets.js";
import { PALETTE } from "./_palette.js";
import { docNodes } from "./_span_document.js";
import { progressive } from "./_progressive.js";

// A long text is drawn from its start up to FIRST_CHARS (UTF-16 units: more than the box's
// 60vh shows) before the frame, then MORE_CHARS at a time as it is scrolled (_progressive.js);
// the span list likewise, FIRST_ROWS rows then MORE_ROWS. A redraw of the same task (an edit)
// draws at least as far as was drawn, so the scroll position stays.
const FIRST_CHARS = 6000;
const MORE_CHARS = 20000;
const FIRST_ROWS = 40;
const MORE_ROWS = 100;

function validColor(color) {
  if (!color) return false;
  try {
    return typeof CSS !== "undefined" && CSS.supports ? CSS.supports("color", color) : /^#[0-9a-f]{3,8}$/i.test(color);
  } catch {
    return false;
  }
}

const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;

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

  function drawText() {
    const drawn = ed.regions.map((r) => ({ start: r.start, end: r.end }));
    if (ed.pending) drawn.push({ start: ed.pending.start, end: ed.pending.end });
    const levels = spanLevels(drawn);
    ed.segs = segments(ed.doc.text.length, drawn);
    const starting = new Map(); // UTF-16 offset -> regions starting there
    for (const r of ed.regions) {
      if (!starting.has(r.start)) starting.set(r.start, []);
      starting.get(r.start).push(r);
    }

    // One element per covered piece; its style in one cssText write (colors were validated).
    const segment = (k, piece, first) => {
      const s = ed.segs[k];
      const node = document.createElement("span");
      node.textContent = piece;
      node.dataset.seg = String(k);
      let cls = "lw-seg";
      let css = "";
      const cover = s.cover.length && s.cover[s.cover.length - 1] === ed.regions.length ? s.cover.slice(0, -1) : s.cover;
      if (cover !== s.cover) cls += " lw-pending";
      if (cover.length) {
        let main = cover[0];
        for (const i of cover) {
          if (ed.regions[i].key === ed.selectedId) {
            main = i;
            cls += " lw-sel";
            break;
          }
          if (drawn[i].end - drawn[i].start < drawn[main].end - drawn[main].start) main = i;
        }
        const lines = cover.length === 1 ? [cover[0]] : cover.slice().sort((a, b) => levels[a] - levels[b]);
        css = `--lw-span:${ed.regions[main].color};box-shadow:${lines.map((i) => `0 ${2 * (levels[i] + 1)}px 0 0 ${ed.regions[i].color}`).join(",")};`;
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
      const text = ed.doc.text;
      const segs = ed.segs;
      const upto = drawnTask === ed.drawnTask ? Math.max(FIRST_CHARS, drawnTo) : FIRST_CHARS;
      drawnTask = ed.drawnTask;
      let k = 0; // the next segment to draw, and the offset reached (inside it, for plain text)
      let at = 0;
      // The pieces from `at` on, about `budget` units: a span's piece whole, plain text cut
      // anywhere outside a surrogate pair (adjacent text nodes lay out as one text).
      const piece = (budget) => {
        const frag = document.createDocumentFragment();
        const stop = at + budget;
        while (k < segs.length && at < stop) {
          const s = segs[k];
          if (s.cover.length) {
            frag.append(segment(k, text.slice(s.start, s.end), true));
            at = s.end;
          } else {
            let to = Math.min(s.end, stop);
            if (to < s.end && isLowSurrogate(text.charCodeAt(to))) to += 1;
            frag.append(document.createTextNode(text.slice(at, to)));
            at = to;
          }
          if (at >= s.end) k += 1;
        }
        drawnTo = at;
        return frag;
      };
      textBox.replaceChildren(piece(upto));
      if (k < segs.length) textMore.start(() => (k < segs.length ? piece(MORE_CHARS) : null));
      else textMore.stop();
      return;
    }
    textMore.stop();
    const copy = ed.doc.html.cloneNode(true);
    const nodes = docNodes(copy, kind);
    let k = 0;
    nodes.forEach((node, n) => {
      const a = ed.doc.starts[n];
      const b = a + ed.doc.lengths[n];
      while (k < ed.segs.length && ed.segs[k].end <= a) k += 1;
      let j = k;
      let covered = false;
      for (; j < ed.segs.length && ed.segs[j].start < b; j += 1) if (ed.segs[j].cover.length) covered = true;
      // Whitespace between table rows or list items stays as it is: wrapping it would add boxes.
      if (!covered || !/\S/.test(node.data)) return;
      const frag = document.createDocumentFragment();
      for (let q = k; q < j; q += 1) {
        const s = ed.segs[q];
        const from = Math.max(s.start, a);
        const to = Math.min(s.end, b);
        const piece = node.data.slice(from - a, to - a);
        frag.append(s.cover.length ? segment(q, piece, from === s.start) : document.createTextNode(piece));
      }
      node.replaceWith(frag);
    });
    if (kind === "paragraphs") textBox.replaceChildren(copy);
    else textBox.replaceChildren(...copy.childNodes);
  }

  function drawLabels(value) {
    const selected = ed.regions.find((r) => r.key === ed.selectedId);
    const several = groups().length > 1;
    labelsBox.replaceChildren(
      ...groups().map((g) => {
        const on = ed.armed.get(g.name) || [];
        const has = selected && selected.items[g.name] ? selected.items[g.name][g.label_key] || [] : [];
        return h("div", { class: `lw-span-group${g.show_inline ? " lw-inline" : ""}`, "data-control": g.name }, [
          several ? h("span", { class: "lw-span-group-name", text: g.name }) : null,
          ...g.options.map((o) => {
            const limit = o.max_usages || 0;
            const used = limit ? ed.usage(value, g.name, o.value) : 0;
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

  return { colorOf, drawAll, drawLabels, drawList, drawNote, drawText, labelText };
}
