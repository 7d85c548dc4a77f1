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

// js/_ids.js
var ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
function newId() {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const b of bytes) id += ID_CHARS[b & 63];
  return id;
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

// js/_waveform.js
var BLOCK = 256;
function peaksOf(channels, block = BLOCK) {
  const n = channels.length ? channels[0].length : 0;
  const count = Math.ceil(n / block);
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  const k = 1 / Math.max(1, channels.length);
  for (let b = 0; b < count; b++) {
    let lo = Infinity;
    let hi = -Infinity;
    const end = Math.min(n, (b + 1) * block);
    for (let i = b * block; i < end; i++) {
      let v = 0;
      for (const c of channels) v += c[i];
      v *= k;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { min, max, block };
}
function peaksFromPairs(bytes, block) {
  const pairs = new Int8Array(bytes);
  const count = pairs.length >> 1;
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    min[b] = pairs[2 * b] / 127;
    max[b] = pairs[2 * b + 1] / 127;
  }
  return { min, max, block };
}
function mix(channels) {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const c of channels) for (let i = 0; i < out.length; i++) out[i] += c[i] / channels.length;
  return out;
}
function columns({ peaks, samples = null, rate }, view, width) {
  const lo = new Float32Array(width);
  const hi = new Float32Array(width);
  const perPx = view.spp * rate;
  const usePeaks = !samples || perPx >= peaks.block;
  const data = usePeaks ? peaks : null;
  const unit = usePeaks ? peaks.block : 1;
  const total = usePeaks ? peaks.min.length : samples.length;
  for (let x = 0; x < width; x++) {
    const a = Math.floor((view.t0 + x * view.spp) * rate / unit);
    const b = Math.max(a + 1, Math.floor((view.t0 + (x + 1) * view.spp) * rate / unit));
    if (a >= total || b <= 0) continue;
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = Math.max(0, a); i < Math.min(total, b); i++) {
      const l = data ? data.min[i] : samples[i];
      const u = data ? data.max[i] : samples[i];
      if (l < mn) mn = l;
      if (u > mx) mx = u;
    }
    if (mn <= mx) {
      lo[x] = mn;
      hi[x] = mx;
    }
  }
  return { lo, hi };
}
var fitView = (duration, width) => ({ t0: 0, spp: duration > 0 && width > 0 ? duration / width : 0.01 });
var toX = (view, t) => (t - view.t0) / view.spp;
var toTime = (view, x) => view.t0 + x * view.spp;
function clampView(view, duration, width) {
  const fit = fitView(duration, width).spp;
  const spp = Math.min(fit, Math.max(view.spp, 1 / 48e3));
  const t0 = Math.min(Math.max(0, view.t0), Math.max(0, duration - spp * width));
  return { t0, spp };
}
function zoomAt(view, factor, x, duration, width) {
  const t = toTime(view, x);
  return clampView({ t0: t - x * view.spp / factor, spp: view.spp / factor }, duration, width);
}
var round = (t) => Math.round(t * 1e3) / 1e3;
function drawn(t1, t2, duration) {
  const a = Math.max(0, Math.min(t1, t2));
  const b = Math.min(duration, Math.max(t1, t2));
  return [round(a), round(b)];
}
function moved(seg, dt, duration) {
  const len = seg.end - seg.start;
  const start = Math.min(Math.max(0, seg.start + dt), Math.max(0, duration - len));
  return { ...seg, start: round(start), end: round(start + len) };
}
function resized(seg, edge, t, duration, min = 0.01) {
  if (edge === "start") return { ...seg, start: round(Math.min(Math.max(0, t), seg.end - min)) };
  return { ...seg, end: round(Math.max(Math.min(duration, t), seg.start + min)) };
}
function hit(segments, t, slack, selectedId = null) {
  const order = [...segments].sort((a, b) => a.id === selectedId ? -1 : b.id === selectedId ? 1 : 0);
  for (const seg of order) {
    if (Math.abs(t - seg.start) <= slack) return { seg, edge: "start" };
    if (Math.abs(t - seg.end) <= slack) return { seg, edge: "end" };
  }
  const inside = segments.filter((s) => s.start <= t && t <= s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  return inside.length ? { seg: inside[0], edge: null } : null;
}
function press(segments, t, x, slack, selectedId = null) {
  const found = hit(segments, t, slack, selectedId);
  if (found && found.edge) return { kind: "resize", id: found.seg.id, edge: found.edge, before: found.seg, t, x, moved: false };
  if (found) return { kind: "move", id: found.seg.id, edge: null, before: found.seg, t, x, moved: false };
  return { kind: "draw", id: null, edge: null, before: null, t, x, moved: false };
}
function dragTo(g, t, x, duration, minDrag) {
  const far = Math.abs(x - g.x) >= minDrag;
  if (g.kind === "resize") return { segment: resized(g.before, g.edge, t, duration) };
  if (g.kind === "move" && (far || g.moved)) {
    g.moved = true;
    return { segment: moved(g.before, t - g.t, duration) };
  }
  if (g.kind === "draw" && far) return { range: drawn(g.t, t, duration) };
  return {};
}
function clock(t) {
  if (!Number.isFinite(t)) return "\u2013";
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s < 10 ? "0" : ""}${s.toFixed(2)}`;
}

// js/_audio_panel.js
var SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];
function audioDom(model, keys, on) {
  const name = model.get("name");
  const playButton = h("button", { type: "button", class: "lw-button lw-audio-play", title: `Play / pause (${keyLabel(keys.play || "space")})`, text: "\u25B6", onclick: () => on.togglePlay() });
  const time = h("span", { class: "lw-audio-time", text: "\u2013" });
  const speed = h(
    "select",
    { class: "lw-audio-speed", title: "Playback speed", onchange: () => on.setSpeed(Number(speed.value)) },
    SPEEDS.map((s) => h("option", { value: String(s), text: `${s}\xD7` }))
  );
  speed.value = String(SPEEDS.includes(model.get("default_speed")) ? model.get("default_speed") : 1);
  speed.hidden = !model.get("speed_control");
  const zoomBar = h("span", { class: "lw-regions-zoom" }, [
    h("button", { type: "button", class: "lw-button lw-zoom-out", title: "Zoom out (Ctrl+wheel)", text: "\u2212", onclick: () => on.zoomBy(1 / 1.5) }),
    h("button", { type: "button", class: "lw-button lw-zoom-in", title: "Zoom in (Ctrl+wheel)", text: "+", onclick: () => on.zoomBy(1.5) }),
    h("button", { type: "button", class: "lw-button lw-zoom-fit", title: "Show the whole audio", text: "Fit", onclick: () => on.fit() })
  ]);
  zoomBar.hidden = !model.get("zoom");
  const labelBar = h("span", { class: "lw-regions-bar" });
  const bar = h("div", { class: "lw-regions-bar" }, [playButton, time, speed, labelBar, zoomBar]);
  const canvas = h("canvas", { class: "lw-audio-canvas" });
  const stage = h("div", { class: "lw-regions-stage lw-audio-stage", tabindex: "0", "data-lw-focus-target": "", "data-lm-suppress-shortcuts": "true", "aria-label": `audio ${name}` }, [canvas]);
  const note = h("div", { class: "lw-regions-hint lw-audio-note", role: "status" });
  const list = h("div", { class: "lw-regions-list lw-audio-list" });
  const holder = h("div", { class: "lw-audio-holder", hidden: true });
  const root = h("div", { class: "lw-object lw-regions lw-audio", "data-object": name, "data-lw-focus-scope": "" }, [bar, stage, note, list, holder]);
  return { playButton, time, speed, labelBar, canvas, stage, note, list, holder, root };
}
function labelButtons(specs, armed, colorOf, pick) {
  return specs.map((c) => h("span", { class: "lw-regions-group", "data-control": c.name }, c.options.map((o) => {
    const on = armed && armed.control === c.name && armed.label === o.value;
    const color = colorOf(c.name, o.value);
    return h("button", {
      type: "button",
      class: `lw-option lw-region-label${on ? " lw-on" : ""}`,
      "data-control": c.name,
      "data-value": o.value,
      "aria-pressed": String(Boolean(on)),
      style: { "--lw-accent": color },
      onclick: () => pick(c.name, o.value)
    }, [h("span", { class: "lw-swatch", style: { background: color } }), h("span", { text: o.label || o.value }), o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null]);
  })));
}
function noteText({ message, problem, taskKey, column, pending, entry, drawing, armed, playKey }) {
  if (problem) return `row ${taskKey}, column \u201C${column}\u201D: ${problem} (skip this task; the others can be labeled)`;
  if (pending) return "Press a label's key (or click a label) to label the range drawn \xB7 Esc drops it";
  if (!message && entry && drawing) return `Drag on the waveform to draw a segment${armed ? ` (${armed.label})` : ""} \xB7 click to seek \xB7 ${keyLabel(playKey || "space")} plays \xB7 drag an edge to resize`;
  return message;
}
function segmentRows(segments, selectedId, colorOf, on) {
  return [...segments].sort((a, b) => a.start - b.start).map((s) => h("div", {
    class: `lw-region-item lw-audio-segment${s.id === selectedId ? " lw-on" : ""}`,
    "data-region": s.id,
    onclick: () => on.select(s.id)
  }, [
    h("span", { class: "lw-swatch", style: { background: colorOf(s.control, s.labels[0]) } }),
    h("span", { class: "lw-region-name", text: s.labels.join(", ") }),
    h("span", { class: "lw-region-geometry", text: `${clock(s.start)} \u2013 ${clock(s.end)}` }),
    h("button", { type: "button", class: "lw-region-delete lw-audio-segment-play", title: "Play this segment", text: "\u25B6", onclick: (e) => {
      e.stopPropagation();
      on.play(s);
    } }),
    h("button", { type: "button", class: "lw-region-delete", title: "Delete this segment", text: "\u2715", onclick: (e) => {
      e.stopPropagation();
      on.remove(s.id);
    } })
  ]));
}

// js/_media_cache.js
function mediaCache({ keep = 48, drop = () => {
}, retryMs = 15e3 } = {}) {
  const entries = /* @__PURE__ */ new Map();
  const waiting = /* @__PURE__ */ new Map();
  const arrivals = /* @__PURE__ */ new Set();
  const requested = /* @__PURE__ */ new Map();
  function remember(key, entry) {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > keep) {
      const [oldest, old] = entries.entries().next().value;
      entries.delete(oldest);
      drop(old);
    }
    for (const fn of waiting.get(key) || []) fn(entry);
    waiting.delete(key);
    for (const fn of arrivals) fn(key, entry);
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
    remember,
    when,
    toAsk,
    onArrival(fn) {
      arrivals.add(fn);
      return () => arrivals.delete(fn);
    }
  };
}

// js/_audio_store.js
var KEEP_SAMPLES = 600;
var AUDIO = mediaCache({ keep: 12, drop: (e) => e.blob && URL.revokeObjectURL(e.url) });
var EARLY = mediaCache({ keep: 12 });
var bytesOf = (view) => view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
function mediaFor(url) {
  const media = document.createElement("audio");
  media.preload = "auto";
  media.src = url;
  return media;
}
function decode(key, bytes, { mime, rate, duration, url = null, peaks = null, block = 256 }) {
  const src = url || URL.createObjectURL(new Blob([bytes], { type: mime || "audio/wav" }));
  const blob = !url;
  if (peaks) {
    AUDIO.remember(key, { url: src, blob, media: mediaFor(src), peaks: peaksFromPairs(peaks, block), samples: null, rate, duration });
    return;
  }
  const ctx = new OfflineAudioContext(1, 1, rate && rate >= 3e3 ? rate : 44100);
  ctx.decodeAudioData(bytes).then(
    (buffer) => {
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
      AUDIO.remember(key, {
        url: src,
        blob,
        media: mediaFor(src),
        peaks: peaksOf(channels),
        rate: buffer.sampleRate,
        duration: buffer.duration,
        samples: buffer.duration <= KEEP_SAMPLES ? mix(channels) : null
      });
    },
    (err) => {
      if (blob) URL.revokeObjectURL(src);
      AUDIO.remember(key, { error: `the browser cannot decode this audio (${err && err.message || "not audio it knows"})` });
    }
  );
}
var audioIdOf = (p) => p && p.data ? p.data.audio ? p.data.audio.key : p.data.url || null : null;
function requestAudio(model, shown, ask) {
  const tasks = model.get("tasks") || {};
  const order = [shown, ...Object.keys(tasks).filter((k) => k !== shown)].map((k) => tasks[k]).filter(Boolean);
  for (const p of order) {
    const url = p.data && p.data.url;
    if (url && AUDIO.toAsk([url]).length) {
      fetch(url).then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))).then(
        (bytes) => decode(url, bytes, { url }),
        (err) => AUDIO.remember(url, { error: `cannot load audio ${url} (${err.message})` })
      );
    }
  }
  const wanted = AUDIO.toAsk(order.filter((p) => p.data && p.data.audio).map((p) => p.data.audio.key));
  if (wanted.length) ask({ type: "audios", keys: wanted });
}
function receiveAudio(model, msg, buffers) {
  if (!msg || msg.type !== "audio" || AUDIO.has(msg.key)) return;
  const info = Object.values(model.get("tasks") || {}).map((p) => p.data && p.data.audio).find((a) => a && a.key === msg.key) || {};
  if (msg.early) {
    if (buffers && buffers[0]) EARLY.remember(msg.key, { peaks: peaksFromPairs(bytesOf(buffers[0]), msg.block), samples: null, rate: info.rate, duration: info.duration });
    return;
  }
  if (msg.error || !buffers || !buffers[0]) return AUDIO.remember(msg.key, { error: msg.error || "no audio bytes arrived" });
  decode(msg.key, bytesOf(buffers[0]), {
    mime: msg.mime,
    rate: info.rate,
    duration: info.duration,
    peaks: msg.peaks && buffers[1] ? bytesOf(buffers[1]) : null,
    block: msg.block
  });
}

// js/_audio_draw.js
function drawWaveform(ctx, entry, view, width, height) {
  const mid = height / 2;
  const cols = columns(entry, view, width);
  ctx.fillStyle = "#5b7bd5";
  for (let x = 0; x < width; x++) {
    const top = mid - cols.hi[x] * (mid - 2);
    ctx.fillRect(x, top, 1, Math.max(1, mid - cols.lo[x] * (mid - 2) - top));
  }
}
function drawSegment(ctx, seg, view, { color, selected, width, height }) {
  const x1 = toX(view, seg.start);
  const x2 = toX(view, seg.end);
  if (x2 < 0 || x1 > width) return;
  const edge = selected ? 3 : 1;
  ctx.save();
  ctx.globalAlpha = selected ? 0.35 : 0.2;
  ctx.fillStyle = color;
  ctx.fillRect(x1, 0, x2 - x1, height);
  ctx.globalAlpha = 1;
  ctx.fillRect(x1, 0, edge, height);
  ctx.fillRect(x2 - edge, 0, edge, height);
  ctx.font = "11px sans-serif";
  ctx.fillText(seg.labels.join(", "), x1 + 4, 12);
  ctx.restore();
}
function drawPending(ctx, [start, end], view, height) {
  const x1 = toX(view, start);
  const x2 = toX(view, end);
  ctx.save();
  ctx.strokeStyle = "#333";
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x1 + 0.5, 0.5, Math.max(1, x2 - x1 - 1), height - 1);
  ctx.restore();
}
function drawCursor(ctx, view, time, height) {
  ctx.fillStyle = "#d00";
  ctx.fillRect(Math.round(toX(view, time)), 0, 1.5, height);
}

// js/audio.js
var HEIGHT = 128;
var EDGE = 6;
var MIN_DRAG = 3;
function render({ model, el }) {
  const name = model.get("name");
  const column = model.get("column");
  const specs = () => model.get("region_controls") || [];
  const keys = () => model.get("playback_keys") || {};
  const colorOf = (control, label) => {
    const c = specs().find((x) => x.name === control);
    const i = c ? c.options.findIndex((o) => o.value === label) : -1;
    return i >= 0 && c.options[i].background || PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  };
  const { playButton, time, speed, labelBar, canvas, stage, note, list, holder, root } = audioDom(model, keys(), {
    togglePlay: () => togglePlay(),
    setSpeed: (rate) => {
      if (media) media.playbackRate = rate;
    },
    zoomBy: (factor) => zoomBy(factor),
    fit: () => {
      view = null;
      redraw();
    }
  });
  el.append(root);
  const ctx = canvas.getContext("2d");
  let taskKey = null;
  let audioId = null;
  let entry = null;
  let media = null;
  let problem = null;
  let segments = [];
  let selectedId = null;
  let pending = null;
  let armed = null;
  let view = null;
  let gesture = null;
  let stopAt = null;
  let frame = 0;
  let message = "";
  let task = null;
  const announce = regionAnnouncer(model.get("group"), name);
  const duration = () => entry && entry.duration || 0;
  const width = () => Math.max(120, Math.floor(stage.clientWidth || 640));
  const current = () => view ? view : fitView(duration(), width());
  const selected = () => segments.find((s) => s.id === selectedId) || null;
  const say = (text) => {
    message = text;
    drawNote();
  };
  function ask(msg) {
    model.send(msg);
  }
  const onCustom = (msg, buffers) => receiveAudio(model, msg, buffers);
  model.on("msg:custom", onCustom);
  const offArrival = AUDIO.onArrival(() => countHeld());
  function countHeld() {
    root.dataset.audios = String(Object.values(model.get("tasks") || {}).filter((p) => AUDIO.has(audioIdOf(p))).length);
  }
  function showAudio(payload) {
    const data = payload && payload.data;
    const id = audioIdOf(payload) || (data && data.error ? `!${data.error}` : null);
    if (id === audioId && (entry || problem)) return;
    if (media) media.pause();
    audioId = id;
    entry = null;
    problem = data && data.error ? data.error : null;
    view = null;
    stopAt = null;
    holder.replaceChildren();
    media = null;
    root.dataset.ready = "";
    if (!payload || problem) return;
    say("loading audio\u2026");
    EARLY.when(id, (early) => {
      if (audioId !== id || entry || problem) return;
      entry = early;
      root.dataset.duration = String(early.duration);
      redraw();
    });
    AUDIO.when(id, (got) => {
      if (audioId !== id) return;
      if (got.error) {
        problem = got.error;
        say("");
      } else {
        entry = got;
        media = got.media;
        media.className = "lw-audio-media";
        media.playbackRate = Number(speed.value);
        media.volume = Math.min(1, model.get("volume"));
        media.onplay = media.onpause = () => {
          playButton.textContent = media.paused ? "\u25B6" : "\u23F8";
          root.dataset.playing = media.paused ? "" : "1";
        };
        media.onplay();
        holder.replaceChildren(media);
        root.dataset.duration = String(got.duration);
        root.dataset.ready = "1";
        if (model.get("default_zoom") > 1) view = clampView({ t0: 0, spp: fitView(got.duration, width()).spp / model.get("default_zoom") }, got.duration, width());
        say("");
      }
      redraw();
    });
  }
  function play(from, to = null) {
    if (!media) return;
    media.currentTime = Math.max(0, from);
    stopAt = to;
    media.play().catch((err) => say(`cannot play: ${err.message}`));
    tick();
  }
  function togglePlay() {
    if (!media) return false;
    if (!media.paused) {
      media.pause();
      stopAt = null;
    } else if (selected()) {
      play(selected().start, selected().end);
    } else {
      play(media.currentTime >= duration() - 0.01 ? 0 : media.currentTime);
    }
    return true;
  }
  function seek(t) {
    if (!media) return;
    media.currentTime = Math.min(Math.max(0, t), duration());
    stopAt = null;
    redraw();
  }
  function tick() {
    if (!media || media.paused) return redraw();
    if (stopAt !== null && media.currentTime >= stopAt) {
      media.pause();
      stopAt = null;
    }
    const v = current();
    const x = toX(v, media.currentTime);
    if (view && (x < 0 || x > width())) view = clampView({ ...view, t0: media.currentTime }, duration(), width());
    redraw();
    requestAnimationFrame(tick);
  }
  function commit() {
    const value = {};
    for (const c of specs()) value[c.name] = [];
    for (const { control, ...seg } of segments) value[control].push(seg);
    task.edit(value, { render: false });
    redraw();
  }
  function uses(control, label) {
    return segments.filter((s) => s.control === control && s.labels.includes(label)).length;
  }
  function overLimit(control, label) {
    const c = specs().find((x) => x.name === control);
    const o = c && c.options.find((x) => x.value === label);
    const limit = o && o.max_usages || c && c.max_usages;
    if (limit && uses(control, label) >= limit) {
      say(`${label}: at most ${limit} segment(s) (maxUsages)`);
      return true;
    }
    return false;
  }
  function applyLabel(control, label) {
    const sel = selected();
    if (pending) {
      if (overLimit(control, label)) return;
      const seg = { control, id: newId(), start: pending[0], end: pending[1], labels: [label] };
      segments = [...segments, seg];
      selectedId = seg.id;
      pending = null;
      return commit();
    }
    if (sel && sel.control === control) {
      const c = specs().find((x) => x.name === control);
      let labels = c.choice === "multiple" ? sel.labels.includes(label) ? sel.labels.filter((l) => l !== label) : [...sel.labels, label] : [label];
      if (!labels.length) labels = sel.labels;
      if (!sel.labels.includes(label) && overLimit(control, label)) return;
      segments = segments.map((s) => s.id === sel.id ? { ...s, labels } : s);
      return commit();
    }
    armed = armed && armed.control === control && armed.label === label ? null : { control, label };
    drawBar();
    drawNote();
  }
  function remove(id) {
    segments = segments.filter((s) => s.id !== id);
    if (selectedId === id) selectedId = null;
    commit();
  }
  const pointerX = (event) => event.clientX - canvas.getBoundingClientRect().left;
  function onDown(event) {
    if (event.button !== 0 || !entry) return;
    const x = pointerX(event);
    const v = current();
    gesture = press(segments, toTime(v, x), x, EDGE * v.spp, selectedId);
    pending = null;
    if (gesture.id) selectedId = gesture.id;
    window.addEventListener("mousemove", onMove, true);
    window.addEventListener("mouseup", onUp, true);
    event.preventDefault();
    redraw();
  }
  function onMove(event) {
    if (!gesture) return;
    const x = pointerX(event);
    const { segment, range } = dragTo(gesture, toTime(current(), x), x, duration(), MIN_DRAG);
    if (segment) segments = segments.map((s) => s.id === gesture.id ? segment : s);
    if (range) {
      pending = range;
      selectedId = null;
    }
    schedule();
  }
  function onUp(event) {
    window.removeEventListener("mousemove", onMove, true);
    window.removeEventListener("mouseup", onUp, true);
    if (!gesture) return;
    onMove(event);
    const g = gesture;
    gesture = null;
    if (g.kind === "draw" && !pending) {
      selectedId = null;
      seek(g.t);
    } else if (g.kind === "draw" && armed) {
      applyLabel(armed.control, armed.label);
    } else if (g.kind === "resize" || g.kind === "move" && g.moved) {
      commit();
    }
    redraw();
  }
  canvas.addEventListener("mousedown", onDown);
  canvas.addEventListener("mousemove", (event) => {
    if (gesture || !entry) return;
    const v = current();
    const found = hit(segments, toTime(v, pointerX(event)), EDGE * v.spp, selectedId);
    canvas.style.cursor = found ? found.edge ? "ew-resize" : "move" : "crosshair";
  });
  canvas.addEventListener("wheel", (event) => {
    if (!entry) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? 1.25 : 1 / 1.25, pointerX(event));
    } else if (view && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      view = clampView({ ...view, t0: view.t0 + event.deltaX * view.spp }, duration(), width());
      schedule();
    }
  }, { passive: false });
  function zoomBy(factor, x = width() / 2) {
    if (!entry) return;
    view = zoomAt(current(), factor, x, duration(), width());
    redraw();
  }
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      redraw();
    });
  }
  function redraw() {
    const w = width();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(HEIGHT * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${HEIGHT}px`;
    }
    canvas.hidden = Boolean(problem);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, HEIGHT);
    time.textContent = entry ? `${clock(media ? media.currentTime : 0)} / ${clock(duration())}` : "\u2013";
    if (entry) {
      const v = current();
      drawWaveform(ctx, entry, v, w, HEIGHT);
      for (const seg of segments) drawSegment(ctx, seg, v, { color: colorOf(seg.control, seg.labels[0]), selected: seg.id === selectedId, width: w, height: HEIGHT });
      if (pending) drawPending(ctx, pending, v, HEIGHT);
      if (media) drawCursor(ctx, v, media.currentTime, HEIGHT);
      root.dataset.view = `${v.t0} ${v.spp}`;
      root.dataset.drawn = taskKey;
    }
    announce(taskKey, selected() ? regionOf(selected()) : null, segments.map(regionOf));
    drawList();
    drawNote();
  }
  const regionOf = (s) => ({ id: s.id, controls: [s.control], labels: s.labels });
  function drawBar() {
    labelBar.replaceChildren(...labelButtons(specs(), armed, colorOf, applyLabel));
  }
  function drawNote() {
    note.textContent = noteText({ message, problem, taskKey, column: column || name, pending, entry, drawing: specs().length > 0, armed, playKey: keys().play });
    note.classList.toggle("lw-error", Boolean(problem));
  }
  function drawList() {
    list.replaceChildren(...segmentRows(segments, selectedId, colorOf, {
      select: (id) => {
        selectedId = selectedId === id ? null : id;
        pending = null;
        redraw();
      },
      play: (s) => {
        selectedId = s.id;
        play(s.start, s.end);
      },
      remove
    }));
    list.hidden = !segments.length;
  }
  function show(payload, value) {
    const key = task ? task.task() : model.get("task");
    if (key !== taskKey) {
      selectedId = null;
      pending = null;
      gesture = null;
      message = "";
    }
    taskKey = key;
    segments = specs().flatMap((c) => (value && value[c.name] || []).map((s) => ({ ...s, control: c.name })));
    if (selectedId && !selected()) selectedId = null;
    showAudio(payload);
    requestAudio(model, taskKey, ask);
    countHeld();
    redraw();
  }
  task = bindTask(model, el, {
    render: show,
    hotkey(key) {
      const k = keys();
      if (key === (k.play || "space")) return togglePlay();
      if (key === k.back || key === k.forward) {
        if (!media) return false;
        seek(media.currentTime + (key === k.back ? -1 : 1));
        return true;
      }
      if (key === "escape") {
        if (!pending && !selectedId && !armed) return false;
        if (pending || selectedId) {
          pending = null;
          selectedId = null;
        } else armed = null;
        drawBar();
        redraw();
        return true;
      }
      if ((key === "delete" || key === "backspace") && selectedId) {
        remove(selectedId);
        return true;
      }
      for (const c of specs()) {
        const o = c.options.find((x) => x.hotkey && x.hotkey === key);
        if (o) {
          applyLabel(c.name, o.value);
          return true;
        }
      }
      return false;
    },
    missing(value) {
      const out = problem ? [`the audio cannot be played (${problem}); skip this task instead`] : [];
      for (const c of specs()) {
        if (c.required && !(value && value[c.name] || []).length) out.push(c.required_message || `draw at least one segment for ${c.name}`);
      }
      return out;
    }
  });
  for (const c of specs()) {
    const o = c.options.find((x) => x.selected);
    if (o && !armed) armed = { control: c.name, label: o.value };
  }
  drawBar();
  const onTasks = () => {
    requestAudio(model, taskKey, ask);
    countHeld();
  };
  model.on("change:tasks", onTasks);
  const resize = new ResizeObserver(() => {
    if (view) view = clampView(view, duration(), width());
    redraw();
  });
  resize.observe(stage);
  redraw();
  return () => {
    task.dispose();
    if (media) media.pause();
    offArrival();
    resize.disconnect();
    model.off("change:tasks", onTasks);
    model.off("msg:custom", onCustom);
    canvas.removeEventListener("mousedown", onDown);
    if (frame) cancelAnimationFrame(frame);
  };
}
var audio_default = { render };
export {
  audio_default as default
};
