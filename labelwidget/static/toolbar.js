// Generated from js/ by `npm run build`: edit the sources, not this file.

// js/_keys.js
function keyName(event) {
  const parts = [];
  if (event.ctrlKey || event.metaKey) parts.push("ctrl");
  if (event.altKey) parts.push("alt");
  let key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase();
  if (key === " ") key = "space";
  const combo = event.ctrlKey || event.metaKey || event.altKey;
  if (event.shiftKey && (event.key.length !== 1 || combo)) parts.push("shift");
  if (!["control", "meta", "alt", "shift"].includes(key)) parts.push(key);
  return parts.join("+");
}
var KEY_LABELS = {
  ctrl: "Ctrl",
  alt: "Alt",
  shift: "Shift",
  enter: "Enter",
  space: "Space",
  escape: "Esc",
  delete: "Delete",
  backspace: "Backspace",
  tab: "Tab",
  arrowleft: "\u2190",
  arrowright: "\u2192",
  arrowup: "\u2191",
  arrowdown: "\u2193",
  pageup: "PageUp",
  pagedown: "PageDown",
  home: "Home",
  end: "End"
};
function keyLabel(key) {
  return String(key).split(" / ").map((one) => one.split("+").map((part, i, all) => KEY_LABELS[part] ?? (part === "" && i === all.length - 1 ? "+" : all.length > 1 ? part.toUpperCase() : part)).filter((part, i, all) => part !== "" || i === all.length - 1).join("+")).join(" / ");
}
function isTyping(target) {
  if (!target || !target.closest) return false;
  return Boolean(target.closest("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable=''], [contenteditable=true]"));
}
function focusTargetOf(node, root) {
  const scope = node.closest("[data-lw-focus-scope]");
  const target = scope && root.contains(scope) ? scope.querySelector("[data-lw-focus-target]") : null;
  return target || root;
}
var PASS_KEYS = /* @__PURE__ */ new Set(["Shift", "Control", "Alt", "Meta", "Tab", " ", "PageUp", "PageDown", "Home", "End"]);
function keepFocus(root, onStrayKey) {
  function onDown(event) {
    const t = event.target;
    if (!(t instanceof Element) || isTyping(t)) return;
    const target = focusTargetOf(t, root);
    const focusable = t.closest("button, a[href], summary, [tabindex]");
    if (focusable && focusable !== target && root.contains(focusable)) event.preventDefault();
    if (document.activeElement !== target) target.focus({ preventScroll: true });
  }
  function onKey(event) {
    if (root.contains(document.activeElement) || !root.matches(":hover")) return;
    if (isTyping(document.activeElement) || PASS_KEYS.has(event.key) || /^F\d+$/.test(event.key)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    onStrayKey(event);
  }
  root.addEventListener("mousedown", onDown, true);
  window.addEventListener("keydown", onKey, true);
  return () => {
    root.removeEventListener("mousedown", onDown, true);
    window.removeEventListener("keydown", onKey, true);
  };
}

// js/_task_widget.js
var channel = (group) => `labelwidget:${group}`;
function emit(group, detail) {
  window.dispatchEvent(new CustomEvent(channel(group), { detail }));
  return detail;
}
function listen(group, handler) {
  const fn = (event) => handler(event.detail);
  window.addEventListener(channel(group), fn);
  return () => window.removeEventListener(channel(group), fn);
}
function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === void 0 || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (
    const child of
    /** @type {Child[]} */
    [].concat(children)
  ) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// js/toolbar.js
var ACTIONS = ["previous", "skip", "submit", "next", "undo_edit", "redo_edit", "undo_submit", "redo_submit"];
var EDIT_ACTIONS = ["undo_edit", "redo_edit"];
var TYPING_MERGE_MS = 1500;
var UNFOCUSED = "Keys go to the widget once it has focus: click its text or any blank part of it (a blue ring shows it has focus).";
var LABELS = {
  previous: "\u25C0 Previous",
  skip: "Skip",
  submit: "Submit",
  next: "Next \u25B6",
  undo_edit: "\u21B6",
  redo_edit: "\u21B7",
  undo_submit: "Undo submit",
  redo_submit: "Redo submit"
};
var TITLES = { undo_edit: "Undo the last edit of this task", redo_edit: "Redo the edit undone last" };
function render({ model, el }) {
  const group = model.get("group");
  let nav = model.get("nav") || {};
  let shown = nav.center ?? null;
  let jump = nav.jump ?? 0;
  let shownAt = performance.now();
  let seq = 0;
  let dirty = false;
  const pending = /* @__PURE__ */ new Set();
  const buttons = {};
  for (const action of ACTIONS) {
    buttons[action] = h("button", {
      type: "button",
      class: `lw-button lw-${action}`,
      "data-action": action,
      onclick: () => run(action),
      text: LABELS[action]
    });
  }
  buttons.undo_submit.classList.add("lw-undo");
  const edits = /* @__PURE__ */ new Map();
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
    }
  });
  const helpPanel = h("div", { class: "lw-help", hidden: true });
  const helpButton = h("button", {
    type: "button",
    class: "lw-button lw-help-button",
    title: "Keyboard shortcuts",
    text: "?",
    onclick: () => helpPanel.hidden = !helpPanel.hidden
  });
  el.append(
    h("div", { class: "lw-toolbar" }, [
      buttons.previous,
      buttons.skip,
      buttons.submit,
      buttons.next,
      buttons.undo_edit,
      buttons.redo_edit,
      buttons.undo_submit,
      buttons.redo_submit,
      h("label", { class: "lw-filter" }, [filter, " only unlabeled"]),
      progress,
      state,
      h("span", { class: "lw-focus-hint", text: "click the widget to use its keys" }),
      helpButton
    ]),
    message,
    helpPanel
  );
  function keysOf(action) {
    return (model.get("shortcuts") || {})[action] || [];
  }
  function drawState() {
    dirty = isDirty();
    let text;
    if (pending.size) text = `\u25CF saving\u2026 (${pending.size} not yet confirmed)`;
    else if (failed) text = "\u2717 not saved";
    else if (dirty) text = "\u25CF edited \u2014 not submitted";
    else text = model.get("durable") ? `\u2713 ${model.get("storage")}` : `\u2713 kept ${model.get("storage")}`;
    state.textContent = text;
    const kind = failed && !pending.size ? "lw-failed" : pending.size || dirty ? "lw-pending" : "lw-saved";
    state.className = `lw-state ${kind}`;
  }
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
    const edited = isDirty();
    const mark = ", edited \u2014 not submitted)";
    if (edited && !label.endsWith(mark)) label = label.replace(/\)$/, mark);
    if (!edited && label.endsWith(mark)) label = label.slice(0, -mark.length) + ")";
    const unsaved = Math.max(p.unsaved ?? 0, edited ? 1 : 0);
    progress.textContent = `${label}  \xB7  ${p.done ?? 0}/${p.total ?? 0} done, ${p.skipped ?? 0} skipped` + (unsaved ? `, ${unsaved} edited \u2014 not submitted` : "") + (p.team ? `  \xB7  ${p.team}` : "") + (p.problems ? `  \xB7  \u26A0 ${p.problems}` : "");
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
    const h2 = shown === null ? { undo: [], redo: [] } : historyOf(shown);
    buttons.undo_edit.disabled = !h2.undo.length;
    buttons.redo_edit.disabled = !h2.redo.length;
    buttons.undo_edit.title = `${TITLES.undo_edit} [${keys("undo_edit")}]`;
    buttons.redo_edit.title = `${TITLES.redo_edit} [${keys("redo_edit")}]`;
  }
  function drawHelp() {
    helpPanel.replaceChildren(
      h("table", {}, (model.get("help") || []).map(([keys, what]) => h("tr", {}, [h("td", {}, h("kbd", { text: keyLabel(keys) })), h("td", { text: what })])))
    );
  }
  function say(kind, text) {
    message.textContent = text;
    message.className = `lw-message lw-${kind}`;
  }
  function tellEdits(op, task, entry = null) {
    send({ type: "edits", op, task, entry: entry && { before: entry.before, after: entry.after } });
  }
  function undoEdit(redo) {
    const task = shown;
    const history = historyOf(task);
    const entry = (redo ? history.redo : history.undo).pop();
    if (!entry) {
      say("info", redo ? "nothing to redo on this task" : "nothing to undo on this task (Undo submit reverts a submit)");
      return;
    }
    (redo ? history.undo : history.redo).push(entry);
    entry.typing = false;
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
      edits.delete(from);
    }
    const prev = nav.prev || [];
    const next = nav.next || [];
    const to = action === "previous" ? prev[0] : next[0];
    const ahead = action === "previous" ? next.length + 1 : Math.max(0, next.length - 1);
    send({ type: "navigate", action, task: from, to: to ?? null, values, ahead });
    if (to === void 0 || to === null) return;
    nav = action === "previous" ? { ...nav, center: to, prev: prev.slice(1), next: [from, ...next] } : { ...nav, center: to, prev: action === "skip" || action === "submit" || action === "next" ? [from, ...prev] : prev, next: next.slice(1) };
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
  const outbox = [];
  function flush() {
    for (const m of outbox.splice(0)) model.send(m);
  }
  let failed = false;
  function send(msg) {
    seq += 1;
    if (msg.type === "navigate" && ["submit", "skip", "undo_submit", "redo_submit"].includes(msg.action)) pending.add(seq);
    outbox.push({ ...msg, seq, lead_time: (performance.now() - shownAt) / 1e3 });
    if (outbox.length === 1) {
      requestAnimationFrame(() => setTimeout(flush, 0));
      setTimeout(flush, 50);
    }
    drawState();
  }
  model.on("msg:custom", (msg) => {
    if (msg.type === "edits") {
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
      jump = incoming.jump;
      nav = incoming;
      showTask(incoming.center);
      return;
    } else if (incoming.center === shown) {
      nav = incoming;
    } else if (at >= 0) {
      nav = {
        ...incoming,
        center: shown,
        prev: [...next.slice(0, at).reverse(), incoming.center, ...incoming.prev || []],
        next: next.slice(at + 1)
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
  function onKey(event) {
    const key = keyName(event);
    const typing = isTyping(event.target);
    const action = ACTIONS.find((a) => keysOf(a).includes(key));
    if (typing && !(action && key.includes("ctrl") && !EDIT_ACTIONS.includes(action))) {
      event.stopPropagation();
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
  let unguard = null;
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
var toolbar_default = { render };
export {
  toolbar_default as default
};
