// Generated from js/ by `npm run build`: edit the sources, not this file.

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
  for (const child of [].concat(children)) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function keyName(event) {
  const parts = [];
  if (event.ctrlKey || event.metaKey) parts.push("ctrl");
  if (event.altKey) parts.push("alt");
  let key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase();
  if (key === " ") key = "space";
  if (event.shiftKey && event.key.length !== 1) parts.push("shift");
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
    if (focusable && focusable !== target && focusable !== root && root.contains(focusable)) {
      event.preventDefault();
    }
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

// js/toolbar.js
var ACTIONS = ["previous", "skip", "submit", "next", "undo"];
var UNFOCUSED = "Keys go to the widget once it has focus: click its text or any blank part of it (a blue ring shows it has focus).";
var LABELS = { previous: "\u25C0 Previous", skip: "Skip", submit: "Submit", next: "Next \u25B6", undo: "Undo" };
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
      buttons.undo,
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
    const status = model.get("status") || {};
    let text;
    if (pending.size) text = `\u25CF ${pending.size} unsaved`;
    else if (failed) text = "\u2717 not saved";
    else if (dirty) text = "\u25CF edited";
    else text = model.get("durable") ? "\u2713" : "\u2713 recorded";
    state.textContent = failed && !pending.size ? text : `${text} ${model.get("storage")}`;
    const kind = failed && !pending.size ? "lw-failed" : pending.size || dirty ? "lw-pending" : "lw-saved";
    state.className = `lw-state ${kind}`;
    message.textContent = status.text || "";
    message.className = `lw-message lw-${status.kind || "info"}`;
  }
  function drawProgress() {
    const p = model.get("progress") || {};
    progress.textContent = `${p.label ?? ""}  \xB7  ${p.done ?? 0}/${p.total ?? 0} done, ${p.skipped ?? 0} skipped${p.team ? `  \xB7  ${p.team}` : ""}${p.problems ? `  \xB7  \u26A0 ${p.problems}` : ""}`;
    filter.checked = model.get("only_unlabeled");
    buttons.previous.disabled = !(nav.prev && nav.prev.length);
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
    if (["submit", "skip", "undo"].includes(msg.action)) pending.add(seq);
    outbox.push({ ...msg, seq, lead_time: (performance.now() - shownAt) / 1e3 });
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
  function onKey(event) {
    const key = keyName(event);
    const typing = isTyping(event.target);
    const action = ACTIONS.find((a) => keysOf(a).includes(key));
    if (typing && !(action && key.includes("ctrl"))) {
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
