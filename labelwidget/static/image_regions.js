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

// js/_ids.js
var ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
function newId() {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const b of bytes) id += ID_CHARS[b & 63];
  return id;
}

// js/_geometry.js
var clamp = (v, lo, hi) => v < lo ? lo : v > hi ? hi : v;
var toPixels = (percent, extent) => percent * extent / 100;
var toPercent = (pixels, extent) => pixels * 100 / extent;
function rotatePoint(p, o, deg) {
  if (!deg) return [p[0], p[1]];
  const t = deg * Math.PI / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const dx = p[0] - o[0];
  const dy = p[1] - o[1];
  return [o[0] + dx * c - dy * s, o[1] + dx * s + dy * c];
}
function boxPixels(box, W, H) {
  return [toPixels(box.x, W), toPixels(box.y, H), toPixels(box.width, W), toPixels(box.height, H)];
}
function boxCorners(box, W, H) {
  const [l, t, w, h2] = boxPixels(box, W, H);
  const o = [l, t];
  return [[l, t], [l + w, t], [l + w, t + h2], [l, t + h2]].map((p) => rotatePoint(p, o, box.rotation || 0));
}
function boxContains(box, p, W, H, tolerance = 0) {
  const [l, t, w, h2] = boxPixels(box, W, H);
  const [u, v] = rotatePoint(p, [l, t], -(box.rotation || 0));
  return u >= l - tolerance && u <= l + w + tolerance && v >= t - tolerance && v <= t + h2 + tolerance;
}
function boxFromCorners(a, b) {
  return { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(a[0] - b[0]), height: Math.abs(a[1] - b[1]), rotation: 0 };
}
function cropBox(box) {
  if (box.rotation) return { ...box };
  const l = clamp(Math.min(box.x, box.x + box.width), 0, 100);
  const r = clamp(Math.max(box.x, box.x + box.width), 0, 100);
  const t = clamp(Math.min(box.y, box.y + box.height), 0, 100);
  const b = clamp(Math.max(box.y, box.y + box.height), 0, 100);
  return { ...box, x: l, y: t, width: r - l, height: b - t };
}
function moveBox(box, dx, dy) {
  if (box.rotation) return { ...box, x: clamp(box.x + dx, 0, 100), y: clamp(box.y + dy, 0, 100) };
  return { ...box, x: clamp(box.x + dx, 0, 100 - box.width), y: clamp(box.y + dy, 0, 100 - box.height) };
}
var HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
var HANDLE_UV = { nw: [0, 0], n: [0.5, 0], ne: [1, 0], e: [1, 0.5], se: [1, 1], s: [0.5, 1], sw: [0, 1], w: [0, 0.5] };
function boxHandles(box, W, H) {
  const [l, t, w, h2] = boxPixels(box, W, H);
  return HANDLES.map((name) => {
    const [u, v] = HANDLE_UV[name];
    const [x, y] = rotatePoint([l + u * w, t + v * h2], [l, t], box.rotation || 0);
    return { name, x, y };
  });
}
function resizeBox(box, handle, p, W, H) {
  const [l, t, w, h2] = boxPixels(box, W, H);
  const rot = box.rotation || 0;
  let [u, v] = rotatePoint(p, [l, t], -rot);
  if (!rot) {
    u = clamp(u, 0, W);
    v = clamp(v, 0, H);
  }
  let x0 = l, y0 = t, x1 = l + w, y1 = t + h2;
  if (handle.includes("w")) x0 = u;
  if (handle.includes("e")) x1 = u;
  if (handle.includes("n")) y0 = v;
  if (handle.includes("s")) y1 = v;
  const nl = Math.min(x0, x1), nr = Math.max(x0, x1), nt = Math.min(y0, y1), nb = Math.max(y0, y1);
  const [ox, oy] = rotatePoint([nl, nt], [l, t], rot);
  return { ...box, x: toPercent(ox, W), y: toPercent(oy, H), width: toPercent(nr - nl, W), height: toPercent(nb - nt, H) };
}
var polygonPixels = (points, W, H) => points.map(([x, y]) => [toPixels(x, W), toPixels(y, H)]);
function polygonContains(points, p, W, H) {
  const pts = polygonPixels(points, W, H);
  if (pts.length < 3) return false;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > p[1] !== yj > p[1]) {
      const cx = xi + (p[1] - yi) * (xj - xi) / (yj - yi);
      if (p[0] < cx) inside = !inside;
    }
  }
  return inside;
}
function movePolygon(points, dx, dy) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const mx = clamp(dx, -Math.min(...xs), 100 - Math.max(...xs));
  const my = clamp(dy, -Math.min(...ys), 100 - Math.max(...ys));
  return points.map(([x, y]) => [x + mx, y + my]);
}
var clampPoint = ([x, y]) => [clamp(x, 0, 100), clamp(y, 0, 100)];
function distance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
function polygonArea(points, W, H) {
  const pts = polygonPixels(points, W, H);
  let twice = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) twice += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return Math.abs(twice) / 2;
}
function regionArea(r, W, H) {
  if (r.shape === "rectangle") return Math.abs(toPixels(r.width, W) * toPixels(r.height, H));
  if (r.shape === "polygon") return polygonArea(r.points, W, H);
  return 0;
}
var snapPoint = (p, snap) => snap === "pixel" ? [Math.round(p[0]), Math.round(p[1])] : p;
function fitView(sw, sh, W, H) {
  const scale = Math.min(sw / W, sh / H);
  return { scale, ox: (sw - W * scale) / 2, oy: (sh - H * scale) / 2 };
}
var toScreen = (view, p) => [view.ox + p[0] * view.scale, view.oy + p[1] * view.scale];
var toImage = (view, s) => [(s[0] - view.ox) / view.scale, (s[1] - view.oy) / view.scale];
function zoomAt(view, factor, s, minScale, maxScale) {
  const scale = clamp(view.scale * factor, minScale, maxScale);
  const [ix, iy] = toImage(view, s);
  return { scale, ox: s[0] - ix * scale, oy: s[1] - iy * scale };
}
function clampView(view, sw, sh, W, H, keep = 40) {
  const w = W * view.scale;
  const h2 = H * view.scale;
  const k = (extent, size) => Math.min(keep, extent, size);
  return {
    scale: view.scale,
    ox: clamp(view.ox, k(w, sw) - w, sw - k(w, sw)),
    oy: clamp(view.oy, k(h2, sh) - h2, sh - k(h2, sh))
  };
}
var SHAPE_KEYS = { rectangle: ["x", "y", "width", "height", "rotation"], polygon: ["points"], keypoint: ["x", "y", "width"] };
var OWN_KEYS = /* @__PURE__ */ new Set(["id", "original_width", "original_height"]);
function shapeOf(value) {
  if (value && Array.isArray(value.points)) return "polygon";
  if (value && typeof value.x === "number" && typeof value.y === "number") return "height" in value ? "rectangle" : "keypoint";
  return null;
}
function geometryOf(shape, value) {
  const g = {};
  for (const k of SHAPE_KEYS[shape]) if (value[k] !== void 0 && value[k] !== null) g[k] = k === "points" ? value.points.map((p) => [p[0], p[1]]) : value[k];
  if (shape === "rectangle") g.rotation = g.rotation || 0;
  return g;
}
function extrasOf(value, skip) {
  const extra = {};
  for (const [k, v] of Object.entries(value)) if (!OWN_KEYS.has(k) && !skip.has(k)) extra[k] = v;
  return extra;
}
function regionsFromValue(value, controls) {
  const regions = [];
  const byId = /* @__PURE__ */ new Map();
  const list = (name) => value && Array.isArray(value[name]) ? value[name] : [];
  for (const c of controls) {
    if (c.kind === "generic") continue;
    for (const v of list(c.name)) {
      const shape = shapeOf(v);
      if (!shape) continue;
      const skip = new Set([...SHAPE_KEYS[shape], c.label_key].filter(Boolean));
      const r = {
        id: String(v.id ?? newId()),
        shape,
        control: c.name,
        labels: c.label_key ? [].concat(v[c.label_key] ?? []) : [],
        labelsControl: null,
        ...geometryOf(shape, v),
        extra: extrasOf(v, skip),
        labelsExtra: {},
        ow: v.original_width ?? null,
        oh: v.original_height ?? null
      };
      regions.push(r);
      byId.set(r.id, r);
    }
  }
  for (const c of controls) {
    if (c.kind !== "generic") continue;
    for (const v of list(c.name)) {
      const shape = shapeOf(v);
      if (!shape) continue;
      const skip = /* @__PURE__ */ new Set([...SHAPE_KEYS[shape], "labels"]);
      const known = v.id !== void 0 && byId.get(String(v.id));
      if (known && !known.labelsControl) {
        known.labels = [].concat(v.labels ?? []);
        known.labelsControl = c.name;
        known.labelsExtra = extrasOf(v, skip);
        continue;
      }
      const tool = controls.find((t) => t.kind === "tool" && t.shape === shape);
      const r = {
        id: String(v.id ?? newId()),
        shape,
        control: tool ? tool.name : null,
        labels: [].concat(v.labels ?? []),
        labelsControl: c.name,
        ...geometryOf(shape, v),
        extra: {},
        labelsExtra: extrasOf(v, skip),
        ow: v.original_width ?? null,
        oh: v.original_height ?? null
      };
      regions.push(r);
      byId.set(r.id, r);
    }
  }
  return regions;
}
function valueFromRegions(regions, controls, size = null) {
  const out = {};
  const byName = {};
  for (const c of controls) {
    out[c.name] = [];
    byName[c.name] = c;
  }
  for (const r of regions) {
    const geometry = geometryOf(r.shape, r);
    const ow = size ? size[0] : r.ow;
    const oh = size ? size[1] : r.oh;
    const dims = ow && oh ? { original_width: ow, original_height: oh } : {};
    const spec = r.control ? byName[r.control] : null;
    if (spec) {
      const v = { id: r.id, ...geometry };
      if (spec.label_key) v[spec.label_key] = [...r.labels];
      out[spec.name].push({ ...v, ...dims, ...r.extra });
    }
    const generic = r.labelsControl ? byName[r.labelsControl] : null;
    if (generic && r.labels.length) {
      out[generic.name].push({ id: r.id, ...geometry, labels: [...r.labels], ...dims, ...r.labelsExtra });
    }
  }
  return out;
}
function labelUses(regions, control, label, except = null) {
  return regions.filter((r) => r !== except && (r.control === control || r.labelsControl === control) && r.labels.includes(label)).length;
}
function usageLimit(c, label) {
  const option = (c.options || []).find((o) => o.value === label);
  return option && option.max_usages || c.max_usages || null;
}

