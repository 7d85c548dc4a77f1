// @ts-check
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
//   values {task}          a view's values changed (visibleWhen conditions look again)
//   region {task, object, region}   the region selected on an object ({id, controls, labels}
//                          or null): per-region controls and visibleWhen follow it
//   regions {task, object, regions} the regions an object holds (required per-region values)
//
// What a control sees of its task (a region's value, an item's) is js/_task_scope.js; keys and
// focus are in _keys.js, visibleWhen in _visible_when.js, region events in _region_events.js.

/**
 * @typedef {import("./_contract.js").TaskPayload} TaskPayload
 * @typedef {import("./_contract.js").PerRegion} PerRegion
 * @typedef {import("./_contract.js").VisibleWhen} VisibleWhen
 */

/**
 * Synced traits of every task widget (TaskWidget, labelwidget/widgets/_base.py); `{}` for a
 * rule the control does not have.
 * @typedef {Object} TaskTraits
 * @property {string} group
 * @property {string} task
 * @property {Record<string, TaskPayload>} tasks
 * @property {Record<string, any>} value
 * @property {Partial<PerRegion>} per_region
 * @property {Partial<VisibleWhen>} visible_when
 * @property {Partial<import("./_contract.js").PerItem>} per_item
 */

/**
 * What bindTask reads: the task traits, and a control's own name and `required` when it has
 * them (an object's view has no `required`).
 * @typedef {TaskTraits & {name?: string, required?: boolean, required_message?: string}} BoundTraits
 */

import { idleSteps } from "./_idle.js";
import { isTyping, keepFocusIn } from "./_keys.js";
import { taskScope } from "./_task_scope.js";
import { conditionHolds, HIDDEN } from "./_visible_when.js";

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

