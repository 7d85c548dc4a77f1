// @ts-check
// Keys and focus, shared by every view: key names as the config writes them ("ctrl+enter") and
// as a person reads them ("Ctrl+Enter"), whether a key goes to a text field, and the focus rule
// that keeps an annotator's keys inside it.

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
 * A control that hides while it holds focus (a per-region field after its region is deselected
 * or the task is submitted) would drop focus to the page, and the person's next key would reach
 * the notebook: focus goes to the annotator instead.
 * @param {Element} hidden
 */
export function keepFocusIn(hidden) {
  const active = document.activeElement;
  if (!active || !hidden.contains(active)) return;
  const root = hidden.closest(".lw-annotator");
  if (root instanceof HTMLElement) root.focus({ preventScroll: true });
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