// js/_media_cache.js
function mediaCache({ keep = 48, drop = () => {
}, retryMs = 15e3 } = {}) {
  const entries = /* @__PURE__ */ new Map();
  const waiting = /* @__PURE__ */ new Map();
  const arrivals = /* @__PURE__ */ new Set();
  const requested = /* @__PURE__ */ new Map();
  function remember2(key, entry2) {
    entries.delete(key);
    entries.set(key, entry2);
    while (entries.size > keep) {
      const [oldest, old] = entries.entries().next().value;
      entries.delete(oldest);
      drop(old);
    }
    for (const fn of waiting.get(key) || []) fn(entry2);
    waiting.delete(key);
    for (const fn of arrivals) fn(key, entry2);
  }
  function when(key, fn) {
    if (entries.has(key)) return fn(entries.get(key));
    if (!waiting.has(key)) waiting.set(key, /* @__PURE__ */ new Set());
    waiting.get(key).add(fn);
  }
  function toAsk(keys) {
    const now = performance.now();
    const out = [];
    for (const key of keys) {
      if (!key || entries.has(key) || out.includes(key)) continue;
      const asked = requested.get(key);
      if (asked !== void 0 && now - asked < retryMs) continue;
      requested.set(key, now);
      out.push(key);
    }
    return out;
  }
  return {
    has: (key) => entries.has(key),
    get: (key) => entries.get(key),
    remember: remember2,
    when,
    toAsk,
    onArrival(fn) {
      arrivals.add(fn);
      return () => arrivals.delete(fn);
    }
  };
}

// js/_image_sizes.js
var MIN_STAGE = 120;
var SLACK = 0.98;
function stageHeight(width, maxHeight, w, h2) {
  return Math.round(Math.min(Math.max(width * h2 / w, MIN_STAGE), maxHeight));
}
function fitPixels(width, maxHeight, w, h2, dpr = 1) {
  const scale = Math.min(width / w, stageHeight(width, maxHeight, w, h2) / h2);
  return [Math.max(1, Math.round(w * scale * dpr)), Math.max(1, Math.round(h2 * scale * dpr))];
}
function pickCopy(widths, need, natural) {
  const want = Math.min(Math.ceil(need), natural);
  let use = -1;
  for (let i = 0; i < widths.length; i++) {
    if (widths[i] >= want * SLACK && (use < 0 || widths[i] < widths[use])) use = i;
  }
  if (use >= 0) return { use, make: widths[use] > 2 * want ? want : null };
  let widest = -1;
  for (let i = 0; i < widths.length; i++) if (widest < 0 || widths[i] > widths[widest]) widest = i;
  return { use: widest, make: want >= natural * SLACK ? natural : want };
}

// js/_image_cache.js
var cache = mediaCache({ keep: 48, drop: (old) => old.blob && old.url && URL.revokeObjectURL(old.url) });
var IMAGES = { has: cache.has, get: cache.get };
var remember = cache.remember;
var whenImage = cache.when;
var ARRIVALS = /* @__PURE__ */ new Set();
cache.onArrival((key) => {
  decoding.delete(key);
  for (const fn of ARRIVALS) fn();
});
var FULL_KEEP = 2;
var fullSize = [];
var canBitmap = typeof createImageBitmap === "function";
var decoding = /* @__PURE__ */ new Set();
function decode(key, source, describe, { size = null, fit = null } = {}) {
  if (decoding.has(key) || cache.has(key)) return;
  decoding.add(key);
  if (typeof source !== "string" && canBitmap && size) {
    const [w, h2] = size;
    const small = fit && fit[0] < w * 0.98 ? fit : null;
    bitmap(source, small).then(
      (src) => remember(key, entry(w, h2, src, small ? small[0] : w, source, null)),
      () => decodeElement(key, URL.createObjectURL(source), source, describe)
    );
    return;
  }
  const blob = typeof source === "string" ? null : source;
  decodeElement(key, blob ? URL.createObjectURL(blob) : (
    /** @type {string} */
    source
  ), blob, describe);
}
function decodeElement(key, url, blob, describe) {
  const img = new Image();
  img.decoding = "async";
  img.src = url;
  img.decode().then(
    () => remember(key, entry(img.naturalWidth, img.naturalHeight, img, img.naturalWidth, blob, url)),
    () => {
      if (blob) URL.revokeObjectURL(url);
      remember(key, { error: describe });
    }
  );
}
function entry(w, h2, src, srcWidth, blob, url) {
  return { w, h: h2, img: src, copies: [{ src, w: srcWidth }], blob, url, making: /* @__PURE__ */ new Map() };
}
function bitmap(blob, size) {
  if (!size) return createImageBitmap(blob);
  return createImageBitmap(blob, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: "high" });
}
function keepFull(e) {
  const at = fullSize.indexOf(e);
  if (at >= 0) fullSize.splice(at, 1);
  fullSize.push(e);
  while (fullSize.length > FULL_KEEP) {
    const old = fullSize.shift();
    old.copies = [old.copies[0], ...old.copies.slice(1).filter((c) => c.w < old.w)];
  }
}
function sourceFor(e, need, ready) {
  const { use, make } = pickCopy(e.copies.map((c) => c.w), need, e.w);
  const chosen2 = e.copies[use] || e.copies[0];
  if (chosen2 !== e.copies[0] && chosen2.w >= e.w) keepFull(e);
  if (make !== null && (e.blob || make < e.w)) makeCopy(e, make, ready);
  return chosen2.src;
}
function makeCopy(e, width, ready) {
  if (!canBitmap) return;
  if (e.making.has(width)) return void e.making.get(width).add(ready);
  e.making.set(width, /* @__PURE__ */ new Set([ready]));
  const full = width >= e.w;
  const size = full ? null : (
    /** @type {[number, number]} */
    [width, Math.max(1, Math.round(e.h * width / e.w))]
  );
  const from = e.blob || e.copies.reduce((a, b) => b.w > a.w ? b : a).src;
  const made = e.blob ? bitmap(e.blob, size) : createImageBitmap(from, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: "high" });
  made.then(
    (src) => {
      e.copies = [e.copies[0], ...e.copies.slice(1).filter((c) => c.w >= e.w), { src, w: full ? e.w : width }];
      if (full) keepFull(e);
      const told = e.making.get(width);
      e.making.delete(width);
      for (const fn of told || []) fn();
    },
    () => e.making.delete(width)
    // the widest copy held stays in use
  );
}

