// @ts-check
// What a span view computes from a task before it draws (the document, its spans placed, the
// segments the spans cut it into, their underline levels), kept per task and computed ahead,
// in idle time, for the tasks the browser holds: a task switch then only draws what shows.
// Part of js/text_spans.js, sharing its view state `ed`.
import { segments, spanLevels } from "./_offsets.js";
import { idleSteps } from "./_idle.js";

/**
 * @typedef {Object} Prepared
 * @property {any} payload the payload it was prepared from
 * @property {any} value the value it was prepared for
 * @property {any} doc
 * @property {any[]} regions
 * @property {{start: number, end: number, cover: number[]}[]} segs
 * @property {number[]} levels
 * @property {Map<number, any[]>} starting UTF-16 offset -> regions starting there
 * @property {any[]} described the regions as announced to per-region controls
 * @property {string} [valueText] JSON of the value (to recognise it in a new copy of the payload)
 * @property {Node | null} [dom] HyperText, dialogues: the marked copy made ahead (used once)
 * @property {boolean} [marking] the marked copy is being made
 */

const EMPTY = Object.freeze({});

/** @param {import("./text_spans.js").Editor} ed */
export function spanPrepared(ed) {
  /** @type {Map<string, Prepared>} */
  const kept = new Map();

  const sourceOf = (payload) => (ed.kind === "html" ? payload.data.html : ed.kind === "paragraphs" ? JSON.stringify(payload.data.turns || []) : payload.data.text);

  /** @returns {Prepared} */
  function build(payload, value, doc) {
    doc = doc || ed.docFor(payload);
    const regions = ed.regionsOf(value, doc);
    const spans = regions.map((r) => ({ start: r.start, end: r.end }));
    const starting = new Map();
    for (const r of regions) {
      if (!starting.has(r.start)) starting.set(r.start, []);
      starting.get(r.start).push(r);
    }
    const described = regions.map((r) => ({ id: r.id, controls: Object.keys(r.items), labels: r.labels.map((l) => l.value), text: r.text }));
    return { payload, value, doc, regions, segs: segments(doc.text.length, spans), levels: spanLevels(spans), starting, described };
  }

  /**
   * The task prepared for drawing `value` (kept when it was prepared for that document and
   * that very value already: a switch to a task held ahead, a redraw of the shown task).
   * The regions hold the value's own items (edits find them by identity).
   * @returns {Prepared}
   */
  function prepared(task, payload, value) {
    const k = kept.get(task);
    const sameDoc = Boolean(k) && (k.payload === payload || sourceOf(k.payload) === sourceOf(payload));
    if (sameDoc && k.value === value) {
      k.payload = payload;
      return k;
    }
    const made = build(payload, value, sameDoc ? k.doc : null);
    kept.set(task, made);
    return made;
  }

  // -- ahead of the key press -------------------------------------------------------------------
  // Python sends the window of tasks again after each move: a task prepared from an earlier
  // copy of its payload is taken over when the copy says the same (same document, rev and
  // value), which costs a comparison instead of a preparation; its regions then point at the
  // new copy's items.
  function takeOver(k, payload) {
    const own = payload.value || EMPTY;
    if (k.value !== (k.payload.value || EMPTY) || k.payload.rev !== payload.rev) return false;
    if (sourceOf(k.payload) !== sourceOf(payload)) return false;
    if (k.valueText === undefined) k.valueText = JSON.stringify(k.value);
    if (JSON.stringify(own) !== k.valueText) return false;
    for (const r of k.regions) for (const [g, i] of Object.entries(r.at)) r.items[g] = own[g][i];
    k.payload = payload;
    k.value = own;
    return true;
  }

  // One step per idle slice: a task's preparation, or (HyperText, dialogues) a batch of its
  // marked copy (_span_painter.js markAhead).
  function* aheadSteps() {
    for (const key of Object.keys(ed.model.get("tasks") || {})) {
      const payload = (ed.model.get("tasks") || {})[key];
      if (!payload || !payload.data || key === ed.drawnTask) continue;
      let k = kept.get(key);
      if (!k || k.payload !== payload) {
        try {
          if (!(k && takeOver(k, payload))) k = prepared(key, payload, payload.value || EMPTY);
        } catch {
          kept.delete(key); // a payload the view cannot read: the switch says why, as before
          continue;
        }
        yield;
      }
      if (ed.kind !== "text" && !k.dom && !k.marking) {
        k.marking = true;
        try {
          yield* ed.markAhead(k);
        } finally {
          k.marking = false;
        }
      }
    }
  }

  let cancel = null;
  function ahead() {
    if (cancel) cancel();
    const tasks = ed.model.get("tasks") || {};
    for (const key of [...kept.keys()]) if (!(key in tasks)) kept.delete(key);
    const steps = aheadSteps();
    cancel = idleSteps(() => {
      if (!steps.next().done) return true;
      cancel = null;
      return false;
    });
  }
  ed.model.on("change:tasks", ahead);
  ahead();

  return {
    prepared,
    disposePrepared() {
      if (cancel) cancel();
      ed.model.off("change:tasks", ahead);
      kept.clear();
    },
  };
}
