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

// js/_dialogue.js
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

// js/text.js
function render({ model, el }) {
  const kind = model.get("kind");
  const root = h(kind === "header" ? "h4" : "div", {
    class: `lw-object lw-${kind}`,
    "data-object": model.get("name")
  });
  el.append(root);
  let shown = null;
  let task = null;
  let data = null;
  const sync = kind === "paragraphs" ? audioSync(el, root, () => data) : null;
  task = bindTask(model, el, {
    /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").TextData> | null} payload */
    render(payload) {
      data = payload ? payload.data : null;
      if (!payload) {
        root.textContent = "\u2026";
        return;
      }
      const empty = emptyCell(payload) || dialogueProblem(payload);
      if (empty) root.replaceChildren(h("span", { class: "lw-empty-cell", text: empty }));
      else if (kind === "paragraphs") root.replaceChildren(dialogueNode(payload.data.turns || [], payload.data.layout, Boolean(payload.data.sync)));
      else if (kind === "html") root.innerHTML = payload.data.html;
      else if (payload.data.paragraphs) root.replaceChildren(...payload.data.paragraphs.map((text) => h("p", { class: "lw-paragraph", text })));
      else root.textContent = payload.data.text;
      const key = task ? task.task() : model.get("task");
      if (key !== shown) root.scrollTop = 0;
      shown = key;
      if (sync) sync.redraw();
    },
    missing: (value, payload) => {
      const empty = emptyCell(payload) || dialogueProblem(payload);
      return empty ? [empty] : [];
    }
  });
  return () => {
    if (sync) sync.dispose();
    task.dispose();
  };
}
var text_default = { render };
export {
  text_default as default
};