// js/_image_layer.js
function layerStamp(image, view, width, height) {
  if (!image || !view) return null;
  return [image.img, image.w, image.h, view.scale, view.ox, view.oy, width, height];
}
function sameStamp(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}
function imageLayer(img, canvas) {
  let shown = null;
  let ctx = null;
  return {
    /**
     * Show `image` at `view` unless the layer shows exactly that already.
     * @param {{img: any, w: number, h: number} | null} image
     * @param {{scale: number, ox: number, oy: number} | null} view
     * @param {[number, number]} stageSize CSS px
     */
    draw(image, view, stageSize) {
      const stamp = layerStamp(image, view, stageSize[0], stageSize[1]);
      if (sameStamp(stamp, shown)) return false;
      shown = stamp;
      const src = image && image.img && typeof image.img.src === "string" && image.img.src ? image.img.src : null;
      img.hidden = !(image && view && src);
      canvas.hidden = !(image && view && !src);
      if (!image || !view) return true;
      if (src) {
        if (img.getAttribute("src") !== src) img.src = src;
        Object.assign(img.style, {
          left: `${view.ox}px`,
          top: `${view.oy}px`,
          width: `${image.w * view.scale}px`,
          height: `${image.h * view.scale}px`,
          imageRendering: view.scale < 4 ? "auto" : "pixelated"
        });
        return true;
      }
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(stageSize[0] * dpr);
      const h2 = Math.round(stageSize[1] * dpr);
      if (canvas.width !== w || canvas.height !== h2) {
        canvas.width = w;
        canvas.height = h2;
        canvas.style.width = `${stageSize[0]}px`;
        canvas.style.height = `${stageSize[1]}px`;
      }
      ctx = ctx || canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, stageSize[0], stageSize[1]);
      ctx.imageSmoothingEnabled = view.scale < 4;
      ctx.drawImage(image.img, view.ox, view.oy, image.w * view.scale, image.h * view.scale);
      return true;
    }
  };
}