// Whether a payload's own value shows its base (no edit), kept per payload object: payloads
// are replaced, never changed in place.
const shownBase = new WeakMap();
function baseShown(payload) {
  let clean = shownBase.get(payload);
  if (clean === undefined) {
    clean = Object.keys(payload.base).every((name) => sameShown(payload.value[name], payload.base[name]));
    shownBase.set(payload, clean);
  }
  return clean;
}

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * A DOM element: `attrs` are attributes, `text`, `class`, a `style` object or `on<event>`
 * listeners; `children` are nodes or text (null, undefined and false are left out).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {Child | Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
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
  for (const child of /** @type {Child[]} */ ([]).concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
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
 * A control with `per_region` ({objects, tag, options}) shows while a region of those objects
 * is selected, and its spec sees and edits that region's value only ({[name]: value}), while
 * the task's value holds {[name]: {region id: value}}. A control with `visible_when` shows
 * only while its condition holds. Both follow the `region`/`values` events: no kernel round
 * trip. Python holds the truth (and drops values of deleted regions at submit).
 * Returns {edit(value), value(), task(), payload()}.
 * `D`: the widget's task data (the `data` of its payloads).
 * @template [D=Record<string, any>]
 * @param {import("@anywidget/types").AnyModel<BoundTraits>} model
 * @param {HTMLElement} el
 * @param {{render: (payload: import("./_contract.js").TaskPayload<D> | null, value: Record<string, any>) => void,
 *   hotkey?: (key: string, payload: import("./_contract.js").TaskPayload<D> | null) => boolean | void,
 *   missing?: (value: Record<string, any>, payload: import("./_contract.js").TaskPayload<D> | null) => string[]}} spec
 */
export function bindTask(model, el, spec) {
  const group = model.get("group");
  const local = new Map(); // task -> {rev, value}: edits made here, newer than Python's copy
  let shown = null;
  let shownRev = -1;
  let current = {};

  const scope = taskScope(model, el, () => shown, () => current);
  const { perRegion, perItem, fullPayloadOf, payloadOf, itemCount, itemPayload, itemValue, project, embed, activeRegion } = scope;
  const hasRule = () => Boolean(perRegion || (model.get("visible_when") || {}).when);
  let visible = true;

  const collectValues = () => emit(group, { type: "collect", task: shown, values: {}, missing: [], quiet: true }).values;

  function applyVisibility() {
    if (!hasRule()) return;
    const cond = model.get("visible_when") || {};
    const sel = scope.selected();
    let on = !perRegion || Boolean(activeRegion());
    if (on && cond.when) on = conditionHolds(cond, sel, collectValues);
    if (on === visible && el.dataset.lwRuled) return;
    visible = on;
    el.dataset.lwRuled = "1";
    // An attribute and a stylesheet rule, not an inline style: ipywidgets' layout writes the
    // inline display of a widget's element.
    // (a View's condition widget hides its box through the stylesheet: labelwidget.css)
    if (on) el.removeAttribute("data-lw-hidden");
    else {
      el.setAttribute("data-lw-hidden", "");
      keepFocusIn(el.classList.contains("lw-condition") && el.parentElement ? el.parentElement : el);
    }
  }
  const announceValues = () => {
    if (shown !== null) emit(group, { type: "values", task: shown, from: model.get("name") });
  };

  function show(task) {
    scope.enter(task);
    const payload = payloadOf(task);
    shown = task;
    if (!payload) {
      shownRev = -1;
      current = {};
      spec.render(null, project(current));
      applyVisibility();
      return;
    }
    const mine = local.get(task);
    current = mine && mine.rev >= payload.rev ? mine.value : payload.value || {};
    shownRev = payload.rev;
    spec.render(payload, project(current));
    applyVisibility();
    announceValues();
  }

  const hiddenByView = () => Boolean(el.closest && el.closest(HIDDEN));

  const off = listen(group, (msg) => {
    if (msg.type === "show") {
      show(msg.task);
      model.set("task", msg.task); // Python learns it from the toolbar's message; no save here
    } else if (msg.type === "collect" && shown === msg.task) {
      Object.assign(msg.values, current);
      if (msg.quiet) return;
      // A hidden control's `required` does not block (Label Studio's rule); per-region
      // controls need a value on every region they apply to, hidden or not.
      if (perRegion) {
        const cond = model.get("visible_when") || {};
        const hiddenByChoice = cond.when && cond.when.startsWith("choice") && !conditionHolds(cond, null, collectValues);
        if (!hiddenByChoice && !hiddenByView()) msg.missing.push(...scope.missingPerRegion(current));
      } else if (spec.missing && visible && !hiddenByView() && perItem) {
        // Every item needs what the control requires (Label Studio repeats the control).
        const full = fullPayloadOf(shown);
        for (let at = 0; at < itemCount(shown); at++) {
          const found = spec.missing(perItem.control ? itemValue(current, at) : current, itemPayload(full, at));
          msg.missing.push(...found.map((m) => `item ${at + 1}: ${m}`));
        }
      } else if (spec.missing && visible && !hiddenByView()) {
        msg.missing.push(...spec.missing(current, payloadOf(shown)));
      }
    } else if (msg.type === "hotkey" && !msg.handled && spec.hotkey) {
      if (!visible || hiddenByView()) return; // a hidden control's keys do nothing
      msg.handled = Boolean(spec.hotkey(msg.key, payloadOf(shown)));
    } else if (msg.type === "apply" && shown === msg.task) {
      // A suggestion was picked: take the values of this view's controls (quietly: not an edit).
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true, full: true });
    } else if (msg.type === "restore" && shown === msg.task) {
      // Undo/redo of an edit (the toolbar keeps the history): this view's controls take the
      // values; not a new edit.
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true, full: true });
    } else if (msg.type === "dirty" && shown === msg.task) {
      // Does the task show values that are not submitted? (`base`: the task without edits)
      const payload = payloadOf(shown);
      if (payload && payload.base) {
        if (payload.value && current === payload.value) {
          if (!baseShown(payload)) msg.dirty = true;
        } else {
          for (const name of Object.keys(payload.base)) {
            if (!sameShown(current[name], payload.base[name])) msg.dirty = true;
          }
        }
      }
    } else if (msg.type === "commit") {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      const payload = payloadOf(msg.task);
      local.set(msg.task, { rev: payload ? payload.rev : 0, value: { ...current, ...mine } });
    } else if (msg.type === "region") {
      scope.select(msg);
      if (perRegion) spec.render(payloadOf(shown), project(current));
      applyVisibility();
    } else if (msg.type === "page" && scope.turn(msg)) {
      spec.render(payloadOf(shown), project(current));
    } else if (msg.type === "regions") {
      scope.hold(msg);
    } else if (msg.type === "values" && msg.task === shown && msg.from !== model.get("name")) {
      applyVisibility();
    }
  });

  // Which task is shown is the toolbar's call ("show" on every move, including Python's jumps):
  // Python's `task` trait can lag behind moves made here, so it is followed only until a task
  // is shown (a widget drawn before Python picked one).
  const onTask = () => {
    const task = model.get("task");
    if (!shown && task) show(task);
  };
  // Whether each payload held shows its base, found in idle time before its task is shown
  // (a long document's 2,000 spans would cost the switch their comparison).
  let cancelIdle = null;
  const onTasks = () => {
    if (cancelIdle) cancelIdle();
    const held = Object.values(model.get("tasks") || {});
    cancelIdle = idleSteps(() => {
      const p = held.pop();
      if (p && p.base && p.value) baseShown(/** @type {any} */ (p));
      return held.length > 0;
    });
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
    spec.render(payload, project(current));
    announceValues();
  };
  model.on("change:task", onTask);
  model.on("change:tasks", onTasks);
  model.on("change:value", onValue);
  show(model.get("task"));

  const api = {
    // render=false when the view already shows the change (typing must keep the caret).
    // A per-region control's spec edits the selected region's value (full: the whole value).
    edit(value, { render = true, quiet = false, full = false } = {}) {
      value = full ? value : embed(value);
      const before = current;
      current = value;
      local.set(shown, { rev: shownRev, value });
      model.set("value", value);
      model.set("task", shown);
      model.save_changes();
      if (render) spec.render(payloadOf(shown), project(current));
      announceValues();
      if (quiet) return;
      // The edit history (kept by the toolbar) gets the controls this edit changed.
      const changed = Object.keys(value).filter((k) => !same(before[k], value[k]));
      const pick = (o) => Object.fromEntries(changed.map((k) => [k, o[k] === undefined ? null : o[k]]));
      emit(group, {
        type: "edited", task: shown, before: pick(before), after: pick(value),
        typing: isTyping(document.activeElement),
      });
    },
    value: () => project(current),
    task: () => shown,
    payload: () => payloadOf(shown),
    dispose() {
      off();
      model.off("change:task", onTask);
      model.off("change:tasks", onTasks);
      if (cancelIdle) cancelIdle();
      model.off("change:value", onValue);
    },
  };
  return api;
}
