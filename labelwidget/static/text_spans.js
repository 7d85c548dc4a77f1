// Generated from js/ by `npm run build`: edit the sources, not this file.

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

// js/_keys.js
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
function emptyCell(payload) {
  const column = payload && payload.data && payload.data.empty;
  return column ? `the \u201C${column}\u201D cell of this task is empty: nothing to label (skip it, or fix the data)` : null;
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

// js/_region_events.js
function regionAnnouncer(group, object) {
  let lastSelected = "";
  let lastTask;
  let lastAll = null;
  let lastAllText = null;
  return (task, selected, all) => {
    const sel = JSON.stringify([task, selected]);
    if (sel !== lastSelected) {
      lastSelected = sel;
      emit(group, { type: "region", task, object, region: selected });
    }
    if (task === lastTask && all === lastAll) return;
    if (task === lastTask) {
      if (lastAllText === null) lastAllText = JSON.stringify(lastAll);
      const every = JSON.stringify(all);
      lastAll = all;
      if (every === lastAllText) return;
      lastAllText = every;
    } else {
      lastTask = task;
      lastAll = all;
      lastAllText = null;
    }
    emit(group, { type: "regions", task, object, regions: all });
  };
}
function regionReporter(group, object, describe, frame = null) {
  const off = listen(group, (msg) => {
    if (msg.type !== "where") return;
    const regions = describe(msg.task);
    const box = regions.length && frame ? frame() : null;
    for (const r of regions) msg.regions.push({ object, frame: box, ...r });
  });
  return { moved: (task) => emit(group, { type: "moved", task, object }), dispose: off };
}

// js/_relation_room.js
function relationRoom(textBox) {
  const rect = textBox.getBoundingClientRect();
  const room = Number(textBox.dataset.relRoom || 0);
  const top = rect.top + textBox.clientTop - textBox.scrollTop;
  return {
    rect,
    top,
    contentTop: top + room,
    reserve(px) {
      if (px === Number(textBox.dataset.relRoom || 0)) return false;
      textBox.dataset.relRoom = String(px);
      textBox.style.setProperty("--lw-rel-room", `${px}px`);
      return true;
    }
  };
}

// js/_ids.js
var ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
function newId() {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const b of bytes) id += ID_CHARS[b & 63];
  return id;
}

