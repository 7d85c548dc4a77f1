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
function keepFocusIn(hidden) {
  const active = document.activeElement;
  if (!active || !hidden.contains(active)) return;
  const root = hidden.closest(".lw-annotator");
  if (root instanceof HTMLElement) root.focus({ preventScroll: true });
}

// js/_idle.js
function idleSteps(step) {
  let handle = null;
  let cancelled = false;
  const schedule = () => {
    handle = typeof requestIdleCallback === "function" ? requestIdleCallback(run, { timeout: 1e3 }) : setTimeout(run, 16);
  };
  const run = () => {
    handle = null;
    if (!cancelled && step()) schedule();
  };
  schedule();
  return () => {
    cancelled = true;
    if (handle === null) return;
    if (typeof cancelIdleCallback === "function") cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}

// js/_visible_when.js
var HIDDEN = "[data-lw-hidden], .widget-box:has(> .lw-condition[data-lw-hidden])";
var isBlank = (v) => v === void 0 || v === null || v === "" || Array.isArray(v) && v.length === 0;
function chosen(cell) {
  if (isBlank(cell)) return [];
  return [].concat(cell).map((x) => Array.isArray(x) ? x[x.length - 1] : x).filter((x) => typeof x === "string" && x !== "");
}
function conditionHolds(cond, selection, values) {
  const region = selection && selection.region;
  if (cond.when === "region-selected") {
    if (!region) return false;
    if (cond.tag && !(region.controls || []).includes(cond.tag)) return false;
    if ((cond.roles || []).length && !cond.roles.includes(region.role)) return false;
    return !cond.options.length || cond.options.some((l) => (region.labels || []).includes(l));
  }
  if (cond.when === "no-region-selected") return !region;
  const all = values();
  const names = cond.tag ? [cond.tag] : cond.choice_controls || [];
  const picked = (name) => {
    const cell = all[name];
    if ((cond.per_region_tags || []).includes(name)) {
      return region && cell && typeof cell === "object" ? chosen(cell[region.id]) : [];
    }
    return chosen(cell);
  };
  const selected = names.some((name) => {
    const got = picked(name);
    return got.length > 0 && (!cond.options.length || cond.options.some((c) => got.includes(c)));
  });
  return cond.when === "choice-unselected" ? !selected : selected;
}

// js/_task_scope.js
function taskScope(model, el, shown, current) {
  const name = model.get("name");
  const rule = model.get("per_region") || {};
  const perRegion = rule.objects ? rule : null;
  let selection = null;
  const lists = /* @__PURE__ */ new Map();
  const itemRule = model.get("per_item") || {};
  const perItem = itemRule.repeater ? itemRule : null;
  let page = 0;
  let pageTask = null;
  const fullPayloadOf = (task) => (
    /** @type {import("./_contract.js").TaskPayload<any>} */
    (model.get("tasks") || {})[task] || null
  );
  const itemCount = (task) => {
    const p = fullPayloadOf(task);
    const data = (
      /** @type {{items?: unknown[]}} */
      p && p.data
    );
    return data && Array.isArray(data.items) ? data.items.length : 0;
  };
  function itemPayload(payload, at) {
    if (!perItem || !payload) return payload;
    const items = payload.data && payload.data.items || [];
    return { ...payload, data: items[at] || {}, item: at };
  }
  const payloadOf = (task) => itemPayload(fullPayloadOf(task), task === pageTask ? page : 0);
  function activeRegion() {
    if (!perRegion || !selection || selection.task !== shown() || !selection.region) return null;
    if (!perRegion.objects.includes(selection.object)) return null;
    return applies(selection.region) ? selection.region : null;
  }
  function applies(region) {
    if (perRegion.tag && !(region.controls || []).includes(perRegion.tag)) return false;
    if ((perRegion.roles || []).length && !perRegion.roles.includes(region.role)) return false;
    return !perRegion.options.length || perRegion.options.some((l) => (region.labels || []).includes(l));
  }
  let caption = null;
  function drawCaption(region) {
    if (!caption) {
      caption = document.createElement("div");
      caption.className = "lw-region-caption";
      el.prepend(caption);
    }
    const labels = region ? (region.labels || []).join(", ") : "";
    const what = region && region.text ? `\u201C${region.text.length > 40 ? `${region.text.slice(0, 39)}\u2026` : region.text}\u201D` : "the selected region";
    caption.textContent = region ? `${name} for ${what}${labels ? ` (${labels})` : ""}` : "";
  }
  function itemValue(value, at) {
    const list = value && value[name];
    return { ...value, [name]: Array.isArray(list) && list[at] !== void 0 ? list[at] : null };
  }
  const itemRegions = perItem && perItem.regions || [];
  function onPage(value, at) {
    const out = { ...value };
    for (const key of itemRegions) {
      if (Array.isArray(out[key])) out[key] = out[key].filter((r) => (r.item_index ?? 0) === at);
    }
    return out;
  }
  function project(value) {
    if (itemRegions.length) return onPage(value, page);
    if (perItem && perItem.control) return itemValue(value, page);
    if (!perRegion) return value;
    const region = activeRegion();
    drawCaption(region);
    const map = value && value[name] || {};
    return { ...value, [name]: region && map[region.id] !== void 0 ? map[region.id] : null };
  }
  function embed(value) {
    const now = current();
    if (itemRegions.length) {
      const out = { ...now, ...value };
      for (const key of itemRegions) {
        if (!(key in value)) continue;
        const others = (Array.isArray(now[key]) ? now[key] : []).filter((r) => (r.item_index ?? 0) !== page);
        const mine = (Array.isArray(value[key]) ? value[key] : []).map((r) => ({ ...r, item_index: page }));
        out[key] = others.concat(mine);
      }
      return out;
    }
    if (perItem && perItem.control) {
      const list = Array.isArray(now && now[name]) ? [...now[name]] : [];
      while (list.length < Math.max(itemCount(shown()), page + 1)) list.push(null);
      list[page] = isBlank(value[name]) ? null : value[name];
      return { ...now, [name]: list.every((v) => v === null) ? null : list };
    }
    if (!perRegion) return value;
    const region = activeRegion();
    if (!region) return now;
    const map = { ...now && now[name] || {} };
    if (isBlank(value[name])) delete map[region.id];
    else map[region.id] = value[name];
    return { ...now, [name]: Object.keys(map).length ? map : null };
  }
  function missingPerRegion(value) {
    if (!model.get("required")) return [];
    const map = value && value[name] || {};
    const out = [];
    for (const object of perRegion.objects) {
      const known = lists.get(object);
      if (!known || known.task !== shown()) continue;
      for (const r of known.regions) {
        if (applies(r) && isBlank(map[r.id])) {
          const what = `region "${r.id}" (${(r.labels || []).join("+") || "no label"}${r.text ? ` "${r.text.slice(0, 30)}"` : ""})`;
          const own = model.get("required_message");
          out.push(own ? `${own} (${what})` : `${name}: ${what} needs a value`);
        }
      }
    }
    return out;
  }
  return {
    perRegion,
    perItem,
    fullPayloadOf,
    payloadOf,
    itemCount,
    itemPayload,
    itemValue,
    project,
    embed,
    activeRegion,
    missingPerRegion,
    /** The selection, when it is on the shown task. */
    selected: () => selection && selection.task === shown() ? selection : null,
    /** A task is shown: another task starts at its first item. */
    enter(task) {
      if (task !== pageTask) {
        pageTask = task;
        page = 0;
      }
    },
    /** A `region` event: the region selected on an object (null: that object's was dropped). */
    select(msg) {
      if (msg.region) selection = { task: msg.task, object: msg.object, region: msg.region };
      else if (!selection || selection.object === msg.object) selection = { task: msg.task, object: msg.object, region: null };
    },
    /** A `regions` event: the regions an object holds. */
    hold(msg) {
      lists.set(msg.object, { task: msg.task, regions: msg.regions || [] });
    },
    /** A `page` event; true when it turned this view's pager (the view draws again). */
    turn(msg) {
      if (!perItem || msg.repeater !== perItem.repeater || msg.task !== shown()) return false;
      pageTask = shown();
      page = msg.index;
      return true;
    }
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
function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
function blank(v) {
  return v === null || v === void 0 || v === "" || Array.isArray(v) && v.length === 0;
}
function sameShown(a, b) {
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameShown(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameShown(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}
var shownBase = /* @__PURE__ */ new WeakMap();
function baseShown(payload) {
  let clean = shownBase.get(payload);
  if (clean === void 0) {
    clean = Object.keys(payload.base).every((name) => sameShown(payload.value[name], payload.base[name]));
    shownBase.set(payload, clean);
  }
  return clean;
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
function bindTask(model, el, spec) {
  const group = model.get("group");
  const local = /* @__PURE__ */ new Map();
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
      model.set("task", msg.task);
    } else if (msg.type === "collect" && shown === msg.task) {
      Object.assign(msg.values, current);
      if (msg.quiet) return;
      if (perRegion) {
        const cond = model.get("visible_when") || {};
        const hiddenByChoice = cond.when && cond.when.startsWith("choice") && !conditionHolds(cond, null, collectValues);
        if (!hiddenByChoice && !hiddenByView()) msg.missing.push(...scope.missingPerRegion(current));
      } else if (spec.missing && visible && !hiddenByView() && perItem) {
        const full = fullPayloadOf(shown);
        for (let at = 0; at < itemCount(shown); at++) {
          const found = spec.missing(perItem.control ? itemValue(current, at) : current, itemPayload(full, at));
          msg.missing.push(...found.map((m) => `item ${at + 1}: ${m}`));
        }
      } else if (spec.missing && visible && !hiddenByView()) {
        msg.missing.push(...spec.missing(current, payloadOf(shown)));
      }
    } else if (msg.type === "hotkey" && !msg.handled && spec.hotkey) {
      if (!visible || hiddenByView()) return;
      msg.handled = Boolean(spec.hotkey(msg.key, payloadOf(shown)));
    } else if (msg.type === "apply" && shown === msg.task) {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true, full: true });
    } else if (msg.type === "restore" && shown === msg.task) {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true, full: true });
    } else if (msg.type === "dirty" && shown === msg.task) {
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
  const onTask = () => {
    const task = model.get("task");
    if (!shown && task) show(task);
  };
  let cancelIdle = null;
  const onTasks = () => {
    if (cancelIdle) cancelIdle();
    const held = Object.values(model.get("tasks") || {});
    cancelIdle = idleSteps(() => {
      const p = held.pop();
      if (p && p.base && p.value) baseShown(
        /** @type {any} */
        p
      );
      return held.length > 0;
    });
    const payload = payloadOf(shown);
    for (const [task, mine] of local) {
      const p = payloadOf(task);
      if (p && p.rev > mine.rev) local.delete(task);
    }
    if (payload && (shownRev === -1 || payload.rev > shownRev)) show(shown);
  };
  const onValue = () => {
    const value = model.get("value") || {};
    if (model.get("task") !== shown || same(value, current)) return;
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
    edit(value, { render: render2 = true, quiet = false, full = false } = {}) {
      value = full ? value : embed(value);
      const before = current;
      current = value;
      local.set(shown, { rev: shownRev, value });
      model.set("value", value);
      model.set("task", shown);
      model.save_changes();
      if (render2) spec.render(payloadOf(shown), project(current));
      announceValues();
      if (quiet) return;
      const changed = Object.keys(value).filter((k) => !same(before[k], value[k]));
      const pick = (o) => Object.fromEntries(changed.map((k) => [k, o[k] === void 0 ? null : o[k]]));
      emit(group, {
        type: "edited",
        task: shown,
        before: pick(before),
        after: pick(value),
        typing: isTyping(document.activeElement)
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
    }
  };
  return api;
}

// js/_relation_layout.js
var MAX_LIFT = 60;
var MIN_LIFT = 12;
var LABEL_ROOM = 15;
var EDGE = 4;
var wantedLift = (x0, x1) => Math.min(MAX_LIFT, 18 + Math.abs(x1 - x0) / 6);
var liftUnder = (y0, y1, top, margin) => 2 * ((y0 + y1) / 4 + Math.min(y0, y1) / 2 - (top + margin));
var liftOver = (y0, y1, bottom, margin) => 2 * (bottom - margin - (y0 + y1) / 4 - Math.max(y0, y1) / 2);
function arcPlan(a, b, frame, { labelled = false } = {}) {
  const x0 = a.left + a.width / 2;
  const x1 = b.left + b.width / 2;
  const cx = (x0 + x1) / 2;
  const want = wantedLift(x0, x1);
  const margin = labelled ? LABEL_ROOM : EDGE;
  const inside = Math.min(a.top, b.top) >= frame.top && Math.max(a.top + a.height, b.top + b.height) <= frame.bottom;
  let lift = want;
  let below = false;
  if (inside) {
    const up = liftUnder(a.top, b.top, frame.top, margin);
    const down = liftOver(a.top + a.height, b.top + b.height, frame.bottom, labelled ? LABEL_ROOM - 3 : EDGE);
    if (up >= Math.min(want, MIN_LIFT) || up >= down) lift = Math.max(0, Math.min(want, up));
    else {
      below = true;
      lift = Math.max(0, Math.min(want, down));
    }
  }
  const y0 = below ? a.top + a.height : a.top;
  const y1 = below ? b.top + b.height : b.top;
  const cy = below ? Math.max(y0, y1) + lift : Math.min(y0, y1) - lift;
  const apex = (y0 + y1) / 4 + cy / 2;
  return { x0, y0, x1, y1, cx, cy, apex, labelY: below ? apex + 12 : apex - 3, below };
}
function roomAbove(a, b, contentTop, { labelled = false } = {}) {
  const want = wantedLift(a.left + a.width / 2, b.left + b.width / 2);
  const up = liftUnder(a.top, b.top, contentTop, labelled ? LABEL_ROOM : EDGE);
  return Math.max(0, Math.ceil((want - up) / 2));
}

// js/relations.js
var SVG = "http://www.w3.org/2000/svg";
var NEXT_DIRECTION = { right: "left", left: "bi", bi: "right" };
var ARROW = { right: "\u2192", left: "\u2190", bi: "\u2194" };
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}
function render({ model, el }) {
  const name = model.get("name");
  const group = model.get("group");
  const linkKey = model.get("link_key") || "alt+r";
  const linkButton = h("button", { class: "lw-option lw-rel-link", type: "button", title: `link the selected region to another (${keyLabel(linkKey)})` }, `Link (${keyLabel(linkKey)})`);
  const noteBox = h("div", { class: "lw-rel-note", role: "status" });
  const listBox = h("div", { class: "lw-rel-list" });
  const root = h("div", { class: "lw-relations", "data-control": name }, [
    h("div", { class: "lw-rel-head" }, [h("span", { class: "lw-rel-title", text: "Relations" }), linkButton]),
    noteBox,
    listBox
  ]);
  el.append(root);
  const layer = svg("svg", { class: "lw-rel-layer", "data-group": group });
  const defs = svg("defs");
  const marker = (id, d) => {
    const m = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    m.append(svg("path", { d, fill: "context-stroke" }));
    return m;
  };
  const headId = `lw-rel-head-${group}-${name}`.replace(/[^\w-]/g, "_");
  defs.append(marker(headId, "M0,0 L10,5 L0,10 z"));
  const arrows = svg("g");
  layer.append(defs, arrows);
  document.body.append(layer);
  let task = null;
  let picking = null;
  let note = "";
  let places = /* @__PURE__ */ new Map();
  let frame = 0;
  const relations = () => (task && task.value()[name] || []).filter((r) => r && typeof r === "object");
  const labelOf = (value) => (model.get("options").find((o) => o.value === value) || { label: value }).label;
  function locate() {
    const shown = task ? task.task() : null;
    const reply = emit(group, { type: "where", task: shown, regions: [] });
    places = new Map(reply.regions.map((r) => [r.id, r]));
  }
  const describe = (id) => places.get(id) ? `${places.get(id).label ? `${places.get(id).label} ` : ""}\u201C${places.get(id).text}\u201D` : `${id} (gone)`;
  function clip() {
    const annotator = el.closest(".lw-annotator") || el;
    const whole = annotator.getBoundingClientRect();
    let box = { left: whole.left, top: whole.top, right: whole.right, bottom: whole.bottom };
    for (let node = annotator.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflow === "visible" && style.overflowY === "visible") continue;
      const r = node.getBoundingClientRect();
      box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top), right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) };
    }
    return box;
  }
  let clips = /* @__PURE__ */ new Map();
  function boxOf(a, b, layerBox) {
    const ra = a.frame ? a.frame.rect : layerBox;
    const rb = b.frame ? b.frame.rect : layerBox;
    return {
      left: Math.max(layerBox.left, Math.min(ra.left, rb.left)),
      top: Math.max(layerBox.top, Math.min(ra.top, rb.top)),
      right: Math.min(layerBox.right, Math.max(ra.right, rb.right)),
      bottom: Math.min(layerBox.bottom, Math.max(ra.bottom, rb.bottom))
    };
  }
  function groupFor(a, b, layerBox) {
    const key = a.object === b.object ? a.object : [a.object, b.object].sort().join("|");
    let got = clips.get(key);
    if (!got) {
      const frame2 = boxOf(a, b, layerBox);
      const id = `${headId}-clip-${clips.size}`;
      const clipPath = svg("clipPath", { id });
      clipPath.append(svg("rect", { x: frame2.left, y: frame2.top, width: Math.max(0, frame2.right - frame2.left), height: Math.max(0, frame2.bottom - frame2.top) }));
      const g = svg("g", { "clip-path": `url(#${id})`, "data-object": key });
      arrows.append(clipPath, g);
      const scrolls = a.object === b.object && a.frame && a.frame.top !== void 0;
      got = { g, frame: frame2, layout: scrolls ? { top: Math.min(frame2.top, a.frame.top), bottom: frame2.bottom } : frame2 };
      clips.set(key, got);
    }
    return got;
  }
  function arc(a, b, layerBox, { direction = "right", color = "#5b6abf", dashed = false, width = 2, text = "" } = {}) {
    const { g, layout } = groupFor(a, b, layerBox);
    const { x0, y0, x1, y1, cx, cy, labelY } = arcPlan(a.rect, b.rect, layout, { labelled: Boolean(text) });
    const path = svg("path", {
      d: `M${x0},${y0} Q${cx},${cy} ${x1},${y1}`,
      fill: "none",
      stroke: color,
      "stroke-width": width,
      ...dashed ? { "stroke-dasharray": "5 4" } : {},
      ...direction !== "left" ? { "marker-end": `url(#${headId})` } : {},
      ...direction !== "right" ? { "marker-start": `url(#${headId})` } : {}
    });
    g.append(path);
    if (text) {
      const label = svg("text", { x: cx, y: labelY, "text-anchor": "middle", class: "lw-rel-text" });
      label.textContent = text;
      g.append(label);
    }
    return g;
  }
  const roomKept = /* @__PURE__ */ new Map();
  function reserveRoom(shown) {
    const need = /* @__PURE__ */ new Map();
    for (const p of places.values()) if (p.frame && p.frame.reserve) need.set(p.object, 0);
    for (const r of shown) {
      const a = places.get(r.from_id);
      const b = places.get(r.to_id);
      if (!a || !b || a.object !== b.object || !need.has(a.object)) continue;
      const px = roomAbove(a.rect, b.rect, a.frame.contentTop, { labelled: Boolean(r.labels && r.labels.length) });
      need.set(a.object, Math.max(need.get(a.object), px));
    }
    let moved = false;
    for (const p of places.values()) if (need.has(p.object)) roomKept.set(p.object, p.frame);
    for (const [object, frameOfView] of roomKept) if (frameOfView.reserve(need.get(object) || 0)) moved = true;
    return moved;
  }
  function drawArrows() {
    frame = 0;
    arrows.replaceChildren();
    clips = /* @__PURE__ */ new Map();
    if (!el.isConnected || !task || !task.payload()) {
      layer.style.display = "none";
      return;
    }
    locate();
    const shown = relations();
    if (reserveRoom(shown)) locate();
    const ends = shown.map((r) => `${describe(r.from_id)}${describe(r.to_id)}`).join("\n");
    if (ends !== listed) drawList();
    const box = clip();
    layer.style.display = "";
    layer.style.left = `${box.left}px`;
    layer.style.top = `${box.top}px`;
    layer.style.width = `${Math.max(0, box.right - box.left)}px`;
    layer.style.height = `${Math.max(0, box.bottom - box.top)}px`;
    layer.setAttribute("viewBox", `${box.left} ${box.top} ${Math.max(1, box.right - box.left)} ${Math.max(1, box.bottom - box.top)}`);
    let drawn = 0;
    for (const r of shown) {
      const a = places.get(r.from_id);
      const b = places.get(r.to_id);
      if (!a || !b) continue;
      arc(a, b, box, { direction: r.direction, text: (r.labels || []).map(labelOf).join(", ") });
      drawn += 1;
    }
    if (picking) {
      const from = places.get(picking.from);
      const target = places.get(picking.candidates[picking.at]);
      if (from && target) {
        const t = target.rect;
        const g = arc(from, target, box, { color: "#e8590c", dashed: true });
        g.append(svg("rect", { x: t.left - 3, y: t.top - 3, width: t.width + 6, height: t.height + 6, fill: "none", stroke: "#e8590c", "stroke-width": 2, rx: 3, class: "lw-rel-candidate" }));
      }
    }
    layer.dataset.arrows = String(drawn);
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(drawArrows);
  };
  let listed = "";
  function drawList() {
    const options = model.get("options") || [];
    listed = relations().map((r) => `${describe(r.from_id)}${describe(r.to_id)}`).join("\n");
    const rows = relations().map((r, i) => h("div", { class: "lw-rel-row", "data-index": String(i) }, [
      h("span", { class: "lw-rel-ends", text: `${describe(r.from_id)} ${ARROW[r.direction] || "\u2192"} ${describe(r.to_id)}` }),
      h("button", { class: "lw-rel-dir", type: "button", title: "direction: \u2192 \u2190 \u2194", "data-index": String(i), text: ARROW[r.direction] || "\u2192" }),
      ...options.map((o) => h("button", {
        class: `lw-option lw-rel-label${(r.labels || []).includes(o.value) ? " lw-on" : ""}`,
        type: "button",
        "data-index": String(i),
        "data-value": o.value,
        text: o.label,
        style: o.background ? { "--lw-chip": o.background } : void 0
      })),
      h("button", { class: "lw-rel-delete", type: "button", title: "delete this relation", "data-index": String(i), text: "\xD7" })
    ]));
    listBox.replaceChildren(...rows.length ? rows : [h("div", { class: "lw-rel-empty", text: "no relations" })]);
    noteBox.textContent = note;
    root.classList.toggle("lw-picking", Boolean(picking));
  }
  function draw() {
    locate();
    drawList();
    schedule();
  }
  function setRelations(list) {
    task.edit({ ...task.value(), [name]: list });
  }
  function say(text) {
    note = text;
    drawList();
  }
  function startLink() {
    if (!task || !task.payload()) return false;
    locate();
    const from = [...places.values()].find((p) => p.selected);
    if (!from) {
      say("Select a region first (click it), then link it.");
      return true;
    }
    const all = [...places.keys()];
    const candidates = all.slice(all.indexOf(from.id) + 1).concat(all.slice(0, all.indexOf(from.id)));
    if (!candidates.length) {
      say("There is no other region to link to.");
      return true;
    }
    picking = { from: from.id, candidates, at: 0 };
    say(`Linking ${describe(from.id)}: click the other region, or \u2190/\u2192 then Enter; Esc cancels.`);
    schedule();
    return true;
  }
  function finishLink(to) {
    const from = picking.from;
    picking = null;
    if (to === from) return say("");
    const list = relations();
    if (list.some((r) => r.from_id === from && r.to_id === to)) {
      say(`${describe(from)} is already linked to ${describe(to)}.`);
      return schedule();
    }
    note = "";
    setRelations([...list, { from_id: from, to_id: to, direction: "right", labels: [] }]);
  }
  function cancelLink() {
    picking = null;
    say("");
    schedule();
  }
  function onPickKey(event) {
    if (!picking) return;
    const key = keyName(event);
    const step = { arrowright: 1, arrowdown: 1, tab: 1, arrowleft: -1, arrowup: -1, "shift+tab": -1 }[key];
    if (step) {
      picking.at = (picking.at + step + picking.candidates.length) % picking.candidates.length;
      schedule();
    } else if (key === "enter") {
      finishLink(picking.candidates[picking.at]);
    } else if (key === "escape") {
      cancelLink();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
  let keyRoot = null;
  function attachKeys() {
    keyRoot = el.closest(".lw-annotator");
    if (keyRoot) keyRoot.addEventListener("keydown", onPickKey, true);
    else if (el.isConnected || attachKeys.tries++ < 600) requestAnimationFrame(attachKeys);
  }
  attachKeys.tries = 0;
  attachKeys();
  linkButton.addEventListener("click", () => startLink());
  listBox.addEventListener("click", (event) => {
    const button = (
      /** @type {Element} */
      event.target.closest("button")
    );
    if (!button) return;
    const i = Number(button.dataset.index);
    const list = relations().map((r2) => ({ ...r2, labels: [...r2.labels || []] }));
    const r = list[i];
    if (!r) return;
    if (button.classList.contains("lw-rel-delete")) list.splice(i, 1);
    else if (button.classList.contains("lw-rel-dir")) r.direction = NEXT_DIRECTION[r.direction] || "right";
    else if (button.classList.contains("lw-rel-label")) {
      const value = button.dataset.value;
      if (r.labels.includes(value)) r.labels = r.labels.filter((v) => v !== value);
      else r.labels = model.get("choice") === "multiple" ? [...r.labels, value] : [value];
    }
    setRelations(list);
  });
  const offBus = listen(group, (msg) => {
    if (msg.type !== "moved" || !task || msg.task !== task.task()) return;
    if (picking) {
      locate();
      const chosen2 = [...places.values()].find((p) => p.selected && p.id !== picking.from);
      if (chosen2) return finishLink(chosen2.id);
      if (!places.has(picking.from)) cancelLink();
    }
    if (frame) cancelAnimationFrame(frame);
    drawArrows();
  });
  const onScroll = () => schedule();
  window.addEventListener("scroll", onScroll, true);
  window.addEventListener("resize", onScroll);
  task = bindTask(model, el, {
    render() {
      picking = null;
      draw();
    },
    hotkey(key) {
      return key === linkKey ? startLink() : false;
    }
  });
  draw();
  return () => {
    task.dispose();
    offBus();
    window.removeEventListener("scroll", onScroll, true);
    window.removeEventListener("resize", onScroll);
    if (keyRoot) keyRoot.removeEventListener("keydown", onPickKey, true);
    if (frame) cancelAnimationFrame(frame);
    layer.remove();
  };
}
var relations_default = { render };
export {
  relations_default as default
};
