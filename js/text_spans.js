// @ts-check
// Span labeling on Text, HyperText and Paragraphs (NER, dialogues); mirrors
// labelwidget/widgets/text_spans.py.
//
// One view shows the object (plain text, HTML sanitized by Python, or a dialogue's turns,
// where a span is placed by turn index + offsets, as HyperText's by XPath) and every Labels group
// on it; its value is {[group]: [span, ...]} in the cell format of DESIGN.md section 2.
// The browser owns the gesture: a selection becomes a highlighted span in this frame and only
// then goes to Python (task.edit). Label first then select, or select then label (click or key);
// click a span to select it (clicks cycle through overlapping ones), a label relabels it,
// Delete/Backspace removes it, Escape clears. Text is never parsed as HTML here.
import { regionAnnouncer, regionReporter } from "./_region_events.js";
import { relationRoom } from "./_relation_room.js";
import { bindTask, emptyCell, h } from "./_task_widget.js";
import { quote } from "./_offsets.js";
import { audioSync, dialogueProblem } from "./_dialogue.js";
import { spanDocument } from "./_span_document.js";
import { spanEdits } from "./_span_edits.js";
import { spanGestures } from "./_span_gestures.js";
import { spanPainter } from "./_span_painter.js";
import { spanPrepared } from "./_span_prepared.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of TextSpansWidget (labelwidget/widgets/text_spans.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {"text" | "html" | "paragraphs"} kind
 * @property {"symbol" | "word" | "paragraph"} granularity
 * @property {import("./_contract.js").SpanGroup[]} groups
 */

/**
 * What the view's parts (js/_*.js modules) share: its model, typed, and its editor state.
 * @typedef {{model: import("@anywidget/types").AnyModel<TaskTraits & Traits>, [key: string]: any}} Editor
 */