// js/_region_edits.js
function regionEdits(ed) {
  const {
    H,
    W,
    redraw,
    regionById,
    size,
    spec,
    specWithOptions,
    specs
  } = ed;
  function commit() {
    const value = valueFromRegions(ed.regions, specs(), size());
    ed.task.edit(value, { render: false });
    ed.drawList();
    redraw();
  }
  function tell(text) {
    ed.flash = text;
    clearTimeout(ed.flashTimer);
    ed.flashTimer = setTimeout(() => {
      ed.flash = "";
      ed.drawHint();
    }, 3500);
    ed.drawHint();
  }
  function labelsForNew(c) {
    if (c.kind === "labels") {
      if (!ed.active || ed.active.control !== c.name) return null;
      const limit = usageLimit(specWithOptions(c), ed.active.label);
      if (limit && labelUses(ed.regions, c.name, ed.active.label) >= limit) {
        tell(`\u201C${ed.active.label}\u201D is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [ed.active.label], labelsControl: null };
    }
    if (ed.active && spec(ed.active.control) && spec(ed.active.control).kind === "generic") {
      const g = specWithOptions(spec(ed.active.control));
      const limit = usageLimit(g, ed.active.label);
      if (limit && labelUses(ed.regions, g.name, ed.active.label) >= limit) {
        tell(`\u201C${ed.active.label}\u201D is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [ed.active.label], labelsControl: g.name };
    }
    const generic = specs().find((x) => x.kind === "generic");
    return { labels: [], labelsControl: generic ? generic.name : null };
  }
  function addRegion(c, geometry, labelling) {
    const r = { id: newId(), control: c.name, extra: {}, labelsExtra: {}, ow: W(), oh: H(), ...labelling, ...geometry };
    ed.regions.push(r);
    ed.selected = null;
    commit();
    return r;
  }
  function deleteSelected() {
    const r = regionById(ed.selected);
    if (!r) return false;
    ed.regions = ed.regions.filter((x) => x !== r);
    ed.selected = null;
    ed.hover = null;
    commit();
    return true;
  }
  function relabel(r, c, label) {
    const own = r.control === c.name && c.kind === "labels";
    const generic = c.kind === "generic" && (!r.control || spec(r.control).kind === "tool");
    if (!own && !generic) return false;
    const full = specWithOptions(c);
    let labels;
    if (c.choice === "multiple") {
      labels = r.labels.includes(label) ? r.labels.filter((x) => x !== label) : [...r.labels, label];
      if (own && !labels.length) return true;
    } else {
      labels = [label];
      if (r.labels.length === 1 && r.labels[0] === label) return true;
    }
    if (!r.labels.includes(label)) {
      const limit = usageLimit(full, label);
      if (limit && labelUses(ed.regions, c.name, label, r) >= limit) {
        tell(`\u201C${label}\u201D is already used ${limit} time(s) (maxUsages)`);
        return true;
      }
    }
    r.labels = labels;
    if (generic) r.labelsControl = labels.length ? c.name : r.labelsControl;
    commit();
    return true;
  }
  function pickLabel(controlName, label) {
    const c = spec(controlName);
    if (!c) return;
    const r = regionById(ed.selected);
    if (r && relabel(r, c, label)) {
      ed.drawBar();
      return;
    }
    cancelPolygon();
    ed.selected = null;
    if (ed.active && ed.active.control === controlName && ed.active.label === label) ed.active = null;
    else ed.active = { control: controlName, label };
    if (c.kind === "labels") ed.tool = null;
    ed.drawBar();
    ed.drawList();
    redraw();
  }
  function pickTool(controlName) {
    cancelPolygon();
    ed.tool = ed.tool === controlName ? null : controlName;
    if (ed.active && spec(ed.active.control) && spec(ed.active.control).kind === "labels") ed.active = null;
    ed.drawBar();
    redraw();
  }
  function cancelPolygon() {
    if (!ed.polygon) return false;
    ed.polygon = null;
    redraw();
    return true;
  }
  function closePolygon() {
    if (!ed.polygon) return false;
    if (ed.polygon.points.length < 3) {
      tell("a polygon needs at least 3 points");
      return true;
    }
    const c = spec(ed.polygon.control);
    const done = ed.polygon;
    ed.polygon = null;
    addRegion(c, { shape: "polygon", points: done.points }, { labels: done.labels, labelsControl: done.labelsControl });
    return true;
  }
  return { addRegion, cancelPolygon, closePolygon, commit, deleteSelected, labelsForNew, pickLabel, pickTool };
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
var DEFAULT_COLOR = "#f48a42";

// js/_region_svg.js
var NS = "http://www.w3.org/2000/svg";
var r1 = (v) => Math.round(v * 100) / 100;
function pathData(pts, open = false) {
  return pts.map(([x, y], i) => `${i ? "L" : "M"}${r1(x)} ${r1(y)}`).join(" ") + (pts.length && !open ? " Z" : "");
}
var NONE = { display: "none" };
function lookAttrs(look, handle) {
  if (!look) return { shape: NONE, tagBox: NONE, tagText: NONE, text: "", dots: [], handles: [] };
  const shape = look.path && look.path.length ? {
    display: "inline",
    d: pathData(look.path, look.open),
    fill: look.open ? "none" : look.fill || "none",
    stroke: look.color,
    "stroke-width": look.width || 2,
    "stroke-dasharray": look.dash && look.dash.length ? look.dash.join(" ") : "none"
  } : NONE;
  const t = look.tag;
  return {
    shape,
    tagBox: t ? { display: "inline", x: r1(t.x), y: r1(t.top), width: r1(t.w), height: 16, fill: look.color } : NONE,
    tagText: t ? { display: "inline", x: r1(t.x + 4), y: r1(t.top + 12) } : NONE,
    text: t ? t.text : "",
    dots: (look.dots || []).map((d) => ({ cx: r1(d.x), cy: r1(d.y), r: d.r, fill: d.fill, stroke: d.stroke, "stroke-width": d.width })),
    handles: (look.handles || []).map(([x, y]) => ({
      x: r1(x - handle),
      y: r1(y - handle),
      width: handle * 2,
      height: handle * 2,
      fill: "#fff",
      stroke: look.color,
      "stroke-width": 1.5
    }))
  };
}
function svgLooks(group, font, handle) {
  const make = (tag, parent) => parent.appendChild(document.createElementNS(NS, tag));
  const last = /* @__PURE__ */ new WeakMap();
  function set(node, attrs) {
    let was = last.get(node);
    if (!was) last.set(node, was = {});
    for (const [k, v] of Object.entries(attrs)) {
      const s = String(v);
      if (was[k] !== s) {
        node.setAttribute(k, s);
        was[k] = s;
      }
    }
  }
  function fit(parent, n, tag) {
    while (parent.childNodes.length > n) parent.lastChild.remove();
    while (parent.childNodes.length < n) make(tag, parent);
  }
  const units = [];
  function unit() {
    const g = make("g", group);
    const shape = make("path", g);
    const dots = make("g", g);
    const tagBox = make("rect", g);
    const tagText = make("text", g);
    tagText.setAttribute("fill", "#fff");
    tagText.setAttribute("style", `font: 12px ${font}`);
    const handles = make("g", g);
    return { g, shape, dots, tagBox, tagText, handles };
  }
  return {
    /** @param {(Look | null)[]} looks */
    show(looks) {
      const shown = looks.filter(Boolean);
      while (units.length > shown.length) units.pop().g.remove();
      while (units.length < shown.length) units.push(unit());
      shown.forEach((look, i) => {
        const u = units[i];
        const a = lookAttrs(look, handle);
        set(u.shape, a.shape);
        set(u.tagBox, a.tagBox);
        set(u.tagText, a.tagText);
        if (u.tagText.textContent !== a.text) u.tagText.textContent = a.text;
        fit(u.dots, a.dots.length, "circle");
        a.dots.forEach((d, j) => set(u.dots.childNodes[j], d));
        fit(u.handles, a.handles.length, "rect");
        a.handles.forEach((h2, j) => set(u.handles.childNodes[j], h2));
      });
    }
  };
}

// js/_region_painter.js
var HANDLE = 5;
var HIT = 6;
var POINT = 5;
function regionPainter(ed) {
  const {
    H,
    W,
    canvas,
    font,
    layer,
    optionsOf,
    model,
    regionById,
    root,
    screenOfPercent,
    spec,
    specWithOptions
  } = ed;
  const regions = svgLooks(ed.base, font, HANDLE);
  const live = svgLooks(ed.live, font, HANDLE);
  function labelText(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const options = c ? optionsOf(c) : [];
    return r.labels.map((v) => {
      const o = options.find((x) => x.value === v);
      return o && o.label || v;
    }).join(", ");
  }
  function regionColor(r) {
    const c = spec(r.labelsControl) || spec(r.control);
    const label = r.labels[0];
    return colorOf(c && specWithOptions(c), label, 0) || spec(r.control) && spec(r.control).color || DEFAULT_COLOR;
  }
  const announcer = regionAnnouncer(model.get("group"), model.get("name"));
  function announce() {
    const describe = (r) => ({ id: r.id, controls: [r.control, r.labelsControl].filter(Boolean), labels: r.labels });
    const sel = regionById(ed.selected);
    announcer(ed.taskKey, sel ? describe(sel) : null, ed.payload ? ed.regions.map(describe) : []);
  }
  function liveRegion() {
    const g = ed.gesture;
    return g && (g.kind === "move" || g.kind === "resize") ? regionById(g.id) : null;
  }
  function liveLook() {
    const g = ed.gesture;
    if (!g || !ed.image || !ed.view) return null;
    if (g.kind === "draw") return g.dragged ? draftLook(g) : null;
    const r = liveRegion();
    return r ? lookOf(r, r.id === ed.selected) : null;
  }
  function paint() {
    announce();
    layer.draw(ed.image, ed.view, ed.stageSize);
    if (!ed.image || !ed.view) {
      regions.show([]);
      live.show([]);
      return;
    }
    root.dataset.view = `${ed.view.scale} ${ed.view.ox} ${ed.view.oy}`;
    root.dataset.size = `${ed.image.w} ${ed.image.h}`;
    const sel = regionById(ed.selected);
    const moving = liveRegion();
    const looks = ed.regions.filter((r) => r !== sel && r !== moving).map((r) => lookOf(r, false));
    if (sel && sel !== moving) looks.push(lookOf(sel, true));
    if (ed.polygon) looks.push(draftPolygonLook());
    regions.show(looks);
    live.show([liveLook()]);
    reporter.moved(ed.taskKey);
  }
  function paintLive() {
    if (!ed.image || !ed.view) return;
    live.show([liveLook()]);
    reporter.moved(ed.taskKey);
  }
  const reporter = regionReporter(model.get("group"), model.get("name"), (key) => {
    if (key !== ed.taskKey || !ed.image || !ed.view) return [];
    const stage = canvas.getBoundingClientRect();
    const sx = stage.width / (ed.stageSize[0] || 1);
    const sy = stage.height / (ed.stageSize[1] || 1);
    return ed.regions.map((r) => {
      const pts = r.shape === "rectangle" ? boxCorners(r, W(), H()).map((p) => toScreen(ed.view, p)) : r.shape === "polygon" ? r.points.map(screenOfPercent) : [screenOfPercent([r.x, r.y])];
      const xs = pts.map((p) => clamp(p[0], 0, ed.stageSize[0]));
      const ys = pts.map((p) => clamp(p[1], 0, ed.stageSize[1]));
      const left = Math.min(...xs);
      const top = Math.min(...ys);
      return {
        id: r.id,
        text: labelText(r),
        label: labelText(r),
        selected: r.id === ed.selected,
        rect: { left: stage.left + left * sx, top: stage.top + top * sy, width: (Math.max(...xs) - left) * sx, height: (Math.max(...ys) - top) * sy }
      };
    });
  }, () => ({ rect: canvas.getBoundingClientRect() }));
  function lookOf(r, isSelected) {
    const color = regionColor(r);
    const hovered = ed.hover && ed.hover.id === r.id;
    const text = r.labels.length ? labelText(r) : "";
    if (r.shape === "keypoint") {
      const [x, y] = screenOfPercent([r.x, r.y]);
      return {
        color,
        dots: [{ x, y, r: isSelected ? POINT + 1.5 : POINT, fill: color, stroke: "#fff", width: isSelected ? 2.5 : 1.5 }],
        tag: text ? tagOf([x + POINT + 2, y - POINT - 2], text) : null,
        handles: []
      };
    }
    const pts = r.shape === "rectangle" ? boxCorners(r, W(), H()).map((p) => toScreen(ed.view, p)) : r.points.map(screenOfPercent);
    const anchor = r.shape === "rectangle" ? pts[0] : pts.reduce((a, b) => b[1] < a[1] ? b : a, pts[0]);
    return {
      color,
      path: pts,
      width: isSelected ? 3 : hovered ? 2.5 : 2,
      fill: withAlpha(color, isSelected ? 0.28 : hovered ? 0.22 : 0.15),
      tag: text ? tagOf(anchor, text) : null,
      handles: isSelected ? ed.handlesOf(r).map((hd) => toScreen(ed.view, [hd.x, hd.y])) : []
    };
  }
  function draftLook(g) {
    const box = cropBox(boxFromCorners(g.a, g.b));
    const c = spec(g.control);
    const color = colorOf(c && specWithOptions(c), g.labelling.labels[0], 0);
    const [x0, y0] = screenOfPercent([box.x, box.y]);
    const [x1, y1] = screenOfPercent([box.x + box.width, box.y + box.height]);
    return { color, path: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], width: 2, dash: [6, 4], fill: withAlpha(color, 0.15), tag: null, handles: [] };
  }
  const widths = /* @__PURE__ */ new Map();
  let measure = null;
  function tagOf([x, y], text) {
    if (!widths.has(text)) {
      measure = measure || document.createElement("canvas").getContext("2d");
      measure.font = `12px ${font}`;
      widths.set(text, measure.measureText(text).width + 8);
      if (widths.size > 500) widths.delete(widths.keys().next().value);
    }
    return { x, top: Math.max(0, y - 17), w: widths.get(text), text };
  }
  function draftPolygonLook() {
    const c = spec(ed.polygon.control);
    const color = colorOf(c && specWithOptions(c), ed.polygon.labels[0], 0);
    const pts = ed.polygon.points.map(screenOfPercent);
    const dots = pts.map(([x, y], i) => {
      const closing = i === 0 && pts.length >= 3 && ed.pointer && distance(ed.pointer, pts[0]) <= HIT + 2;
      return { x, y, r: closing ? 7 : 4, fill: i === 0 ? color : "#fff", stroke: color, width: 2 };
    });
    return { color, path: ed.pointer ? [...pts, ed.pointer] : pts, open: true, width: 2, dots, tag: null, handles: [] };
  }
  return { announce, labelText, paint, paintLive, regionColor, reporter };
}
function colorOf(spec, label, index) {
  const option = spec && (spec.options || []).find((o) => o.value === label);
  if (option && option.background) return option.background;
  if (spec && spec.color && !label) return spec.color;
  if (!label) return DEFAULT_COLOR;
  const i = option ? spec.options.indexOf(option) : index;
  return PALETTE[Math.abs(i) % PALETTE.length];
}
var RGB = /* @__PURE__ */ new Map();
var probe = null;
function withAlpha(color, alpha) {
  if (!RGB.has(color)) {
    probe = probe || document.createElement("canvas").getContext("2d");
    probe.fillStyle = "#000";
    probe.fillStyle = color;
    const hex = String(probe.fillStyle);
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    RGB.set(color, m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null);
  }
  const rgb = RGB.get(color);
  return rgb ? `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})` : color;
}

// js/_region_gestures.js
var MIN_DRAG = 3;
var CURSORS = { nw: "nwse-resize", se: "nwse-resize", ne: "nesw-resize", sw: "nesw-resize", n: "ns-resize", s: "ns-resize", e: "ew-resize", w: "ew-resize" };
function regionGestures(ed) {
  const {
    H,
    W,
    canvas,
    clampPixel,
    drawingControl,
    drawingShape,
    percentOf,
    pixelOf,
    redraw,
    regionById,
    screenOf,
    screenOfPercent,
    snapOf,
    spec,
    stage,
    zoomBy
  } = ed;
  function handlesOf(r) {
    if (r.shape === "rectangle") return boxHandles(r, W(), H());
    if (r.shape === "polygon") return r.points.map((q, i) => ({ name: `v${i}`, x: toPixels(q[0], W()), y: toPixels(q[1], H()) }));
    return [];
  }
  function hitTest(s) {
    if (!ed.image || !ed.view) return null;
    const p = pixelOf(s);
    const slack = HIT / ed.view.scale;
    const sel = regionById(ed.selected);
    if (sel) {
      for (const hd of handlesOf(sel)) {
        if (distance(toScreen(ed.view, [hd.x, hd.y]), s) <= HANDLE + 2) return { id: sel.id, handle: hd.name };
      }
    }
    let best = null;
    for (const r of ed.regions) {
      let inside = false;
      if (r.shape === "rectangle") inside = boxContains(r, p, W(), H(), slack);
      else if (r.shape === "polygon") inside = polygonContains(r.points, p, W(), H()) || r.points.some((q) => distance(screenOfPercent(q), s) <= HIT);
      else inside = distance(screenOfPercent([r.x, r.y]), s) <= POINT + HIT;
      if (!inside) continue;
      const area = regionArea(r, W(), H());
      if (!best || area < best.area || area === best.area && r.id === ed.selected) best = { id: r.id, area };
    }
    return best ? { id: best.id, handle: null } : null;
  }
  function onPointerDown(event) {
    if (!ed.image || !ed.view) return;
    stage.focus({ preventScroll: true });
    const s = screenOf(event);
    ed.pointer = s;
    if (event.button === 1 || event.button === 0 && ed.spaceDown) {
      ed.gesture = { kind: "pan", start: s, view: { ...ed.view } };
      capture(event);
      return;
    }
    if (event.button !== 0) return;
    event.preventDefault();
    const shape = drawingShape();
    const c = drawingControl();
    if (ed.polygon) {
      const first = screenOfPercent(ed.polygon.points[0]);
      if (ed.polygon.points.length >= 3 && distance(first, s) <= HIT + 2) {
        ed.closePolygon();
        return;
      }
      ed.polygon.points.push(percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(ed.polygon.control)))));
      redraw();
      return;
    }
    const hit = hitTest(s);
    if (hit && hit.handle) {
      const r = regionById(hit.id);
      ed.gesture = { kind: "resize", id: r.id, handle: hit.handle, start: s, before: JSON.stringify(r), moved: false };
      capture(event);
      redraw();
      return;
    }
    if (hit && (hit.id === ed.selected || !shape)) {
      const r = regionById(hit.id);
      ed.selected = r.id;
      ed.gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
      capture(event);
      ed.drawList();
      redraw();
      return;
    }
    if (shape) {
      const labelling = ed.labelsForNew(c);
      if (!labelling) return;
      const p = snapPoint(clampPixel(pixelOf(s)), snapOf(c));
      if (shape === "rectangle") {
        ed.gesture = { kind: "draw", control: c.name, start: s, a: percentOf(p), b: percentOf(p), hit, labelling };
        capture(event);
      } else if (shape === "polygon") {
        ed.selected = null;
        ed.polygon = { control: c.name, points: [percentOf(p)], ...labelling };
        ed.drawList();
      } else if (shape === "keypoint") {
        if (hit) {
          ed.selected = hit.id;
          ed.gesture = { kind: "move", id: hit.id, start: s, origin: JSON.parse(JSON.stringify(regionById(hit.id))), moved: false };
          capture(event);
          ed.drawList();
        } else {
          const q = percentOf(p);
          const r = ed.addRegion(c, { shape: "keypoint", x: q[0], y: q[1] }, labelling);
          ed.gesture = { kind: "move", id: r.id, start: s, origin: JSON.parse(JSON.stringify(r)), moved: false };
          capture(event);
        }
      }
      redraw();
      return;
    }
    ed.selected = null;
    ed.drawList();
    if (ed.zoomed) {
      ed.gesture = { kind: "pan", start: s, view: { ...ed.view } };
      capture(event);
    }
    redraw();
  }
  function capture(event) {
    try {
      canvas.setPointerCapture(event.pointerId);
    } catch {
    }
  }
  function onPointerMove(event) {
    if (!ed.image || !ed.view) return;
    const s = screenOf(event);
    ed.pointer = s;
    if (!ed.gesture) {
      ed.hover = hitTest(s);
      canvas.style.cursor = cursorFor(ed.hover);
      redraw();
      return;
    }
    const g = ed.gesture;
    const far = distance(s, g.start) >= MIN_DRAG;
    if (g.kind === "pan") {
      ed.view = clampView({ ...g.view, ox: g.view.ox + s[0] - g.start[0], oy: g.view.oy + s[1] - g.start[1] }, ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
      ed.zoomed = true;
    } else if (g.kind === "draw") {
      g.b = percentOf(snapPoint(clampPixel(pixelOf(s)), snapOf(spec(g.control))));
      g.dragged = g.dragged || far;
    } else if (g.kind === "move" && (far || g.moved)) {
      g.moved = true;
      const r = regionById(g.id);
      const o = g.origin;
      const d = [toPercent((s[0] - g.start[0]) / ed.view.scale, W()), toPercent((s[1] - g.start[1]) / ed.view.scale, H())];
      if (r.shape === "rectangle") Object.assign(r, moveBox(o, d[0], d[1]));
      else if (r.shape === "polygon") r.points = movePolygon(o.points, d[0], d[1]);
      else Object.assign(r, (([x, y]) => ({ x, y }))(clampPoint([o.x + d[0], o.y + d[1]])));
      if (snapOf(spec(r.control)) === "pixel") snapRegion(r);
    } else if (g.kind === "resize" && (far || g.moved)) {
      g.moved = true;
      const r = regionById(g.id);
      const p = snapPoint(pixelOf(s), snapOf(spec(r.control)));
      if (r.shape === "rectangle") {
        const before = JSON.parse(g.before);
        Object.assign(r, resizeBox(before, g.handle, p, W(), H()));
      } else if (r.shape === "polygon") {
        const i = Number(g.handle.slice(1));
        r.points = r.points.map((q, j) => j === i ? percentOf(clampPixel(p)) : q);
      }
    }
    if (g.kind === "pan") redraw();
    else ed.paintLive();
  }
  function snapRegion(r) {
    const round = (v, extent) => toPercent(Math.round(toPixels(v, extent)), extent);
    if (r.shape === "rectangle" || r.shape === "keypoint") {
      r.x = round(r.x, W());
      r.y = round(r.y, H());
    } else if (r.shape === "polygon") {
      r.points = r.points.map(([x, y]) => [round(x, W()), round(y, H())]);
    }
  }
  function onPointerUp(event) {
    const g = ed.gesture;
    ed.gesture = null;
    if (!g) return;
    if (g.kind === "draw") {
      const box = cropBox(boxFromCorners(g.a, g.b));
      const big = toPixels(box.width, W()) * ed.view.scale >= MIN_DRAG && toPixels(box.height, H()) * ed.view.scale >= MIN_DRAG;
      if (g.dragged && big) {
        ed.addRegion(spec(g.control), { shape: "rectangle", ...box }, g.labelling);
      } else {
        ed.selected = g.hit ? g.hit.id : null;
        ed.drawList();
      }
    } else if ((g.kind === "move" || g.kind === "resize") && g.moved) {
      ed.commit();
    }
    if (event && event.type === "pointerup") {
      ed.hover = hitTest(screenOf(event));
      canvas.style.cursor = cursorFor(ed.hover);
    }
    redraw();
  }
  function cursorFor(hit) {
    if (ed.spaceDown || ed.gesture && ed.gesture.kind === "pan") return "grabbing";
    if (hit && hit.handle) return CURSORS[hit.handle] || "move";
    if (hit && (hit.id === ed.selected || !drawingShape())) return "move";
    if (drawingShape() || ed.polygon) return "crosshair";
    return ed.zoomed ? "grab" : "default";
  }
  function onWheel(event) {
    if (!(event.ctrlKey || event.metaKey) || !ed.image) return;
    event.preventDefault();
    const factor = Math.exp(-clamp(event.deltaY, -100, 100) / 300);
    zoomBy(factor, screenOf(event));
  }
  canvas.addEventListener("pointerdown", onPointerDown);
  canvas.addEventListener("pointermove", onPointerMove);
  canvas.addEventListener("pointerup", onPointerUp);
  canvas.addEventListener("pointercancel", onPointerUp);
  canvas.addEventListener("dblclick", (event) => {
    if (ed.polygon) {
      event.preventDefault();
      ed.closePolygon();
    }
  });
  canvas.addEventListener("pointerleave", () => {
    if (!ed.gesture) {
      ed.hover = null;
      ed.pointer = null;
      redraw();
    }
  });
  canvas.addEventListener("wheel", onWheel, { passive: false });
  canvas.addEventListener("contextmenu", (event) => event.preventDefault());
  return { cursorFor, handlesOf };
}

