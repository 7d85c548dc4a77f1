// The contract every labelwidget view follows; mirrors labelwidget/widgets/_base.py.
//
// Python holds the truth (what was submitted); the browser holds the tasks ahead of the one on
// screen (`tasks`: {key: {rev, data, value}}) so that switching tasks never waits for the kernel.
// Views of one Annotator talk through a window event channel named after their `group`:
//   show {task}            every view draws that task from its own `tasks` (no kernel round trip)
//   collect {values, missing}   views add their control values / unmet `required` messages
//   hotkey {key, handled}  the first view owning the key handles it
//   commit {task, values}  a submit happened in the browser: remember those values for the task
//   edited {task}          something changed on screen (the toolbar shows "unsaved")

const channel = (group) => `labelwidget:${group}`;

export function emit(group, detail) {
  window.dispatchEvent(new CustomEvent(channel(group), { detail }));
  return detail;
}

export function listen(group, handler) {
  const fn = (event) => handler(event.detail);
  window.addEventListener(channel(group), fn);
  return () => window.removeEventListener(channel(group), fn);
}

export function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Equal as shown: key order does not matter, and an empty value ("", [], null) is no value.
function blank(v) {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}
export function sameShown(a, b) {
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameShown(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameShown(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

export function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value; // data is shown as text, never parsed as HTML
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Keys in the form the config writes them: "ctrl+enter", "shift+a", "1".
export function keyName(event) {
  const parts = [];
  if (event.ctrlKey || event.metaKey) parts.push("ctrl");
  if (event.altKey) parts.push("alt");
  let key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase();
  if (key === " ") key = "space";
  // Shift is part of a named key ("shift+arrowleft") or of a combination ("ctrl+shift+z"); for a
  // lone printable key it is already in the character ("A", "!").
  const combo = event.ctrlKey || event.metaKey || event.altKey;
  if (event.shiftKey && (event.key.length !== 1 || combo)) parts.push("shift");
  if (!["control", "meta", "alt", "shift"].includes(key)) parts.push(key);
  return parts.join("+");
}

// Keys as a person reads them: "arrowleft" -> "←", "ctrl+z" -> "Ctrl+Z"; a key alone ("1",
// "a", "[") stays as typed.
const KEY_LABELS = {
  ctrl: "Ctrl", alt: "Alt", shift: "Shift", enter: "Enter", space: "Space", escape: "Esc",
  delete: "Delete", backspace: "Backspace", tab: "Tab", arrowleft: "←", arrowright: "→",
  arrowup: "↑", arrowdown: "↓", pageup: "PageUp", pagedown: "PageDown", home: "Home", end: "End",
};
export function keyLabel(key) {
  return String(key).split(" / ").map((one) => one.split("+")
    .map((part, i, all) => KEY_LABELS[part] ?? (part === "" && i === all.length - 1 ? "+" : all.length > 1 ? part.toUpperCase() : part))
    .filter((part, i, all) => part !== "" || i === all.length - 1)
    .join("+")).join(" / ");
}

export function isTyping(target) {
  if (!target || !target.closest) return false;
  return Boolean(target.closest("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable=''], [contenteditable=true]"));
}

// Keys act where focus is, so a click anywhere inside an annotator leaves focus inside it.
// A button never takes focus: views redraw their buttons, and a focused button that is removed
// drops focus to the page (Enter then submits nothing); a click that keeps focus where it was
// can leave it in a notebook cell's editor. The click's focus target gets it instead: the
// `[data-lw-focus-target]` of the nearest `[data-lw-focus-scope]` (the image stage, so Space
// pans and Esc deselects after any click in the image view), else the annotator itself.
export function focusTargetOf(node, root) {
  const scope = node.closest("[data-lw-focus-scope]");
  const target = scope && root.contains(scope) ? scope.querySelector("[data-lw-focus-target]") : null;
  return target || root;
}

/**
 * Installs the focus rule on an annotator's root (which must be focusable). `onStrayKey(event)`
 * is called for a key pressed while the pointer is over the annotator but focus is elsewhere
 * and not in a text field: the key is kept from JupyterLab (whose single-key shortcuts would
 * change the notebook) so the caller can say how to give the widget focus.
 */
const PASS_KEYS = new Set(["Shift", "Control", "Alt", "Meta", "Tab", " ", "PageUp", "PageDown", "Home", "End"]);
export function keepFocus(root, onStrayKey) {
  function onDown(event) {
    const t = event.target;
    if (!(t instanceof Element) || isTyping(t)) return; // a field takes focus itself
    const target = focusTargetOf(t, root);
    // The browser would focus the nearest focusable element (a button, or the annotator for a
    // list row of the image view); when that is not the target, cancel that focus move (the
    // click still happens). Text outside any scope keeps its default, so it can be selected.
    const focusable = t.closest("button, a[href], summary, [tabindex]");
    if (focusable && focusable !== target && root.contains(focusable)) event.preventDefault();
    if (document.activeElement !== target) target.focus({ preventScroll: true });
  }
  function onKey(event) {
    if (root.contains(document.activeElement) || !root.matches(":hover")) return;
    if (isTyping(document.activeElement) || PASS_KEYS.has(event.key) || /^F\d+$/.test(event.key)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return; // browser and JupyterLab combos stay theirs
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

// A task whose text cell is empty (NaN, None, blank) has nothing to label: say so where the
// text would be, and refuse to submit it as done (Python marks it: compile/cells.empty_mark).
export function emptyCell(payload) {
  const column = payload && payload.data && payload.data.empty;
  return column ? `the “${column}” cell of this task is empty: nothing to label (skip it, or fix the data)` : null;
}

/**
 * Binds a view to the task contract.
 *   spec.render(payload, value)  draw the task (payload null: not loaded yet)
 *   spec.hotkey(key)             optional: true when the key was handled
 *   spec.missing(value)          optional: messages for unmet `required` controls
 * Returns {edit(value), value(), task(), payload()}.
 */
export function bindTask(model, el, spec) {
  const group = model.get("group");
  const local = new Map(); // task -> {rev, value}: edits made here, newer than Python's copy
  let shown = null;
  let shownRev = -1;
  let current = {};

  const payloadOf = (task) => (model.get("tasks") || {})[task] || null;

  function show(task) {
    const payload = payloadOf(task);
    shown = task;
    if (!payload) {
      shownRev = -1;
      current = {};
      spec.render(null, current);
      return;
    }
    const mine = local.get(task);
    current = mine && mine.rev >= payload.rev ? mine.value : payload.value || {};
    shownRev = payload.rev;
    spec.render(payload, current);
  }

  const off = listen(group, (msg) => {
    if (msg.type === "show") {
      show(msg.task);
      model.set("task", msg.task); // Python learns it from the toolbar's message; no save here
    } else if (msg.type === "collect" && shown === msg.task) {
      Object.assign(msg.values, current);
      if (spec.missing) msg.missing.push(...spec.missing(current, payloadOf(shown)));
    } else if (msg.type === "hotkey" && !msg.handled && spec.hotkey) {
      msg.handled = Boolean(spec.hotkey(msg.key, payloadOf(shown)));
    } else if (msg.type === "apply" && shown === msg.task) {
      // A suggestion was picked: take the values of this view's controls (quietly: not an edit).
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true });
    } else if (msg.type === "restore" && shown === msg.task) {
      // Undo/redo of an edit (the toolbar keeps the history): this view's controls take the
      // values; not a new edit.
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true });
    } else if (msg.type === "dirty" && shown === msg.task) {
      // Does the task show values that are not submitted? (`base`: the task without edits)
      const payload = payloadOf(shown);
      if (payload && payload.base) {
        for (const name of Object.keys(payload.base)) {
          if (!sameShown(current[name], payload.base[name])) msg.dirty = true;
        }
      }
    } else if (msg.type === "commit") {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      const payload = payloadOf(msg.task);
      local.set(msg.task, { rev: payload ? payload.rev : 0, value: { ...current, ...mine } });
    }
  });

  // Which task is shown is the toolbar's call ("show" on every move, including Python's jumps):
  // Python's `task` trait can lag behind moves made here, so it is followed only until a task
  // is shown (a widget drawn before Python picked one).
  const onTask = () => {
    const task = model.get("task");
    if (!shown && task) show(task);
  };
  const onTasks = () => {
    const payload = payloadOf(shown);
    for (const [task, mine] of local) {
      const p = payloadOf(task);
      if (p && p.rev > mine.rev) local.delete(task); // Python changed it since: its copy wins
    }
    if (payload && (shownRev === -1 || payload.rev > shownRev)) show(shown);
  };
  const onValue = () => {
    const value = model.get("value") || {};
    if (model.get("task") !== shown || same(value, current)) return;
    // Python re-sends the shown task's value when it catches up with a move made here; that
    // copy can predate an edit made since (key, then Enter, faster than the kernel answers).
    // Only a Python change (rev above the edit's) replaces the edit.
    const mine = local.get(shown);
    const payload = payloadOf(shown);
    if (mine && (!payload || mine.rev >= payload.rev)) return;
    current = value;
    spec.render(payload, current);
  };
  model.on("change:task", onTask);
  model.on("change:tasks", onTasks);
  model.on("change:value", onValue);
  show(model.get("task"));

  const api = {
    // render=false when the view already shows the change (typing must keep the caret).
    edit(value, { render = true, quiet = false } = {}) {
      const before = current;
      current = value;
      local.set(shown, { rev: shownRev, value });
      model.set("value", value);
      model.set("task", shown);
      model.save_changes();
      if (render) spec.render(payloadOf(shown), current);
      if (quiet) return;
      // The edit history (kept by the toolbar) gets the controls this edit changed.
      const changed = Object.keys(value).filter((k) => !same(before[k], value[k]));
      const pick = (o) => Object.fromEntries(changed.map((k) => [k, o[k] === undefined ? null : o[k]]));
      emit(group, {
        type: "edited", task: shown, before: pick(before), after: pick(value),
        typing: isTyping(document.activeElement),
      });
    },
    value: () => current,
    task: () => shown,
    payload: () => payloadOf(shown),
    dispose() {
      off();
      model.off("change:task", onTask);
      model.off("change:tasks", onTasks);
      model.off("change:value", onValue);
    },
  };
  return api;
}

/**
 * Regions of any kind say where they are, so that one view draws the links between them
 * (relations) whatever object shows them. A region view calls this once: `describe(task)` lists
 * the regions it shows of that task as {id, text, selected, rect: {left, top, width, height}}
 * (client pixels, measured when asked), answering `where {task, regions}`; `moved(task)` says
 * they were drawn again (a redraw, a drag frame, zoom, pan) so links follow at frame rate.
 */
export function regionReporter(group, object, describe) {
  const off = listen(group, (msg) => {
    if (msg.type === "where") for (const r of describe(msg.task)) msg.regions.push({ object, ...r });
  });
  return { moved: (task) => emit(group, { type: "moved", task, object }), dispose: off };
}
