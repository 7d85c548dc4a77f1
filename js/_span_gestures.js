// @ts-check
// The mouse on the text: a selection becomes a span (or waits for a label), a click selects
// the spans under it; part of js/text_spans.js, sharing its view state `ed`.
import { quote, settleRange } from "./_offsets.js";
import { snapToTurns } from "./_dialogue.js";

/** @param {import("./text_spans.js").Editor} ed */
export function spanGestures(ed) {
  const { model, redraw, textBox } = ed;

  // -- the gesture --------------------------------------------------------------------------------
  function boundary(node, offset) {
    if (ed.kind === "paragraphs") return turnBoundary(node, offset);
    const whole = document.createRange();
    whole.selectNodeContents(textBox);
    let where;
    try {
      where = whole.comparePoint(node, offset);
    } catch {
      return null;
    }
    if (where < 0) return 0;
    if (where > 0) return ed.doc.text.length;
    const upto = document.createRange();
    upto.setStart(textBox, 0);
    upto.setEnd(node, offset);
    return upto.toString().length; // text node data only: label chips (::before) do not count
  }

  // A point of the selection in a dialogue: inside a turn's text, that turn's start plus the
  // characters before it; elsewhere (a speaker's name, between turns), the next turn's start.
  function turnBoundary(node, offset) {
    const phrases = textBox.querySelectorAll(".lw-phrase");
    for (let i = 0; i < phrases.length; i += 1) {
      const around = document.createRange();
      around.selectNodeContents(phrases[i]);
      let where;
      try {
        where = around.comparePoint(node, offset);
      } catch {
        return null;
      }
      if (where < 0) return ed.doc.turnStarts[i];
      if (where === 0) {
        const upto = document.createRange();
        upto.setStart(phrases[i], 0);
        upto.setEnd(node, offset);
        return ed.doc.turnStarts[i] + upto.toString().length;
      }
    }
    return ed.doc.text.length;
  }

  function selectionRange() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || !ed.doc) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(textBox)) return null;
    const start = boundary(range.startContainer, range.startOffset);
    const end = boundary(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return null;
    const settled = settleRange(ed.doc.text, start, end, model.get("granularity"));
    if (!settled || ed.kind !== "paragraphs" || model.get("granularity") !== "paragraph") return settled;
    return snapToTurns(ed.doc.turnStarts, ed.doc.turnEnds, settled[0], settled[1]);
  }

  function regionsAt(target) {
    const seg = target && target.closest ? target.closest(".lw-seg") : null;
    if (!seg || !textBox.contains(seg)) return [];
    const s = ed.segs[Number(seg.dataset.seg)];
    if (!s) return [];
    return s.cover.filter((i) => i < ed.regions.length).map((i) => ed.regions[i]).sort((a, b) => a.end - a.start - (b.end - b.start));
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
    if (!start || !ed.doc) return;
    const range = selectionRange();
    if (range) {
      window.getSelection().removeAllRanges();
      const byGroup = [...ed.armed].filter(([, ls]) => ls.length);
      if (byGroup.length) {
        ed.selectedId = null;
        ed.create(range[0], range[1], byGroup);
      } else {
        ed.pending = { start: range[0], end: range[1] };
        ed.selectedId = null;
        ed.note = null;
        redraw();
      }
      return;
    }
    const moved = Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > 3;
    if (moved) return;
    const hits = regionsAt(event.target);
    ed.pending = null;
    ed.note = null;
    if (!hits.length) {
      ed.selectedId = null;
    } else {
      const at = hits.findIndex((r) => r.key === ed.selectedId);
      ed.selectedId = hits[(at + 1) % hits.length].key; // repeated clicks cycle through overlaps
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

  return { onDown, onUp };
}