// js/_region_panel.js
function regionPanel(ed) {
  const {
    bar,
    drawingControl,
    hint,
    optionsOf,
    list,
    redraw,
    size,
    specs,
    zoomBar
  } = ed;
  function drawBar() {
    const groups = [];
    const tools = specs().filter((c) => c.kind === "tool");
    for (const c of specs()) {
      if (c.kind === "tool") continue;
      const buttons = optionsOf(c).map((o, i) => {
        const on = ed.active && ed.active.control === c.name && ed.active.label === o.value;
        const color = o.background || PALETTE[i % PALETTE.length];
        return h("button", {
          type: "button",
          class: `lw-option lw-region-label${on ? " lw-on" : ""}`,
          "data-control": c.name,
          "data-value": o.value,
          "aria-pressed": String(Boolean(on)),
          style: { "--lw-accent": color },
          onclick: () => ed.pickLabel(c.name, o.value)
        }, [h("span", { class: "lw-swatch", style: { background: color } }), h("span", { text: o.label || o.value }), o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null]);
      });
      groups.push(h("span", { class: "lw-regions-group", "data-control": c.name }, buttons));
    }
    if (tools.length) {
      groups.push(h("span", { class: "lw-regions-group lw-regions-tools" }, tools.map((c) => h("button", {
        type: "button",
        class: `lw-option lw-region-tool${drawingControl() === c ? " lw-on" : ""}`,
        "data-control": c.name,
        "data-shape": c.shape,
        "aria-pressed": String(drawingControl() === c),
        onclick: () => ed.pickTool(c.name),
        text: `${{ rectangle: "\u25AD", polygon: "\u2B20", keypoint: "\u2022" }[c.shape]} ${tools.length > 1 || !c.name ? c.tag : c.name}`
      }))));
    }
    bar.replaceChildren(...groups, zoomBar);
    drawHint();
  }
  function drawHint() {
    let text;
    const c = drawingControl();
    const shape = c ? c.shape : null;
    const label = ed.active ? ` \u201C${ed.active.label}\u201D` : "";
    if (ed.flash) text = ed.flash;
    else if (ed.problem || !ed.image) text = "";
    else if (ed.polygon) text = "Click to add points \xB7 click the first point, double-click or Enter to close \xB7 Backspace removes the last point \xB7 Esc cancels";
    else if (ed.selected) text = "Selected: drag to move, drag a handle to resize \xB7 a label or its key relabels \xB7 Delete removes \xB7 Esc deselects";
    else if (shape === "rectangle") text = `Drag on the image to draw a${label} box`;
    else if (shape === "polygon") text = `Click on the image to place the points of a${label} polygon`;
    else if (shape === "keypoint") text = `Click on the image to place a${label} point`;
    else if (specs().length) text = "Choose a label (or its key), then draw on the image \xB7 click a region to select it";
    else text = "";
    const how = "Ctrl+wheel zooms, Space+drag pans";
    hint.textContent = text ? `${text} \xB7 ${how}` : ed.image ? how : "";
  }
  function drawList() {
    const sz = size();
    const items = ed.regions.map((r, i) => {
      const text = r.labels.length ? ed.labelText(r) : "(no label)";
      const geometry = !sz ? "" : r.shape === "rectangle" ? `${Math.round(toPixels(r.width, sz[0]))}\xD7${Math.round(toPixels(r.height, sz[1]))} px` : r.shape === "polygon" ? `${r.points.length} points` : `(${Math.round(toPixels(r.x, sz[0]))}, ${Math.round(toPixels(r.y, sz[1]))})`;
      return h("div", {
        class: `lw-region-item${r.id === ed.selected ? " lw-on" : ""}`,
        "data-region": r.id,
        onclick: () => {
          ed.selected = ed.selected === r.id ? null : r.id;
          drawList();
          drawHint();
          redraw();
        }
      }, [
        h("span", { class: "lw-swatch", style: { background: ed.regionColor(r) } }),
        h("span", { class: "lw-region-name", text: `${i + 1}. ${text}` }),
        h("span", { class: "lw-region-geometry", text: `${r.shape} ${geometry}` }),
        h("button", {
          type: "button",
          class: "lw-region-delete",
          title: "Delete this region",
          text: "\u2715",
          onclick: (event) => {
            event.stopPropagation();
            ed.selected = r.id;
            ed.deleteSelected();
            drawHint();
          }
        })
      ]);
    });
    list.replaceChildren(...items);
    list.hidden = !items.length;
    drawHint();
  }
  return { drawBar, drawHint, drawList };
}