// UTF-16 units from which a document counts as long (see labelwidget.css, lw-long).
const LONG = 20000;

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
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
  // What the view's parts (document, painter, edits, gestures) share; see _span_*.js.
  const ed = /** @type {Editor} */ ({
    model,
    drawnTask: undefined,
    armed: new Map(), // group -> [label values] applied to the next selection
    selectedId: null, // region id
    pending: null, // {start, end} UTF-16 offsets of a selection waiting for a label
    note: null, // {kind, text}
    doc: null, // {text, map, html?, starts?, lengths?, xpaths?, turnStarts?, turnEnds?}
    prep: null, // the shown task as prepared for drawing (_span_prepared.js)
    regions: [], // drawn spans, one per region id
    segs: [],
    // The task binding (set once bindTask returns; its first render runs before that).
    task: null,
  });

  const groups = () => model.get("groups") || [];
  const groupOf = (g) => groups().find((x) => x.name === g);

  // -- drawing ------------------------------------------------------------------------------------
  function draw(payload, value) {
    const taskKey = ed.task ? ed.task.task() : model.get("task");
    if (taskKey !== ed.drawnTask) {
      ed.drawnTask = taskKey;
      // A long text starts at its top. Written only when the box was scrolled, and after the
      // new text is in: writing scrollTop lays the page out there and then.
      toTop = scrolled;
      ed.selectedId = null;
      ed.pending = null;
      ed.note = null;
      ed.armed = new Map();
      for (const g of groups()) {
        const chosen = g.options.filter((o) => o.selected).map((o) => o.value);
        if (chosen.length) ed.armed.set(g.name, g.choice === "multiple" ? chosen : chosen.slice(0, 1));
      }
    }
    if (!payload) {
      if (toTop) textBox.scrollTop = 0;
      toTop = false;
      ed.doc = null;
      ed.prep = null;
      ed.regions = [];
      textBox.textContent = "…";
      ed.drawLabels(value || {});
      listBox.replaceChildren();
      ed.drawNote();
      return;
    }
    // Prepared ahead (idle time) for a task held ahead of the shown one: see _span_prepared.js.
    ed.prep = ed.prepared(ed.drawnTask, payload, value || {});
    ed.doc = ed.prep.doc;
    ed.regions = ed.prep.regions;
    // A long document's blocks out of view are left to the browser's own virtualization
    // (content-visibility, labelwidget.css); a short one is laid out whole, as it always was.
    textBox.classList.toggle("lw-long", ed.doc.text.length > LONG);
    if (ed.selectedId !== null && !ed.regions.some((r) => r.key === ed.selectedId)) ed.selectedId = null;
    ed.drawText();
    const empty = emptyCell(payload) || dialogueProblem(payload);
    if (empty) textBox.replaceChildren(h("span", { class: "lw-empty-cell", text: empty }));
    ed.drawLabels(value || {});
    ed.drawList();
    ed.drawNote();
    reporter.moved(ed.drawnTask);
    if (sync) sync.redraw();
    announce();
    if (toTop) {
      toTop = false;
      scrolled = false;
      textBox.scrollTop = 0;
    }
  }
  let toTop = false;
  let scrolled = false;
  textBox.addEventListener("scroll", () => {
    scrolled = textBox.scrollTop > 0;
  }, { passive: true });

  // Per-region controls and visibleWhen follow the selection (see _task_widget.js).
  const announcer = regionAnnouncer(model.get("group"), name);
  function announce() {
    const at = ed.regions.findIndex((r) => r.key === ed.selectedId);
    announcer(ed.drawnTask, at >= 0 ? ed.prep.described[at] : null, ed.prep.described);
  }

  // Where each span is (its first piece), for relations drawn between regions.
  const reporter = regionReporter(model.get("group"), name, (taskKey) => {
    if (taskKey !== ed.drawnTask || !ed.doc) return [];
    ed.drawAll(); // a relation may end at a span below what is drawn so far
    const first = new Map();
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (textBox.querySelectorAll(".lw-seg"))) {
      for (const i of ed.segs[Number(node.dataset.seg)].cover) if (ed.regions[i] && !first.has(i)) first.set(i, node);
    }
    return [...first].map(([i, node]) => {
      const box = node.getBoundingClientRect();
      const r = ed.regions[i];
      return { id: r.id, text: quote(r.text, 30), label: r.name, selected: r.key === ed.selectedId, rect: { left: box.left, top: box.top, width: box.width, height: box.height } };
    });
  }, () => relationRoom(textBox));

  function redraw() {
    draw(ed.task.payload(), ed.task.value());
  }

  // The view's parts share `ed`: its state and the helpers above, then each part's own.
  Object.assign(ed, { model, el, name, kind, root, labelsBox, noteBox, textBox, listBox, groups, groupOf, draw, redraw });
  Object.assign(ed, spanDocument(ed), spanPainter(ed), spanEdits(ed), spanGestures(ed));
  Object.assign(ed, spanPrepared(ed));

  // A dialogue synced with an <Audio> marks the turn playing; a turn's ▶ plays it.
  const sync = kind === "paragraphs" ? audioSync(el, textBox, () => {
    const payload = ed.task ? ed.task.payload() : null;
    return payload ? payload.data : null;
  }) : null;

  ed.task = bindTask(model, el, {
    render: draw,
    hotkey(key) {
      if (!ed.doc) return false;
      if (key === "escape") {
        if (ed.pending || ed.selectedId !== null || ed.note) {
          ed.pending = null;
          ed.selectedId = null;
          ed.note = null;
        } else if (ed.armed.size) {
          ed.armed = new Map();
        } else {
          return false;
        }
        redraw();
        return true;
      }
      if (key === "delete" || key === "backspace") {
        const region = ed.regions.find((r) => r.key === ed.selectedId);
        if (!region) return false;
        ed.removeRegion(region);
        return true;
      }
      for (const g of groups()) {
        const o = g.options.find((x) => x.hotkey && x.hotkey.toLowerCase() === key);
        if (o) {
          ed.applyLabel(g.name, o.value);
          return true;
        }
      }
      return false;
    },
    missing(value, payload) {
      const empty = emptyCell(payload) || dialogueProblem(payload);
      if (empty) return [empty];
      return groups()
        .filter((g) => g.required && !((value && value[g.name]) || []).length)
        .map((g) => g.required_message || `label at least one span for ${g.name}`);
    },
  });

  return () => {
    if (sync) sync.dispose();
    ed.disposePrepared();
    textBox.removeEventListener("mousedown", ed.onDown);
    document.removeEventListener("mouseup", ed.onUp, true);
    reporter.dispose();
    ed.task.dispose();
  };
}

export default { render };