// js/_offsets.js
var SURROGATES = /[\uD800-\uDFFF]/;
var isHigh = (code) => code >= 55296 && code <= 56319;
var isLow = (code) => code >= 56320 && code <= 57343;
function offsetMap(text) {
  if (!SURROGATES.test(text)) {
    const n = text.length;
    return { cpLength: n, cpOf: (u) => clamp(u, 0, n), u16Of: (c) => clamp(c, 0, n) };
  }
  const toCp = new Uint32Array(text.length + 1);
  const toU16 = [];
  let cp = 0;
  for (let u = 0; u < text.length; u += 1) {
    toCp[u] = cp;
    const code = text.charCodeAt(u);
    if (isHigh(code) && u + 1 < text.length && isLow(text.charCodeAt(u + 1))) {
      toU16.push(u);
      toCp[u + 1] = cp;
      u += 1;
    } else {
      toU16.push(u);
    }
    cp += 1;
  }
  toCp[text.length] = cp;
  toU16.push(text.length);
  return {
    cpLength: cp,
    cpOf: (u) => toCp[clamp(u, 0, text.length)],
    u16Of: (c) => toU16[clamp(c, 0, cp)]
  };
}
function clamp(x, lo, hi) {
  return x < lo ? lo : x > hi ? hi : x;
}
function snapSurrogate(text, u, forward) {
  if (u > 0 && u < text.length && isLow(text.charCodeAt(u)) && isHigh(text.charCodeAt(u - 1))) {
    return forward ? u + 1 : u - 1;
  }
  return u;
}
var SPACE = /\s/u;
function trimRange(text, start, end) {
  let s = start;
  let e = end;
  while (s < e && SPACE.test(text[s])) s += 1;
  while (e > s && SPACE.test(text[e - 1])) e -= 1;
  return s < e ? [s, e] : null;
}
var WORD = /[\p{L}\p{N}\p{M}_]/u;
var NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
var WINDOW = 256;
function fallbackTokenAt(text, i) {
  const ch = charAt(text, i);
  if (!WORD.test(ch) || NO_SPACES.test(ch)) return [i, i + ch.length];
  let s = i;
  while (s > 0) {
    const prev = charBefore(text, s);
    if (!WORD.test(prev) || NO_SPACES.test(prev)) break;
    s -= prev.length;
  }
  let e = i + ch.length;
  while (e < text.length) {
    const next = charAt(text, e);
    if (!WORD.test(next) || NO_SPACES.test(next)) break;
    e += next.length;
  }
  return [s, e];
}
function charAt(text, i) {
  const code = text.charCodeAt(i);
  return isHigh(code) && isLow(text.charCodeAt(i + 1)) ? text.slice(i, i + 2) : text[i];
}
function charBefore(text, i) {
  const code = text.charCodeAt(i - 1);
  return isLow(code) && i >= 2 && isHigh(text.charCodeAt(i - 2)) ? text.slice(i - 2, i) : text[i - 1];
}
var segmenter;
function wordSegmenter() {
  if (segmenter === void 0) {
    segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(void 0, { granularity: "word" }) : null;
  }
  return segmenter;
}
function tokenAt(text, i, { segment = true } = {}) {
  const seg = segment ? wordSegmenter() : null;
  if (!seg) return fallbackTokenAt(text, i);
  const lo = Math.max(0, i - WINDOW);
  const hi = Math.min(text.length, i + WINDOW);
  const piece = text.slice(snapSurrogate(text, lo, true), snapSurrogate(text, hi, false));
  const base = snapSurrogate(text, lo, true);
  for (const s of seg.segment(piece)) {
    const start = base + s.index;
    const end = start + s.segment.length;
    if (start <= i && i < end) {
      if (s.isWordLike) return [start, end];
      return [i, i + charAt(text, i).length];
    }
  }
  return fallbackTokenAt(text, i);
}
function snapToWords(text, start, end, options) {
  const trimmed = trimRange(text, start, end);
  if (!trimmed) return null;
  const [s, e] = trimmed;
  return [tokenAt(text, s, options)[0], tokenAt(text, e - 1, options)[1]];
}
function settleRange(text, start, end, granularity) {
  let s = snapSurrogate(text, Math.min(start, end), false);
  let e = snapSurrogate(text, Math.max(start, end), true);
  const range = granularity === "word" ? snapToWords(text, s, e) : trimRange(text, s, e);
  if (!range) return null;
  [s, e] = range;
  return [snapSurrogate(text, s, false), snapSurrogate(text, e, true)];
}
function segments(length, spans) {
  const cuts = /* @__PURE__ */ new Set([0, length]);
  for (const s of spans) {
    cuts.add(clamp(s.start, 0, length));
    cuts.add(clamp(s.end, 0, length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = spans.map((s, i) => i).sort((a, b) => spans[a].start - spans[b].start);
  const active = /* @__PURE__ */ new Set();
  const out = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k += 1) {
    const a = points[k];
    const b = points[k + 1];
    while (next < starts.length && spans[starts[next]].start <= a) {
      active.add(starts[next]);
      next += 1;
    }
    for (const i of [...active]) if (spans[i].end <= a) active.delete(i);
    out.push({ start: a, end: b, cover: [...active].filter((i) => spans[i].start < b).sort((x, y) => x - y) });
  }
  return out;
}
function spanLevels(spans) {
  const order = spans.map((s, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
  const levels = new Array(spans.length).fill(0);
  const open = [];
  for (const i of order) {
    for (let k = open.length - 1; k >= 0; k -= 1) if (open[k].end <= spans[i].start) open.splice(k, 1);
    const used = new Set(open.map((o) => o.level));
    let level = 0;
    while (used.has(level)) level += 1;
    levels[i] = level;
    open.push({ end: spans[i].end, level });
  }
  return levels;
}
function pieceAt(starts, lengths, u, end) {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    if (starts[mid] <= u) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return starts.length ? 0 : -1;
  if (end && u === starts[found] && found > 0) return found - 1;
  if (!end && u === starts[found] + lengths[found] && found + 1 < starts.length) return found + 1;
  return found;
}
function derivedId(seed) {
  let h1 = 2166136261;
  let h2 = 16777619;
  for (let i = 0; i < seed.length; i += 1) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
  }
  let id = "";
  for (let k = 0; k < 10; k += 1) {
    const h3 = k < 5 ? h1 >>> k * 6 : h2 >>> (k - 5) * 6;
    id += ID_CHARS[h3 & 63];
  }
  return id;
}
function quote(text, max = 80) {
  const flat = text.replace(/\r?\n/g, "\u23CE").replace(/\t/g, "\u2192");
  if (flat.length <= max) return flat;
  const cut = snapSurrogate(flat, max - 1, false);
  return `${flat.slice(0, cut)}\u2026`;
}

// js/_dialogue.js
var SEPARATOR = "\n";
function hueOf(name) {
  let hash = 0;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash, 31) + name.charCodeAt(i) >>> 0;
  return Math.floor(hash * 137.508 % 360);
}
function dialogueNode(turns, layout, playable = false) {
  const root = h("div", { class: `lw-dialogue lw-layout-${layout === "dialogue" ? "dialogue" : "none"}` });
  turns.forEach((turn, i) => {
    const play = playable && typeof turn.start === "number" ? h("button", { type: "button", class: "lw-button lw-turn-play", "data-turn": String(i), title: "Play this turn", text: "\u25B6" }) : null;
    const node = h("div", { class: "lw-turn", "data-turn": String(i), "data-speaker": turn.name }, [
      h("div", { class: "lw-speaker" }, [play, turn.name]),
      h("div", { class: "lw-phrase", text: turn.text })
    ]);
    node.style.setProperty("--lw-speaker-hue", String(hueOf(turn.name)));
    root.append(node);
  });
  return root;
}
function dialogueText(turns) {
  const starts = [];
  const ends = [];
  let at = 0;
  for (const turn of turns) {
    starts.push(at);
    ends.push(at + turn.text.length);
    at += turn.text.length + SEPARATOR.length;
  }
  return { text: turns.map((t) => t.text).join(SEPARATOR), starts, ends };
}
function snapToTurns(starts, ends, s, e) {
  let first = -1;
  let last = -1;
  for (let i = 0; i < starts.length; i += 1) {
    if (ends[i] <= starts[i]) continue;
    if (first < 0 && ends[i] > s) first = i;
    if (starts[i] < e) last = i;
  }
  return first < 0 || last < first ? null : [starts[first], ends[last]];
}
function audioSync(el, box, data) {
  let stopAt = null;
  const now = (m) => m && (!m.paused || m.currentTime > 0) ? m.currentTime : -1;
  const media = () => {
    const sync = (data() || {}).sync;
    if (!sync) return null;
    const scope = el.closest(".lw-annotator") || document;
    const view = [...scope.querySelectorAll(".lw-audio[data-object]")].find((n) => n.getAttribute("data-object") === sync);
    return view ? view.querySelector("audio") : null;
  };
  function mark(time) {
    const turns = (data() || {}).turns || [];
    let first = null;
    box.querySelectorAll(".lw-turn").forEach((node) => {
      const turn = turns[Number(node.getAttribute("data-turn"))];
      const on = Boolean(turn && typeof turn.start === "number" && time >= turn.start && (typeof turn.end !== "number" || time < turn.end));
      node.classList.toggle("lw-turn-playing", on);
      if (on && !first) first = node;
    });
    if (first && (data() || {}).scroll) {
      const outer = box.getBoundingClientRect();
      const turn = first.getBoundingClientRect();
      if (turn.top < outer.top) box.scrollTop -= outer.top - turn.top;
      else if (turn.bottom > outer.bottom) box.scrollTop += Math.min(turn.bottom - outer.bottom, turn.top - outer.top);
    }
  }
  function onMedia(event) {
    const m = media();
    if (!m || event.target !== m) return;
    if (stopAt !== null && m.currentTime >= stopAt) {
      stopAt = null;
      m.pause();
    }
    mark(now(m));
  }
  function onPress(event) {
    const target = (
      /** @type {HTMLElement} */
      event.target
    );
    const button = target.closest ? target.closest(".lw-turn-play") : null;
    if (!button) return;
    event.preventDefault();
    event.stopPropagation();
    const turn = ((data() || {}).turns || [])[Number(button.getAttribute("data-turn"))];
    const m = media();
    if (!turn || !m) return;
    m.currentTime = turn.start;
    stopAt = typeof turn.end === "number" ? turn.end : null;
    m.play().catch(() => {
    });
  }
  const events = ["timeupdate", "seeked", "play", "pause"];
  for (const type of events) document.addEventListener(type, onMedia, true);
  box.addEventListener("mousedown", onPress, true);
  return {
    redraw() {
      mark(now(media()));
    },
    dispose() {
      for (const type of events) document.removeEventListener(type, onMedia, true);
      box.removeEventListener("mousedown", onPress, true);
    }
  };
}
function dialogueProblem(payload) {
  const error = payload && payload.data && payload.data.error;
  return error ? `${error} \u2014 skip this task, or fix the data` : null;
}

// js/_span_document.js
function xpathOf(node, root) {
  const parts = [];
  for (let n = node; n && n !== root; n = n.parentNode) {
    let index = 1;
    if (n.nodeType === Node.TEXT_NODE) {
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeType === Node.TEXT_NODE) index += 1;
      parts.push(`text()[${index}]`);
    } else {
      const name = n.nodeName.toLowerCase();
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeName.toLowerCase() === name) index += 1;
      parts.push(`${name}[${index}]`);
    }
  }
  return `/${parts.reverse().join("/")}`;
}
function docNodes(root, kind) {
  if (kind !== "paragraphs") return textNodes(root);
  return [...root.querySelectorAll(".lw-phrase")].flatMap((phrase) => textNodes(phrase));
}
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (
    /** @type {Text} */
    n.data.length
  ) out.push(n);
  return out;
}
function spanDocument(ed) {
  const { groups, kind } = ed;
  function docFor(payload) {
    const source = kind === "html" ? payload.data.html || "" : kind === "paragraphs" ? payload.data.turns || [] : payload.data.text || "";
    let built;
    if (kind === "paragraphs") {
      const turns = (
        /** @type {{name: string, text: string}[]} */
        source
      );
      const html = dialogueNode(turns, payload.data.layout, Boolean(payload.data.sync));
      const { text, starts: turnStarts, ends: turnEnds } = dialogueText(turns);
      const starts = [];
      const lengths = [];
      const xpaths = [];
      turns.forEach((turn, i) => {
        if (!turn.text.length) return;
        starts.push(turnStarts[i]);
        lengths.push(turn.text.length);
        xpaths.push(String(i));
      });
      built = { text, map: offsetMap(text), html, starts, lengths, xpaths, turnStarts, turnEnds };
    } else if (kind === "html") {
      const html = document.createElement("div");
      html.innerHTML = source;
      const nodes = textNodes(html);
      const starts = [];
      const lengths = [];
      let at = 0;
      for (const n of nodes) {
        starts.push(at);
        lengths.push(n.data.length);
        at += n.data.length;
      }
      const text = nodes.map((n) => n.data).join("");
      built = { text, map: offsetMap(text), html, starts, lengths, xpaths: nodes.map((n) => xpathOf(n, html)) };
    } else {
      built = { text: source, map: offsetMap(source) };
    }
    return built;
  }
  function locate(item, doc = ed.doc) {
    const { map } = doc;
    let cs;
    let ce;
    if (kind === "text") {
      cs = item.start;
      ce = item.end;
    } else if (item.globalOffsets) {
      cs = item.globalOffsets.start;
      ce = item.globalOffsets.end;
    } else {
      const a = doc.xpaths.indexOf(item.start);
      const b = doc.xpaths.indexOf(item.end);
      if (a < 0 || b < 0) return null;
      cs = map.cpOf(doc.starts[a]) + item.startOffset;
      ce = map.cpOf(doc.starts[b]) + item.endOffset;
    }
    if (!Number.isInteger(cs) || !Number.isInteger(ce) || cs < 0 || ce > map.cpLength || cs >= ce) return null;
    return { start: map.u16Of(cs), end: map.u16Of(ce), cpStart: cs, cpEnd: ce };
  }
  function regionsOf(value, doc = ed.doc) {
    const byKey = /* @__PURE__ */ new Map();
    for (const g of groups()) {
      const items = value && value[g.name] || [];
      items.forEach((item, i) => {
        if (!item || typeof item !== "object") return;
        const where = locate(item, doc);
        if (!where) return;
        const id = item.id || derivedId(`${g.name}|${i}|${JSON.stringify(item)}`);
        let key = id;
        const seen = byKey.get(key);
        if (seen && (seen.start !== where.start || seen.end !== where.end)) key = `${id}#${g.name}`;
        let region = byKey.get(key);
        if (!region) {
          region = { key, id, ...where, text: doc.text.slice(where.start, where.end), items: {}, at: {}, labels: [] };
          byKey.set(key, region);
        }
        region.items[g.name] = item;
        region.at[g.name] = i;
        for (const label of item[g.label_key] || []) {
          region.labels.push({ group: g.name, value: label, color: ed.colorOf(g.name, label) });
        }
      });
    }
    const out = [...byKey.values()];
    for (const r of out) {
      r.color = r.labels.length ? r.labels[0].color : "#888";
      r.name = r.labels.map((l) => ed.labelText(l.group, l.value)).join("+") || "\u2205";
    }
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }
  return { docFor, locate, regionsOf };
}

