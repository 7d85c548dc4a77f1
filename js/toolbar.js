// @ts-check
// Navigation, progress, save state and the keyboard of one Annotator; mirrors
// labelwidget/widgets/toolbar.py. Moves between tasks without waiting for the kernel, then
// tells Python (`navigate` messages); Python acks each one by `seq`.
import { isTyping, keepFocus, keyLabel, keyName } from "./_keys.js";
import { emit, h, listen } from "./_task_widget.js";

const ACTIONS = ["previous", "skip", "submit", "next", "undo_edit", "redo_edit", "undo_submit", "redo_submit"];
const EDIT_ACTIONS = ["undo_edit", "redo_edit"]; // while typing, the field's own undo acts
const TYPING_MERGE_MS = 1500; // keys typed in one field within this time are one edit
const UNFOCUSED = "Keys go to the widget once it has focus: click its text or any blank part of it (a blue ring shows it has focus).";
const LABELS = {
  previous: "◀ Previous", skip: "Skip", submit: "Submit", next: "Next ▶",
  undo_edit: "↶", redo_edit: "↷", undo_submit: "Undo submit", redo_submit: "Redo submit",
};
const TITLES = { undo_edit: "Undo the last edit of this task", redo_edit: "Redo the edit undone last" };

/**
 * @typedef {import("./_contract.js").NavigateMsg} NavigateMsg
 * @typedef {import("./_contract.js").EditsOpMsg} EditsOpMsg
 * Messages this widget sends to Python, and those it receives:
 * @typedef {NavigateMsg | EditsOpMsg} ToPython
 * @typedef {import("./_contract.js").AckMsg | import("./_contract.js").EditsMsg} FromPython
 */

/**
 * Synced traits of ToolbarWidget (labelwidget/widgets/toolbar.py).
 * @typedef {Object} Traits
 * @property {string} group
 * @property {Partial<import("./_contract.js").Nav>} nav
 * @property {Partial<import("./_contract.js").Progress>} progress
 * @property {Partial<import("./_contract.js").Status>} status
 * @property {Record<string, string[]>} shortcuts
 * @property {string[][]} help
 * @property {string} storage
 * @property {boolean} durable
 * @property {boolean} only_unlabeled
 * @property {Partial<import("./_contract.js").UndoInfo>} undo_info
 */