// js/image_regions.js
var ZOOM_STEP = 1.25;
function render({ model, el }) {
  const name = model.get("name");
  const specs = () => model.get("region_controls") || [];
  const spec = (n) => specs().find((c) => c.name === n) || null;
  const bar = h("div", { class: "lw-regions-bar" });
  const image = h("img", { class: "lw-regions-image", alt: "", draggable: "false", hidden: "" });
  const bitmap2 = h("canvas", { class: "lw-regions-image", hidden: "" });
  const canvas = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  canvas.setAttribute("class", "lw-regions-canvas");
  const base = canvas.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "g"));
  const live = canvas.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "g"));
  const notice = h("div", { class: "lw-regions-notice", role: "status" });
  const stage = h("div", { class: "lw-regions-stage", tabindex: "0", "data-lw-focus-target": "", "data-lm-suppress-shortcuts": "true", "aria-label": `image ${name}` }, [image, bitmap2, canvas, notice]);
  const hint = h("div", { class: "lw-regions-hint" });
  const list = h("div", { class: "lw-regions-list" });
  const zoomLabel = h("span", { class: "lw-regions-zoom-level", text: "fit" });
  const zoomBar = h("span", { class: "lw-regions-zoom" }, [
    h("button", { type: "button", class: "lw-button lw-zoom-out", title: "Zoom out (Ctrl+wheel)", text: "\u2212", onclick: () => zoomBy(1 / ZOOM_STEP) }),
    zoomLabel,
    h("button", { type: "button", class: "lw-button lw-zoom-in", title: "Zoom in (Ctrl+wheel)", text: "+", onclick: () => zoomBy(ZOOM_STEP) }),
    h("button", { type: "button", class: "lw-button lw-zoom-fit", title: "Fit the image", text: "Fit", onclick: () => fit() })
  ]);
  const root = h("div", { class: "lw-object lw-regions", "data-object": name, "data-lw-focus-scope": "" }, [bar, stage, hint, list]);
  el.append(root);
  const layer = imageLayer(
    /** @type {HTMLImageElement} */
    image,
    /** @type {HTMLCanvasElement} */
    bitmap2
  );
  const font = getComputedStyle(root).fontFamily || "sans-serif";
  const ed = (
    /** @type {Editor} */
    {
      model,
      taskKey: null,
      payload: (
        /** @type {ImagePayload | null} */
        null
      ),
      imageId: null,
      // key or URL of the image shown
      image: null,
      // {img, w, h} once decoded
      problem: null,
      // text of an image error
      regions: [],
      selected: null,
      // region id
      hover: null,
      // {id, handle}
      active: null,
      // {control, label}: the label new regions get (labels and generic controls)
      tool: null,
      // name of the tool control (kind "tool") in use; labels controls imply theirs
      view: null,
      zoomed: false,
      stageSize: [0, 0],
      gesture: null,
      // the drag in progress
      polygon: null,
      // {control, points: [[x%, y%]], labels, labelsControl} while placing points
      pointer: null,
      // last pointer position, screen
      spaceDown: false,
      flash: "",
      // a message shown in the hint for a few seconds
      flashTimer: 0,
      task: null
    }
  );
  let frame = 0;
  const requested = /* @__PURE__ */ new Map();
  const size = () => ed.image ? [ed.image.w, ed.image.h] : ed.payload && ed.payload.data && ed.payload.data.image ? [ed.payload.data.image.width, ed.payload.data.image.height] : null;
  const W = () => size()[0];
  const H = () => size()[1];
  const regionById = (id) => ed.regions.find((r) => r.id === id) || null;
  const optionsOf = (c) => {
    const extra = ed.payload && ed.payload.data && ed.payload.data.options && ed.payload.data.options[c.name] || [];
    return (c.options || []).concat(extra.filter((v) => !(c.options || []).some((o) => o.value === v)).map((v) => ({ value: v, label: v })));
  };
  const specWithOptions = (c) => c ? { ...c, options: optionsOf(c) } : c;
  function drawingControl() {
    if (ed.active) {
      const c = spec(ed.active.control);
      if (c && c.kind === "labels") return c;
    }
    if (ed.tool) return spec(ed.tool);
    const tools = specs().filter((c) => c.kind === "tool");
    if (tools.length === 1 && (!specs().some((c) => c.kind === "labels") || ed.active && spec(ed.active.control).kind === "generic")) return tools[0];
    return null;
  }
  const drawingShape = () => {
    const c = drawingControl();
    return c ? c.shape : null;
  };
  function imageKeyOf(p) {
    if (!p || !p.data) return null;
    if (p.data.image) return p.data.image.key;
    if (p.data.url) return p.data.url;
    return null;
  }
  const ask = (msg) => model.send(msg);
  function requestImages() {
    const tasks = (
      /** @type {Record<string, ImagePayload>} */
      model.get("tasks") || {}
    );
    const order = [ed.taskKey, ...Object.keys(tasks).filter((k) => k !== ed.taskKey)];
    const keys = [];
    const now = performance.now();
    for (const k of order) {
      const p = tasks[k];
      if (!p || !p.data) continue;
      for (const data of Array.isArray(p.data.items) ? p.data.items : [p.data]) {
        if (!data) continue;
        if (data.url) {
          if (!IMAGES.has(data.url) && !requested.has(data.url)) {
            requested.set(data.url, now);
            decode(data.url, data.url, `cannot load image ${data.url}`);
          }
          continue;
        }
        const key = data.image && data.image.key;
        if (!key || IMAGES.has(key)) continue;
        const asked = requested.get(key);
        if (asked !== void 0 && now - asked < 15e3) continue;
        requested.set(key, now);
        keys.push(key);
      }
    }
    if (keys.length) ask({ type: "images", keys });
  }
  function onCustom(msg, buffers) {
    if (!msg || msg.type !== "image") return;
    if (IMAGES.has(msg.key)) return;
    if (msg.error) return remember(msg.key, { error: msg.error });
    const buffer = buffers && buffers[0];
    if (!buffer) return;
    const blob = new Blob([buffer], { type: msg.mime || "image/png" });
    const size2 = msg.width && msg.height ? (
      /** @type {[number, number]} */
      [msg.width, msg.height]
    ) : null;
    const fit2 = size2 ? fitPixels(stageWidth(), model.get("max_height") || 620, size2[0], size2[1], window.devicePixelRatio || 1) : null;
    decode(msg.key, blob, "the image could not be decoded by the browser", { size: size2, fit: fit2 });
  }
  model.on("msg:custom", onCustom);
  function showImage() {
    const data = ed.payload && ed.payload.data;
    const id = imageKeyOf(ed.payload) || (data && data.error ? `!${data.error}` : null);
    if (id && id === ed.imageId && (ed.image || ed.problem)) return;
    ed.imageId = id;
    ed.image = null;
    ed.problem = null;
    ed.view = null;
    ed.zoomed = false;
    if (!ed.payload) {
      say("\u2026");
    } else if (data.error) {
      ed.problem = data.error;
    } else if (id) {
      say("loading image\u2026");
      whenImage(id, (entry2) => {
        if (ed.imageId !== id) return;
        if (entry2.error) ed.problem = entry2.error;
        else ed.image = { entry: entry2, img: entry2.img, w: data.image ? data.image.width : entry2.w, h: data.image ? data.image.height : entry2.h };
        layout();
        ed.drawList();
        redraw();
      });
    }
    layout();
  }
  const stageWidth = () => Math.max(120, Math.floor(stage.clientWidth || root.clientWidth || 640));
  function layout() {
    const width = stageWidth();
    const sz = size();
    const maxH = model.get("max_height") || 620;
    const height = ed.problem || !sz ? 160 : stageHeight(width, maxH, sz[0], sz[1]);
    if (width !== ed.stageSize[0] || height !== ed.stageSize[1]) {
      ed.stageSize = [width, height];
      canvas.setAttribute("width", String(width));
      canvas.setAttribute("height", String(height));
      if (!ed.zoomed) ed.view = null;
    }
    if (ed.problem) {
      canvas.style.display = "none";
      layer.draw(null, null, ed.stageSize);
      say(`row ${ed.taskKey}: ${ed.problem}`, true);
    } else {
      canvas.style.display = "";
      if (ed.image) say("");
    }
    if (ed.image && !ed.view) ed.view = fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
    drawZoom();
  }
  function fitScale() {
    return ed.image ? fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h).scale : 1;
  }
  function zoomBy(factor, at = null) {
    if (!ed.image || !ed.view) return;
    const s = at || [ed.stageSize[0] / 2, ed.stageSize[1] / 2];
    const base2 = fitScale();
    ed.view = clampView(zoomAt(ed.view, factor, s, base2 * 0.5, Math.max(base2 * 40, 20)), ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h);
    ed.zoomed = true;
    drawZoom();
    redraw();
  }
  function fit() {
    ed.zoomed = false;
    ed.view = ed.image ? fitView(ed.stageSize[0], ed.stageSize[1], ed.image.w, ed.image.h) : null;
    drawZoom();
    redraw();
  }
  function drawZoom() {
    zoomLabel.textContent = ed.view && ed.image ? `${Math.round(ed.view.scale / fitScale() * 100)}%` : "fit";
  }
  function say(text, error = false) {
    notice.textContent = text;
    notice.className = `lw-regions-notice${error ? " lw-error" : ""}`;
    notice.hidden = !text;
  }
  function screenOf(event) {
    const rect = canvas.getBoundingClientRect();
    return [(event.clientX - rect.left) * ed.stageSize[0] / rect.width, (event.clientY - rect.top) * ed.stageSize[1] / rect.height];
  }
  const pixelOf = (s) => toImage(ed.view, s);
  const percentOf = (p) => [toPercent(p[0], W()), toPercent(p[1], H())];
  const screenOfPercent = (q) => toScreen(ed.view, [toPixels(q[0], W()), toPixels(q[1], H())]);
  const clampPixel = (p) => [clamp(p[0], 0, W()), clamp(p[1], 0, H())];
  const snapOf = (c) => c && c.snap || "none";
  Object.assign(ed, {
    model,
    el,
    root,
    stage,
    canvas,
    base,
    live,
    layer,
    font,
    bar,
    hint,
    list,
    zoomBar,
    specs,
    spec,
    size,
    W,
    H,
    regionById,
    optionsOf,
    specWithOptions,
    drawingControl,
    drawingShape,
    redraw,
    zoomBy,
    screenOf,
    pixelOf,
    percentOf,
    screenOfPercent,
    clampPixel,
    snapOf
  });
  Object.assign(ed, regionEdits(ed), regionGestures(ed), regionPainter(ed), regionPanel(ed));
  function onKeyDown(event) {
    if (isTyping(event.target)) return;
    if (event.key === " ") {
      ed.spaceDown = true;
      canvas.style.cursor = "grab";
      event.preventDefault();
      return;
    }
    if (ed.polygon && ["Enter", "Escape", "Backspace", "Delete"].includes(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Enter") ed.closePolygon();
      else if (event.key === "Escape") ed.cancelPolygon();
      else {
        ed.polygon.points.pop();
        if (!ed.polygon.points.length) ed.polygon = null;
        redraw();
      }
      return;
    }
    if (!standalone()) return;
    if (hotkey(keyName(event))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
  function onKeyUp(event) {
    if (event.key === " ") {
      ed.spaceDown = false;
      canvas.style.cursor = ed.cursorFor(ed.hover);
    }
  }
  const standalone = () => !el.closest(".lw-annotator");
  stage.addEventListener("keydown", onKeyDown);
  stage.addEventListener("keyup", onKeyUp);
  stage.addEventListener("blur", () => ed.spaceDown = false);
  function hotkey(key) {
    if (key === "delete" || key === "backspace") {
      if (ed.polygon) {
        ed.polygon.points.pop();
        if (!ed.polygon.points.length) ed.polygon = null;
        redraw();
        return true;
      }
      return ed.deleteSelected();
    }
    if (key === "escape") {
      if (ed.cancelPolygon()) return true;
      if (ed.gesture) {
        ed.gesture = null;
        redraw();
        return true;
      }
      if (ed.selected) {
        ed.selected = null;
        ed.drawList();
        redraw();
        return true;
      }
      return false;
    }
    for (const c of specs()) {
      for (const o of optionsOf(c)) {
        if (o.hotkey && o.hotkey.toLowerCase() === key) {
          ed.pickLabel(c.name, o.value);
          return true;
        }
      }
    }
    return false;
  }
  function redraw() {
    if (ed.announce) ed.announce();
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      pickCopy2();
      ed.paint();
    });
  }
  function pickCopy2() {
    if (!ed.image || !ed.view || !ed.image.entry) return;
    const need = ed.image.w * ed.view.scale * (window.devicePixelRatio || 1);
    ed.image.img = sourceFor(ed.image.entry, need, redraw);
    root.dataset.copy = String(ed.image.img.width || ed.image.w);
  }
  function show(p, value) {
    const key = ed.task ? ed.task.task() : model.get("task");
    const switched = key !== ed.taskKey;
    ed.taskKey = key;
    ed.payload = p;
    if (switched) {
      ed.selected = null;
      ed.hover = null;
      ed.polygon = null;
      ed.gesture = null;
      if (ed.active && !optionsOf(spec(ed.active.control) || { options: [] }).some((o) => o.value === ed.active.label)) ed.active = null;
    }
    ed.regions = regionsFromValue(value || {}, specs());
    if (ed.selected && !regionById(ed.selected)) ed.selected = null;
    showImage();
    layout();
    requestImages();
    ed.drawBar();
    ed.drawList();
    redraw();
  }
  ed.task = bindTask(model, el, {
    render: show,
    hotkey: (key) => hotkey(key),
    missing(value) {
      const out = ed.problem ? [`the image cannot be shown (${ed.problem}); skip this task instead`] : [];
      for (const c of specs()) {
        const v = value[c.name];
        if (c.required && !(Array.isArray(v) && v.length)) out.push(c.required_message || `draw at least one region for ${c.name}`);
      }
      return out;
    }
  });
  for (const c of specs()) {
    const o = (c.options || []).find((x) => x.selected);
    if (o && !ed.active) ed.active = { control: c.name, label: o.value };
  }
  ed.drawBar();
  const onTasks = () => requestImages();
  model.on("change:tasks", onTasks);
  const resize = new ResizeObserver(() => {
    layout();
    redraw();
  });
  resize.observe(root);
  const countHeld = () => {
    const tasks = model.get("tasks") || {};
    root.dataset.images = String(Object.values(tasks).filter((p) => IMAGES.has(imageKeyOf(p))).length);
  };
  ARRIVALS.add(countHeld);
  model.on("change:tasks", countHeld);
  countHeld();
  layout();
  redraw();
  return () => {
    ed.task.dispose();
    ed.reporter.dispose();
    ARRIVALS.delete(countHeld);
    model.off("change:tasks", countHeld);
    resize.disconnect();
    model.off("change:tasks", onTasks);
    model.off("msg:custom", onCustom);
    if (frame) cancelAnimationFrame(frame);
  };
}
var image_regions_default = { render };
export {
  image_regions_default as default
};