// js/_span_edits.js
function spanEdits(ed) {
  const { groupOf, kind, redraw } = ed;
  function makeItem(g, id, start, end, labels) {
    const grp = groupOf(g);
    const { map } = ed.doc;
    const cs = map.cpOf(start);
    const ce = map.cpOf(end);
    const text = ed.doc.text.slice(start, end);
    if (kind === "text") return { id, start: cs, end: ce, text, [grp.label_key]: labels };
    const a = pieceAt(ed.doc.starts, ed.doc.lengths, start, false);
    const b = pieceAt(ed.doc.starts, ed.doc.lengths, end, true);
    return {
      id,
      start: ed.doc.xpaths[a],
      end: ed.doc.xpaths[b],
      startOffset: cs - map.cpOf(ed.doc.starts[a]),
      endOffset: ce - map.cpOf(ed.doc.starts[b]),
      // (Label Studio's Paragraphs regions have no global offsets)
      ...kind === "paragraphs" ? {} : { globalOffsets: { start: cs, end: ce } },
      text,
      [grp.label_key]: labels
    };
  }
  const orderOf = (item) => {
    if (kind === "text") return [item.start, item.end];
    if (item.globalOffsets) return [item.globalOffsets.start, item.globalOffsets.end];
    const where = kind === "paragraphs" && ed.doc ? ed.locate(item) : null;
    return where ? [where.cpStart, where.cpEnd] : [0, 0];
  };
  function sorted(list) {
    return list.slice().sort((a, b) => {
      const [as, ae] = orderOf(a);
      const [bs, be] = orderOf(b);
      return as - bs || ae - be;
    });
  }
  function limitProblem(value, g, labels, except) {
    const grp = groupOf(g);
    for (const label of labels) {
      const o = grp.options.find((x) => x.value === label);
      const limit = o && o.max_usages;
      if (limit && usage(value, g, label, except) >= limit) {
        return `${o.label} can be used on at most ${limit} span${limit === 1 ? "" : "s"} (maxUsages).`;
      }
    }
    return null;
  }
  function create(start, end, byGroup) {
    const value = ed.task.value();
    const same2 = ed.regions.find((r) => r.start === start && r.end === end && byGroup.some(([g]) => r.items[g]));
    if (same2) {
      ed.selectedId = same2.key;
      ed.pending = null;
      ed.note = { kind: "info", text: "That text is already a span: it is selected; a label relabels it." };
      redraw();
      return;
    }
    for (const [g, labels] of byGroup) {
      const problem = limitProblem(value, g, labels, null);
      if (problem) {
        ed.pending = { start, end };
        ed.note = { kind: "error", text: problem };
        redraw();
        return;
      }
    }
    const id = newId();
    const next = { ...value };
    for (const [g, labels] of byGroup) next[g] = sorted([...next[g] || [], makeItem(g, id, start, end, labels)]);
    ed.pending = null;
    ed.note = null;
    ed.task.edit(next);
  }
  function applyLabel(g, label) {
    const grp = groupOf(g);
    if (!grp || !ed.doc) return;
    const multiple = grp.choice === "multiple";
    if (ed.pending) {
      create(ed.pending.start, ed.pending.end, [[g, [label]]]);
      return;
    }
    const region = ed.regions.find((r) => r.key === ed.selectedId);
    if (region) {
      const value = ed.task.value();
      const list = [...value && value[g] || []];
      const item = region.items[g];
      if (item) {
        const now2 = item[grp.label_key] || [];
        let labels;
        if (multiple) labels = now2.includes(label) ? now2.filter((x) => x !== label) : [...now2, label];
        else labels = [label];
        if (labels.length === now2.length && labels.every((x, i) => x === now2[i])) return;
        const added = labels.filter((x) => !now2.includes(x));
        const problem = limitProblem(value, g, added, item);
        if (problem) {
          ed.note = { kind: "error", text: problem };
          redraw();
          return;
        }
        const at = list.indexOf(item);
        if (!labels.length && !grp.allow_empty) list.splice(at, 1);
        else list[at] = { ...item, [grp.label_key]: labels };
      } else {
        const problem = limitProblem(value, g, [label], null);
        if (problem) {
          ed.note = { kind: "error", text: problem };
          redraw();
          return;
        }
        list.push(makeItem(g, region.id, region.start, region.end, [label]));
      }
      ed.note = null;
      ed.task.edit({ ...value, [g]: sorted(list) });
      return;
    }
    const now = ed.armed.get(g) || [];
    let next;
    if (multiple) next = now.includes(label) ? now.filter((x) => x !== label) : [...now, label];
    else next = now.includes(label) ? [] : [label];
    ed.armed = new Map(ed.armed);
    if (next.length) ed.armed.set(g, next);
    else ed.armed.delete(g);
    ed.note = null;
    redraw();
  }
  function removeRegion(region) {
    const value = ed.task.value();
    const next = { ...value };
    for (const [g, item] of Object.entries(region.items)) {
      next[g] = (value && value[g] || []).filter((x) => x !== item);
    }
    if (ed.selectedId === region.key) ed.selectedId = null;
    ed.note = null;
    ed.task.edit(next);
  }
  function usage(value, g, label, except) {
    const key = groupOf(g).label_key;
    return (value && value[g] || []).filter((item) => item && item !== except && (item[key] || []).includes(label)).length;
  }
  return { applyLabel, create, removeRegion, usage };
}