/** @param {import("@anywidget/types").RenderProps<Traits>} props */
function render({ model, el }) {
  const group = model.get("group");
  let nav = model.get("nav") || {};
  let shown = nav.center ?? null;
  let jump = nav.jump ?? 0;
  let shownAt = performance.now();
  let seq = 0;
  let dirty = false;
  const pending = new Set();

  const buttons = {};
  for (const action of ACTIONS) {
    buttons[action] = h("button", {
      type: "button",
      class: `lw-button lw-${action}`,
      "data-action": action,
      onclick: () => run(action),
      text: LABELS[action],
    });
  }
  buttons.undo_submit.classList.add("lw-undo");
  // The history of edits of each task (what Ctrl+Z undoes), mirrored in Python (edits.py):
  // task -> {undo: [{before, after, typing, at}], redo: [...]}.
  const edits = new Map();
  const historyOf = (task) => {
    if (!edits.has(task)) edits.set(task, { undo: [], redo: [] });
    return edits.get(task);
  };
  const progress = h("span", { class: "lw-progress" });
  const state = h("span", { class: "lw-state" });
  const message = h("div", { class: "lw-message", role: "status" });
  const filter = h("input", {
    type: "checkbox",
    class: "lw-only-unlabeled",
    onchange: () => {
      model.set("only_unlabeled", filter.checked);
      model.save_changes();
    },
  });
  const helpPanel = h("div", { class: "lw-help", hidden: true });
  const helpButton = h("button", {
    type: "button",
    class: "lw-button lw-help-button",
    title: "Keyboard shortcuts",
    text: "?",
    onclick: () => (helpPanel.hidden = !helpPanel.hidden),
  });
  el.append(
    h("div", { class: "lw-toolbar" }, [
      buttons.previous, buttons.skip, buttons.submit, buttons.next,
      buttons.undo_edit, buttons.redo_edit, buttons.undo_submit, buttons.redo_submit,
      h("label", { class: "lw-filter" }, [filter, " only unlabeled"]),
      progress, state,
      h("span", { class: "lw-focus-hint", text: "click the widget to use its keys" }),
      helpButton,
    ]),
    message,
    helpPanel,
  );

  function keysOf(action) {
    return (model.get("shortcuts") || {})[action] || [];
  }

  function drawState() {
    dirty = isDirty();
    // Plain sentences; storage reads "saved to labels.sqlite" or "in memory only: ...".
    let text;
    if (pending.size) text = `● saving… (${pending.size} not yet confirmed)`;
    else if (failed) text = "✗ not saved";
    else if (dirty) text = "● edited — not submitted";
    else text = model.get("durable") ? `✓ ${model.get("storage")}` : `✓ kept ${model.get("storage")}`;
    state.textContent = text;
    const kind = failed && !pending.size ? "lw-failed" : pending.size || dirty ? "lw-pending" : "lw-saved";
    state.className = `lw-state ${kind}`;
  }
  // The message line shows Python's status when it changes, else what the browser said last
  // (a refused submit): redrawing the save state must not wipe a message still to be read.
  function drawMessage() {
    const status = model.get("status") || {};
    say(status.kind || "info", status.text || "");
  }
  function isDirty() {
    return shown !== null && emit(group, { type: "dirty", task: shown, dirty: false }).dirty;
  }
  function drawProgress() {
    const p = model.get("progress") || {};
    let label = p.label ?? "";
    // Python's label can predate an edit made here: the task's marker follows the screen.
    const edited = isDirty();
    const mark = ", edited — not submitted)";
    if (edited && !label.endsWith(mark)) label = label.replace(/\)$/, mark);
    if (!edited && label.endsWith(mark)) label = label.slice(0, -mark.length) + ")";
    const unsaved = Math.max(p.unsaved ?? 0, edited ? 1 : 0);
    progress.textContent = `${label}  ·  ${p.done ?? 0}/${p.total ?? 0} done, ${p.skipped ?? 0} skipped` +
      (unsaved ? `, ${unsaved} edited — not submitted` : "") + (p.team ? `  ·  ${p.team}` : "") + (p.problems ? `  ·  ⚠ ${p.problems}` : "");
    progress.classList.toggle("lw-edited", edited);
    filter.checked = model.get("only_unlabeled");
    buttons.previous.disabled = !(nav.prev && nav.prev.length);
    drawUndo();
  }
  function drawUndo() {
    const info = model.get("undo_info") || {};
    const keys = (a) => keyLabel(keysOf(a).join(" / "));
    buttons.undo_submit.disabled = !info.undo;
    buttons.undo_submit.textContent = info.undo_task ? `Undo submit (${info.undo_task})` : LABELS.undo_submit;
    if (info.undo && info.undo.startsWith("skip")) buttons.undo_submit.textContent = `Undo skip (${info.undo_task})`;
    buttons.undo_submit.title = info.undo ? `Undo the ${info.undo} [${keys("undo_submit")}]` : "No submit to undo";
    buttons.redo_submit.hidden = !info.redo;
    buttons.redo_submit.textContent = info.redo && info.redo.startsWith("skip") ? "Redo skip" : LABELS.redo_submit;
    buttons.redo_submit.title = info.redo ? `Do again the ${info.redo} [${keys("redo_submit")}]` : "";
    const h = shown === null ? { undo: [], redo: [] } : historyOf(shown);
    buttons.undo_edit.disabled = !h.undo.length;
    buttons.redo_edit.disabled = !h.redo.length;
    buttons.undo_edit.title = `${TITLES.undo_edit} [${keys("undo_edit")}]`;
    buttons.redo_edit.title = `${TITLES.redo_edit} [${keys("redo_edit")}]`;
  }
  function drawHelp() {
    helpPanel.replaceChildren(
      h("table", {}, (model.get("help") || []).map(([keys, what]) =>
        h("tr", {}, [h("td", {}, h("kbd", { text: keyLabel(keys) })), h("td", { text: what })]))),
    );
  }

  function say(kind, text) {
    message.textContent = text;
    message.className = `lw-message lw-${kind}`;
  }

  function tellEdits(op, task, entry = null) {
    send({ type: "edits", op, task, entry: entry && { before: entry.before, after: entry.after } });
  }

  // Undo/redo of an edit: drawn here within the frame (each view takes its controls' values),
  // then Python replays the same step on its copy of the history.
  function undoEdit(redo) {
    const task = shown;
    const history = historyOf(task);
    const entry = (redo ? history.redo : history.undo).pop();
    if (!entry) {
      say("info", redo ? "nothing to redo on this task" : "nothing to undo on this task (Undo submit reverts a submit)");
      return;
    }
    (redo ? history.undo : history.redo).push(entry);
    entry.typing = false; // an undone run of typing is closed
    emit(group, { type: "restore", task, values: redo ? entry.after : entry.before });
    tellEdits(redo ? "redo" : "undo", task);
    say("info", "");
    drawProgress();
    drawState();
  }

  function run(action) {
    const from = shown;
    if (action === "undo_edit" || action === "redo_edit") {
      undoEdit(action === "redo_edit");
      return;
    }
    if (action === "undo_submit" || action === "redo_submit") {
      send({ type: "navigate", action, task: from, to: null, values: null });
      return;
    }
    let values = null;
    if (action === "submit") {
      const collected = emit(group, { type: "collect", task: from, values: {}, missing: [] });
      if (collected.missing.length) {
        say("error", `Cannot submit: ${collected.missing.join("; ")}`);
        return;
      }
      values = collected.values;
      emit(group, { type: "commit", task: from, values });
      edits.delete(from); // submitted: its edits are no longer undone one by one
    }
    const prev = nav.prev || [];
    const next = nav.next || [];
    const to = action === "previous" ? prev[0] : next[0];
    // How many tasks are still held past the new one: Python deepens the window when this
    // runs low (keys faster than the kernel answers; labelwidget/prefetch.py).
    const ahead = action === "previous" ? next.length + 1 : Math.max(0, next.length - 1);
    send({ type: "navigate", action, task: from, to: to ?? null, values, ahead });
    if (to === undefined || to === null) return; // end of the queue: Python says what next
    nav = action === "previous"
      ? { ...nav, center: to, prev: prev.slice(1), next: [from, ...next] }
      : { ...nav, center: to, prev: action === "skip" || action === "submit" || action === "next" ? [from, ...prev] : prev, next: next.slice(1) };
    showTask(to);
  }

  function showTask(task) {
    shown = task;
    shownAt = performance.now();
    dirty = false;
    emit(group, { type: "show", task });
    say("info", "");
    drawProgress();
    drawState();
  }

  // Messages to Python leave after the frame that shows the move (serializing and writing to
  // the kernel websocket cost about 1 ms, off the key -> paint path); in order, and at the
  // latest 50 ms later (a hidden page runs no animation frames).
  /** @type {ToPython[]} */
  const outbox = [];
  function flush() {
    for (const m of outbox.splice(0)) model.send(m);
  }
  let failed = false; // the last save was refused: say so until one succeeds
  /** @param {Omit<NavigateMsg, "seq" | "lead_time"> | Omit<EditsOpMsg, "seq" | "lead_time">} msg */
  function send(msg) {
    seq += 1;
    // Only what writes counts as unsaved; moving between tasks saves nothing.
    if (msg.type === "navigate" && ["submit", "skip", "undo_submit", "redo_submit"].includes(msg.action)) pending.add(seq);
    outbox.push({ ...msg, seq, lead_time: (performance.now() - shownAt) / 1000 });
    if (outbox.length === 1) {
      requestAnimationFrame(() => setTimeout(flush, 0));
      setTimeout(flush, 50);
    }
    drawState();
  }

  model.on("msg:custom", (/** @type {FromPython} */ msg) => {
    if (msg.type === "edits") {
      // Python changed a task's history itself (set, undo_edit, undo_submit): take its copy.
      edits.set(msg.task, { undo: msg.undo || [], redo: msg.redo || [] });
      drawProgress();
      drawState();
      return;
    }
    if (msg.type !== "ack") return;
    const writing = pending.delete(msg.seq);
    if (msg.error) say("error", msg.error);
    if (writing) failed = Boolean(msg.error);
    drawState();
  });
  model.on("change:nav", () => {
    const incoming = model.get("nav") || {};
    const next = incoming.next || [];
    const at = next.indexOf(shown);
    if ((incoming.jump ?? 0) > jump) {
      // Python moved (go_to, undo, end of the queue): every view follows, from here.
      jump = incoming.jump;
      nav = incoming;
      showTask(incoming.center);
      return;
    } else if (incoming.center === shown) {
      nav = incoming;
    } else if (at >= 0) {
      // Python is still behind the moves made here: keep the queue ahead of the shown task fed
      // from its window (the widgets hold payloads for the same keys).
      nav = {
        ...incoming,
        center: shown,
        prev: [...next.slice(0, at).reverse(), incoming.center, ...(incoming.prev || [])],
        next: next.slice(at + 1),
      };
    }
    drawProgress();
  });
  model.on("change:progress", () => {
    drawProgress();
    drawState();
  });
  model.on("change:status", () => {
    drawMessage();
    drawState();
  });
  model.on("change:storage", drawState);
  model.on("change:durable", drawState);
  model.on("change:only_unlabeled", drawProgress);
  model.on("change:help", drawHelp);
  model.on("change:undo_info", drawUndo);
  const off = listen(group, (msg) => {
    if (msg.type !== "edited" || !Object.keys(msg.after || {}).length) return;
    const history = historyOf(msg.task);
    const top = history.undo[history.undo.length - 1];
    const now = performance.now();
    const keys = (o) => Object.keys(o).sort().join(",");
    if (msg.typing && top && top.typing && keys(top.after) === keys(msg.after) && now - top.at < TYPING_MERGE_MS && !history.redo.length) {
      top.after = msg.after;
      top.at = now;
      tellEdits("merge", msg.task, top);
    } else {
      const entry = { before: msg.before, after: msg.after, typing: msg.typing, at: now };
      history.undo.push(entry);
      if (history.undo.length > 200) history.undo.shift();
      history.redo = [];
      tellEdits("push", msg.task, entry);
    }
    if (msg.task === shown) {
      drawProgress();
      drawState();
    }
  });

  // Keys: listen on the whole annotator, so a key works wherever focus is inside it, and keep
  // them from reaching JupyterLab (whose single-key shortcuts would change the notebook).
  function onKey(event) {
    const key = keyName(event);
    const typing = isTyping(event.target);
    const action = ACTIONS.find((a) => keysOf(a).includes(key));
    if (typing && !(action && key.includes("ctrl") && !EDIT_ACTIONS.includes(action))) {
      event.stopPropagation(); // typing stays in the field
      return;
    }
    if (action) {
      event.preventDefault();
      event.stopPropagation();
      run(action);
      return;
    }
    const hit = emit(group, { type: "hotkey", key, handled: false });
    if (hit.handled) event.preventDefault();
    if (hit.handled || !(event.ctrlKey || event.metaKey || event.altKey)) event.stopPropagation();
  }
  let root = null;
  let unguard = null; // removes the focus rule (keepFocus)
  function attach() {
    root = el.closest(".lw-annotator");
    if (!root) {
      if (el.isConnected || attach.tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    if (root.dataset.lwKeys) return;
    root.dataset.lwKeys = "1";
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    root.tabIndex = 0;
    root.addEventListener("keydown", onKey);
    const unkeep = keepFocus(root, () => say("error", UNFOCUSED));
    const forget = () => message.textContent === UNFOCUSED && say("info", "");
    root.addEventListener("focusin", forget);
    unguard = () => {
      unkeep();
      root.removeEventListener("focusin", forget);
    };
  }
  attach.tries = 0;
  attach();

  drawProgress();
  drawState();
  drawMessage();
  drawHelp();
  return () => {
    flush();
    off();
    if (root && root.dataset.lwKeys) {
      root.removeEventListener("keydown", onKey);
      if (unguard) unguard();
      delete root.dataset.lwKeys;
    }
  };
}

export default { render };
