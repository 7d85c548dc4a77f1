// Navigation, progress, save state and the keyboard of one Annotator; mirrors
// labelwidget/widgets/toolbar.py. Moves between tasks without waiting for the kernel, then
// tells Python (`navigate` messages); Python acks each one by `seq`.
import { emit, h, isTyping, keepFocus, keyLabel, keyName, listen } from "./_task_widget.js";

const ACTIONS = ["previous", "skip", "submit", "next", "undo"];
const UNFOCUSED = "Keys go to the widget once it has focus: click its text or any blank part of it (a blue ring shows it has focus).";
const LABELS = { previous: "◀ Previous", skip: "Skip", submit: "Submit", next: "Next ▶", undo: "Undo" };

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
      buttons.previous, buttons.skip, buttons.submit, buttons.next, buttons.undo,
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
    const status = model.get("status") || {};
    let text;
    if (pending.size) text = `● ${pending.size} unsaved`;
    else if (failed) text = "✗ not saved";
    else if (dirty) text = "● edited";
    else text = model.get("durable") ? "✓" : "✓ recorded";
    // storage reads "saved to labels.sqlite" or "in memory only: ..."
    state.textContent = failed && !pending.size ? text : `${text} ${model.get("storage")}`;
    const kind = failed && !pending.size ? "lw-failed" : pending.size || dirty ? "lw-pending" : "lw-saved";
    state.className = `lw-state ${kind}`;
    message.textContent = status.text || "";
    message.className = `lw-message lw-${status.kind || "info"}`;
  }
  function drawProgress() {
    const p = model.get("progress") || {};
    progress.textContent = `${p.label ?? ""}  ·  ${p.done ?? 0}/${p.total ?? 0} done, ${p.skipped ?? 0} skipped${p.team ? `  ·  ${p.team}` : ""}${p.problems ? `  ·  ⚠ ${p.problems}` : ""}`;
    filter.checked = model.get("only_unlabeled");
    buttons.previous.disabled = !(nav.prev && nav.prev.length);
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

  function run(action) {
    const from = shown;
    if (action === "undo") {
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
    }
    const prev = nav.prev || [];
    const next = nav.next || [];
    const to = action === "previous" ? prev[0] : next[0];
    send({ type: "navigate", action, task: from, to: to ?? null, values });
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
  const outbox = [];
  function flush() {
    for (const m of outbox.splice(0)) model.send(m);
  }
  let failed = false; // the last save was refused: say so until one succeeds
  function send(msg) {
    seq += 1;
    // Only what writes counts as unsaved; moving between tasks saves nothing.
    if (["submit", "skip", "undo"].includes(msg.action)) pending.add(seq);
    outbox.push({ ...msg, seq, lead_time: (performance.now() - shownAt) / 1000 });
    if (outbox.length === 1) {
      requestAnimationFrame(() => setTimeout(flush, 0));
      setTimeout(flush, 50);
    }
    drawState();
  }

  model.on("msg:custom", (msg) => {
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
  model.on("change:progress", drawProgress);
  model.on("change:status", drawState);
  model.on("change:storage", drawState);
  model.on("change:durable", drawState);
  model.on("change:only_unlabeled", drawProgress);
  model.on("change:help", drawHelp);
  const off = listen(group, (msg) => {
    if (msg.type === "edited" && msg.task === shown) {
      dirty = true;
      drawState();
    }
  });

  // Keys: listen on the whole annotator, so a key works wherever focus is inside it, and keep
  // them from reaching JupyterLab (whose single-key shortcuts would change the notebook).
  function onKey(event) {
    const key = keyName(event);
    const typing = isTyping(event.target);
    const action = ACTIONS.find((a) => keysOf(a).includes(key));
    if (typing && !(action && key.includes("ctrl"))) {
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