// js/_span_gestures.js
function spanGestures(ed) {
  const { model, redraw, textBox } = ed;
  function boundary(node, offset) {
    if (ed.kind === "paragraphs") return turnBoundary(node, offset);
    const whole = document.createRange();
    whole.selectNodeContents(textBox);
    let where;
    try {
      where = whole.comparePoint(node, offset);
    } catch {
      return null;
    }
    if (where < 0) return 0;
    if (where > 0) return ed.doc.text.length;
    const upto = document.createRange();
    upto.setStart(textBox, 0);
    upto.setEnd(node, offset);
    return upto.toString().length;
  }
  function turnBoundary(node, offset) {
    const phrases = textBox.querySelectorAll(".lw-phrase");
    for (let i = 0; i < phrases.length; i += 1) {
      const around = document.createRange();
      around.selectNodeContents(phrases[i]);
      let where;
      try {
        where = around.comparePoint(node, offset);
      } catch {
        return null;
      }
      if (where < 0) return ed.doc.turnStarts[i];
      if (where === 0) {
        const upto = document.createRange();
        upto.setStart(phrases[i], 0);
        upto.setEnd(node, offset);
        return ed.doc.turnStarts[i] + upto.toString().length;
      }
    }
    return ed.doc.text.length;
  }
  function selectionRange() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || !ed.doc) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(textBox)) return null;
    const start = boundary(range.startContainer, range.startOffset);
    const end = boundary(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return null;
    const settled = settleRange(ed.doc.text, start, end, model.get("granularity"));
    if (!settled || ed.kind !== "paragraphs" || model.get("granularity") !== "paragraph") return settled;
    return snapToTurns(ed.doc.turnStarts, ed.doc.turnEnds, settled[0], settled[1]);
  }
  function regionsAt(target) {
    const seg = target && target.closest ? target.closest(".lw-seg") : null;
    if (!seg || !textBox.contains(seg)) return [];
    const s = ed.segs[Number(seg.dataset.seg)];
    if (!s) return [];
    return s.cover.filter((i) => i < ed.regions.length).map((i) => ed.regions[i]).sort((a, b) => a.end - a.start - (b.end - b.start));
  }
  let down = null;
  function onDown(event) {
    if (event.button !== 0) return;
    down = { x: event.clientX, y: event.clientY };
    document.addEventListener("mouseup", onUp, true);
  }
  function onUp(event) {
    document.removeEventListener("mouseup", onUp, true);
    const start = down;
    down = null;
    if (!start || !ed.doc) return;
    const range = selectionRange();
    if (range) {
      window.getSelection().removeAllRanges();
      const byGroup = [...ed.armed].filter(([, ls]) => ls.length);
      if (byGroup.length) {
        ed.selectedId = null;
        ed.create(range[0], range[1], byGroup);
      } else {
        ed.pending = { start: range[0], end: range[1] };
        ed.selectedId = null;
        ed.note = null;
        redraw();
      }
      return;
    }
    const moved = Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > 3;
    if (moved) return;
    const hits = regionsAt(event.target);
    ed.pending = null;
    ed.note = null;
    if (!hits.length) {
      ed.selectedId = null;
    } else {
      const at = hits.findIndex((r) => r.key === ed.selectedId);
      ed.selectedId = hits[(at + 1) % hits.length].key;
    }
    redraw();
  }
  textBox.addEventListener("mousedown", onDown);
  textBox.addEventListener("mouseover", (event) => {
    const target = (
      /** @type {Element} */
      event.target
    );
    const seg = target.closest ? (
      /** @type {HTMLElement} */
      target.closest(".lw-seg")
    ) : null;
    if (seg && !seg.title) seg.title = regionsAt(seg).map((r) => `${r.name}: ${quote(r.text, 40)}`).join("\n");
  });
  return { onDown, onUp };
}

// js/_text_pieces.js
var isLowSurrogate = (code) => code >= 56320 && code <= 57343;
function textPieces(text, segs) {
  let k = 0;
  let at = 0;
  return {
    /** @param {number} budget @returns {Piece[]} */
    next(budget) {
      const out = [];
      const stop = at + Math.max(1, budget);
      while (k < segs.length && at < stop) {
        const s = segs[k];
        if (s.cover.length) {
          out.push({ start: s.start, end: s.end, seg: k, covered: true });
          at = s.end;
        } else {
          let to = Math.min(s.end, stop);
          if (to < s.end && isLowSurrogate(text.charCodeAt(to))) to += 1;
          out.push({ start: at, end: to, seg: k, covered: false });
          at = to;
        }
        if (at >= s.end) k += 1;
      }
      return out;
    },
    done: () => k >= segs.length,
    /** How far (UTF-16) the pieces handed out reach. */
    reached: () => at
  };
}
function charsToFill(width, height, { charWidth = 7, lineHeight = 30, margin = 1.5, least = 1500, most = 12e3, fallback = 3e3 } = {}) {
  if (!(width > 0) || !(height > 0)) return fallback;
  const chars = Math.ceil(width / charWidth * Math.ceil(height / lineHeight) * margin);
  return Math.min(most, Math.max(least, chars));
}

// js/_palette.js
var PALETTE = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#16a2b8",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
  "#000075",
  "#a9a9a9"
];

// js/_progressive.js
function progressive(box) {
  let next = null;
  let marker = null;
  const observer = typeof IntersectionObserver === "undefined" ? null : new IntersectionObserver((entries) => {
    if (next && entries.some((e) => e.isIntersecting)) fill();
  }, { root: box, rootMargin: "0px 0px 300% 0px" });
  function stop() {
    next = null;
    delete box.dataset.more;
    if (marker) {
      if (observer) observer.unobserve(marker);
      marker.remove();
      marker = null;
    }
  }
  function start(more) {
    stop();
    next = more;
    box.dataset.more = "";
    marker = document.createElement("span");
    marker.className = "lw-more";
    marker.setAttribute("aria-hidden", "true");
    box.append(marker);
    if (observer) observer.observe(marker);
    else drain();
  }
  function fill() {
    const piece = next ? next() : null;
    if (!piece || !marker) {
      stop();
      return;
    }
    marker.before(piece);
    if (observer) {
      observer.unobserve(marker);
      observer.observe(marker);
    }
  }
  function drain() {
    while (next) fill();
  }
  return { start, stop, drain, pending: () => next !== null };
}

// js/_span_painter.js
var MORE_CHARS = 4e3;
var FIRST_ROWS = 10;
var MORE_ROWS = 60;
function validColor(color) {
  if (!color) return false;
  try {
    return typeof CSS !== "undefined" && CSS.supports ? CSS.supports("color", color) : /^#[0-9a-f]{3,8}$/i.test(color);
  } catch {
    return false;
  }
}
function withVars(node, vars) {
  for (const [key, value] of Object.entries(vars)) node.style.setProperty(key, value);
  return node;
}
function spanPainter(ed) {
  const { groupOf, groups, kind, labelsBox, listBox, noteBox, redraw, textBox } = ed;
  const textMore = progressive(textBox);
  const listMore = progressive(listBox);
  let drawnTask;
  let drawnTo = 0;
  const colors = /* @__PURE__ */ new Map();
  function colorOf(g, value) {
    const key = `${g}\0${value}`;
    if (!colors.has(key)) {
      let n = 0;
      let found = null;
      for (const grp of groups()) {
        for (const o of grp.options) {
          if (grp.name === g && o.value === value) found = validColor(o.background) ? o.background : PALETTE[n % PALETTE.length];
          n += 1;
        }
      }
      colors.set(key, found || "#888");
    }
    return colors.get(key);
  }
  const labelText = (g, value) => {
    const o = (groupOf(g) || { options: [] }).options.find((x) => x.value === value);
    return o ? o.label : value;
  };
  let boxWidth = 0;
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver((entries) => {
      for (const e of entries) boxWidth = e.contentRect.width;
    }).observe(textBox);
  }
  function segmentMaker(segs, regions, drawn, levels, starting, selectedId) {
    return (k, piece, first) => {
      const s = segs[k];
      const node = document.createElement("span");
      node.textContent = piece;
      node.dataset.seg = String(k);
      let cls = "lw-seg";
      let css = "";
      const cover = s.cover.length && s.cover[s.cover.length - 1] === regions.length ? s.cover.slice(0, -1) : s.cover;
      if (cover !== s.cover) cls += " lw-pending";
      if (cover.length) {
        let main = cover[0];
        for (const i of cover) {
          if (regions[i].key === selectedId) {
            main = i;
            cls += " lw-sel";
            break;
          }
          if (drawn[i].end - drawn[i].start < drawn[main].end - drawn[main].start) main = i;
        }
        const lines = cover.length === 1 ? [cover[0]] : cover.slice().sort((a, b) => levels[a] - levels[b]);
        css = `--lw-span:${regions[main].color};box-shadow:${lines.map((i) => `0 ${2 * (levels[i] + 1)}px 0 0 ${regions[i].color}`).join(",")};`;
        node.dataset.depth = String(cover.length);
      }
      const heads = first ? starting.get(s.start) : null;
      if (heads) {
        node.dataset.chip = heads.length === 1 ? heads[0].name : heads.map((r) => r.name).join(" \xB7 ");
        css += `--lw-chip:${heads[0].color};`;
      }
      node.className = cls;
      if (css) node.style.cssText = css;
      return node;
    };
  }
  const BATCH = 400;
  function* markedCopy(doc, segs, segment) {
    const copy = doc.html.cloneNode(true);
    const nodes = docNodes(copy, kind);
    let k = 0;
    for (let n = 0; n < nodes.length; n += 1) {
      if (n % BATCH === BATCH - 1) yield null;
      const node = nodes[n];
      const a = doc.starts[n];
      const b = a + doc.lengths[n];
      while (k < segs.length && segs[k].end <= a) k += 1;
      let j = k;
      let covered = false;
      for (; j < segs.length && segs[j].start < b; j += 1) if (segs[j].cover.length) covered = true;
      if (!covered || !/\S/.test(node.data)) continue;
      const frag = document.createDocumentFragment();
      for (let q = k; q < j; q += 1) {
        const s = segs[q];
        const from = Math.max(s.start, a);
        const to = Math.min(s.end, b);
        const piece = node.data.slice(from - a, to - a);
        frag.append(s.cover.length ? segment(q, piece, from === s.start) : document.createTextNode(piece));
      }
      node.replaceWith(frag);
    }
    return copy;
  }
  const finish = (gen) => {
    for (; ; ) {
      const step = gen.next();
      if (step.done) return step.value;
    }
  };
  function* markAhead(prep) {
    const segment = segmentMaker(prep.segs, prep.regions, prep.regions, prep.levels, prep.starting, null);
    prep.dom = yield* markedCopy(prep.doc, prep.segs, segment);
  }
  function drawText() {
    const prep = ed.prep;
    let drawn = ed.regions;
    let levels = prep.levels;
    ed.segs = prep.segs;
    if (ed.pending) {
      drawn = ed.regions.map((r) => ({ start: r.start, end: r.end }));
      drawn.push({ start: ed.pending.start, end: ed.pending.end });
      levels = spanLevels(drawn);
      ed.segs = segments(ed.doc.text.length, drawn);
    }
    const segment = segmentMaker(ed.segs, ed.regions, drawn, levels, prep.starting, ed.selectedId);
    if (kind === "text") {
      const text = ed.doc.text;
      const cut = textPieces(text, ed.segs);
      const piece = (budget) => {
        const frag = document.createDocumentFragment();
        for (const p of cut.next(budget)) {
          const part = text.slice(p.start, p.end);
          frag.append(p.covered ? segment(p.seg, part, true) : document.createTextNode(part));
        }
        drawnTo = cut.reached();
        return frag;
      };
      const fill = charsToFill(boxWidth, 0.6 * window.innerHeight, { margin: 1.2 });
      const upto = drawnTask === ed.drawnTask ? Math.max(fill, drawnTo) : fill;
      drawnTask = ed.drawnTask;
      textBox.replaceChildren(piece(upto));
      if (!cut.done()) textMore.start(() => cut.done() ? null : piece(MORE_CHARS));
      else textMore.stop();
      return;
    }
    textMore.stop();
    let copy = prep.dom && drawn === ed.regions && ed.selectedId === null ? prep.dom : null;
    prep.dom = null;
    if (!copy) copy = finish(markedCopy(ed.doc, ed.segs, segment));
    if (kind === "paragraphs") textBox.replaceChildren(copy);
    else textBox.replaceChildren(...copy.childNodes);
  }
  let labelsShown = "";
  let labelsOf = null;
  function drawLabels(value) {
    const selected = ed.regions.find((r) => r.key === ed.selectedId);
    const several = groups().length > 1;
    const state = groups().map((g) => {
      const on = ed.armed.get(g.name) || [];
      const has = selected && selected.items[g.name] ? selected.items[g.name][g.label_key] || [] : [];
      return { g, on, has, used: g.options.map((o) => o.max_usages ? ed.usage(value, g.name, o.value) : 0) };
    });
    const shown = JSON.stringify(state.map(({ g, on, has, used }) => [g.name, on, has, used]));
    if (shown === labelsShown && groups() === labelsOf && labelsBox.childElementCount) return;
    labelsShown = shown;
    labelsOf = groups();
    labelsBox.replaceChildren(
      ...state.map(({ g, on, has, used: counts }) => {
        return h("div", { class: `lw-span-group${g.show_inline ? " lw-inline" : ""}`, "data-control": g.name }, [
          several ? h("span", { class: "lw-span-group-name", text: g.name }) : null,
          ...g.options.map((o, n) => {
            const limit = o.max_usages || 0;
            const used = counts[n];
            const cls = ["lw-option", "lw-label"];
            if (on.includes(o.value)) cls.push("lw-on");
            if (has.includes(o.value)) cls.push("lw-has");
            if (limit && used >= limit) cls.push("lw-full");
            return withVars(h(
              "button",
              {
                type: "button",
                class: cls.join(" "),
                "data-control": g.name,
                "data-value": o.value,
                "aria-pressed": String(on.includes(o.value)),
                title: limit ? `${o.label}: used ${used} of ${limit}` : o.label,
                onmousedown: (event) => event.preventDefault(),
                // keep the text selection
                onclick: () => ed.applyLabel(g.name, o.value)
              },
              [
                h("span", { class: "lw-span-swatch" }),
                h("span", { class: "lw-option-label", text: o.label }),
                limit ? h("span", { class: "lw-span-count", text: `${used}/${limit}` }) : null,
                o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null
              ]
            ), { "--lw-accent": colorOf(g.name, o.value) });
          })
        ]);
      })
    );
  }
  const MAX_ROWS = 300;
  function turnsOf(region) {
    const item = Object.values(region.items)[0];
    return item ? `${item.start}:${item.startOffset}\u2013${item.end}:${item.endOffset}` : "";
  }
  function drawList() {
    if (!ed.regions.length) {
      listMore.stop();
      listBox.replaceChildren(h("div", { class: "lw-span-empty", text: "No spans yet." }));
      return;
    }
    let shownRegions = ed.regions;
    if (ed.regions.length > MAX_ROWS) {
      shownRegions = ed.regions.slice(0, MAX_ROWS);
      const selected = ed.regions.find((r) => r.key === ed.selectedId);
      if (selected && !shownRegions.includes(selected)) shownRegions.push(selected);
    }
    const rowOf = (r) => {
      const row = document.createElement("div");
      row.className = `lw-span-row${r.key === ed.selectedId ? " lw-sel" : ""}`;
      row.dataset.key = r.key;
      row.dataset.id = r.id;
      for (const l of r.labels) {
        const tag = document.createElement("span");
        tag.className = "lw-span-tag";
        tag.textContent = labelText(l.group, l.value);
        tag.style.setProperty("--lw-span", l.color);
        row.append(tag);
      }
      const text = document.createElement("span");
      text.className = "lw-span-quote";
      text.textContent = quote(r.text);
      const where = document.createElement("span");
      where.className = "lw-span-where";
      where.textContent = kind === "paragraphs" ? turnsOf(r) : `${r.cpStart}\u2013${r.cpEnd}`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "lw-span-delete";
      remove.title = "Delete this span";
      remove.setAttribute("aria-label", "Delete this span");
      remove.textContent = "\xD7";
      row.append(text, where, remove);
      return row;
    };
    let i = 0;
    const rows = (count) => {
      const frag = document.createDocumentFragment();
      for (const end = Math.min(shownRegions.length, i + count); i < end; i += 1) frag.append(rowOf(shownRegions[i]));
      if (i >= shownRegions.length && shownRegions.length < ed.regions.length) {
        frag.append(h("div", { class: "lw-span-empty", text: `\u2026 and ${ed.regions.length - shownRegions.length} more spans` }));
      }
      return frag;
    };
    listBox.replaceChildren(rows(FIRST_ROWS));
    if (i < shownRegions.length) listMore.start(() => i < shownRegions.length ? rows(MORE_ROWS) : null);
    else listMore.stop();
  }
  listBox.addEventListener("mousedown", (event) => {
    if (
      /** @type {Element} */
      event.target.closest(".lw-span-row")
    ) event.preventDefault();
  });
  listBox.addEventListener("click", (event) => {
    const row = (
      /** @type {HTMLElement} */
      /** @type {Element} */
      event.target.closest(".lw-span-row")
    );
    if (!row) return;
    const region = ed.regions.find((r) => r.key === row.dataset.key);
    if (!region) return;
    if (
      /** @type {Element} */
      event.target.closest(".lw-span-delete")
    ) {
      ed.removeRegion(region);
      return;
    }
    ed.selectedId = ed.selectedId === region.key ? null : region.key;
    ed.pending = null;
    ed.note = null;
    redraw();
  });
  function drawNote() {
    let text;
    let cls = "lw-span-note";
    const selected = ed.regions.find((r) => r.key === ed.selectedId);
    const armedNames = [...ed.armed].flatMap(([g, ls]) => ls.map((l) => labelText(g, l)));
    if (ed.note) {
      text = ed.note.text;
      cls += ` lw-${ed.note.kind}`;
    } else if (ed.pending && ed.doc) {
      text = `\u201C${quote(ed.doc.text.slice(ed.pending.start, ed.pending.end), 60)}\u201D selected: pick a label (click or key), Esc to cancel.`;
    } else if (selected) {
      text = `\u201C${quote(selected.text, 60)}\u201D selected: a label relabels it, Delete removes it, Esc deselects.`;
    } else if (armedNames.length) {
      text = `Labeling as ${armedNames.join(" + ")}: select text.`;
    } else {
      text = "Select text, then pick a label (or pick a label, then select text). Click a span to select it.";
    }
    noteBox.textContent = text;
    noteBox.className = cls;
  }
  const drawAll = () => {
    textMore.drain();
    listMore.drain();
  };
  return { colorOf, drawAll, drawLabels, drawList, drawNote, drawText, labelText, markAhead };
}

// js/_span_prepared.js
var EMPTY = Object.freeze({});
function spanPrepared(ed) {
  const kept = /* @__PURE__ */ new Map();
  const sourceOf = (payload) => ed.kind === "html" ? payload.data.html : ed.kind === "paragraphs" ? JSON.stringify(payload.data.turns || []) : payload.data.text;
  function build(payload, value, doc) {
    doc = doc || ed.docFor(payload);
    const regions = ed.regionsOf(value, doc);
    const spans = regions.map((r) => ({ start: r.start, end: r.end }));
    const starting = /* @__PURE__ */ new Map();
    for (const r of regions) {
      if (!starting.has(r.start)) starting.set(r.start, []);
      starting.get(r.start).push(r);
    }
    const described = regions.map((r) => ({ id: r.id, controls: Object.keys(r.items), labels: r.labels.map((l) => l.value), text: r.text }));
    return { payload, value, doc, regions, segs: segments(doc.text.length, spans), levels: spanLevels(spans), starting, described };
  }
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
  function takeOver(k, payload) {
    const own = payload.value || EMPTY;
    if (k.value !== (k.payload.value || EMPTY) || k.payload.rev !== payload.rev) return false;
    if (sourceOf(k.payload) !== sourceOf(payload)) return false;
    if (k.valueText === void 0) k.valueText = JSON.stringify(k.value);
    if (JSON.stringify(own) !== k.valueText) return false;
    for (const r of k.regions) for (const [g, i] of Object.entries(r.at)) r.items[g] = own[g][i];
    k.payload = payload;
    k.value = own;
    return true;
  }
  function* aheadSteps() {
    for (const key of Object.keys(ed.model.get("tasks") || {})) {
      const payload = (ed.model.get("tasks") || {})[key];
      if (!payload || !payload.data || key === ed.drawnTask) continue;
      let k = kept.get(key);
      if (!k || k.payload !== payload) {
        try {
          if (!(k && takeOver(k, payload))) k = prepared(key, payload, payload.value || EMPTY);
        } catch {
          kept.delete(key);
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
    }
  };
}

// js/text_spans.js
var LONG = 2e4;
function render({ model, el }) {
  const name = model.get("name");
  const kind = model.get("kind");
  const labelsBox = h("div", { class: "lw-span-labels" });
  const noteBox = h("div", { class: "lw-span-note", role: "status" });
  const textBox = h("div", { class: `lw-span-text lw-kind-${kind}`, "data-object": name });
  const listBox = h("div", { class: "lw-span-list" });
  const root = h("div", { class: "lw-spans", "data-object": name }, [labelsBox, textBox, noteBox, listBox]);
  el.append(root);
  const ed = (
    /** @type {Editor} */
    {
      model,
      drawnTask: void 0,
      armed: /* @__PURE__ */ new Map(),
      // group -> [label values] applied to the next selection
      selectedId: null,
      // region id
      pending: null,
      // {start, end} UTF-16 offsets of a selection waiting for a label
      note: null,
      // {kind, text}
      doc: null,
      // {text, map, html?, starts?, lengths?, xpaths?, turnStarts?, turnEnds?}
      prep: null,
      // the shown task as prepared for drawing (_span_prepared.js)
      regions: [],
      // drawn spans, one per region id
      segs: [],
      // The task binding (set once bindTask returns; its first render runs before that).
      task: null
    }
  );
  const groups = () => model.get("groups") || [];
  const groupOf = (g) => groups().find((x) => x.name === g);
  function draw(payload, value) {
    const taskKey = ed.task ? ed.task.task() : model.get("task");
    if (taskKey !== ed.drawnTask) {
      ed.drawnTask = taskKey;
      toTop = scrolled;
      ed.selectedId = null;
      ed.pending = null;
      ed.note = null;
      ed.armed = /* @__PURE__ */ new Map();
      for (const g of groups()) {
        const chosen2 = g.options.filter((o) => o.selected).map((o) => o.value);
        if (chosen2.length) ed.armed.set(g.name, g.choice === "multiple" ? chosen2 : chosen2.slice(0, 1));
      }
    }
    if (!payload) {
      if (toTop) textBox.scrollTop = 0;
      toTop = false;
      ed.doc = null;
      ed.prep = null;
      ed.regions = [];
      textBox.textContent = "\u2026";
      ed.drawLabels(value || {});
      listBox.replaceChildren();
      ed.drawNote();
      return;
    }
    ed.prep = ed.prepared(ed.drawnTask, payload, value || {});
    ed.doc = ed.prep.doc;
    ed.regions = ed.prep.regions;
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
  const announcer = regionAnnouncer(model.get("group"), name);
  function announce() {
    const at = ed.regions.findIndex((r) => r.key === ed.selectedId);
    announcer(ed.drawnTask, at >= 0 ? ed.prep.described[at] : null, ed.prep.described);
  }
  const reporter = regionReporter(model.get("group"), name, (taskKey) => {
    if (taskKey !== ed.drawnTask || !ed.doc) return [];
    ed.drawAll();
    const first = /* @__PURE__ */ new Map();
    for (
      const node of
      /** @type {NodeListOf<HTMLElement>} */
      textBox.querySelectorAll(".lw-seg")
    ) {
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
  Object.assign(ed, { model, el, name, kind, root, labelsBox, noteBox, textBox, listBox, groups, groupOf, draw, redraw });
  Object.assign(ed, spanDocument(ed), spanPainter(ed), spanEdits(ed), spanGestures(ed));
  Object.assign(ed, spanPrepared(ed));
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
          ed.armed = /* @__PURE__ */ new Map();
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
      return groups().filter((g) => g.required && !(value && value[g.name] || []).length).map((g) => g.required_message || `label at least one span for ${g.name}`);
    }
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
var text_spans_default = { render };
export {
  text_spans_default as default
};
