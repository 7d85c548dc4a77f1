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
function isTyping(target) {
  if (!target || !target.closest) return false;
  return Boolean(target.closest("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable=''], [contenteditable=true]"));
}
function bindTask(model, el, spec) {
  const group = model.get("group");
  const local = /* @__PURE__ */ new Map();
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
      model.set("task", msg.task);
    } else if (msg.type === "collect" && shown === msg.task) {
      Object.assign(msg.values, current);
      if (spec.missing) msg.missing.push(...spec.missing(current, payloadOf(shown)));
    } else if (msg.type === "hotkey" && !msg.handled && spec.hotkey) {
      msg.handled = Boolean(spec.hotkey(msg.key, payloadOf(shown)));
    } else if (msg.type === "apply" && shown === msg.task) {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true });
    } else if (msg.type === "restore" && shown === msg.task) {
      const mine = {};
      for (const name of Object.keys(current)) if (name in msg.values) mine[name] = msg.values[name];
      if (Object.keys(mine).length) api.edit({ ...current, ...mine }, { quiet: true });
    } else if (msg.type === "dirty" && shown === msg.task) {
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
  const onTask = () => {
    const task = model.get("task");
    if (!shown && task) show(task);
  };
  const onTasks = () => {
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
    spec.render(payload, current);
  };
  model.on("change:task", onTask);
  model.on("change:tasks", onTasks);
  model.on("change:value", onValue);
  show(model.get("task"));
  const api = {
    // render=false when the view already shows the change (typing must keep the caret).
    edit(value, { render: render2 = true, quiet = false } = {}) {
      const before = current;
      current = value;
      local.set(shown, { rev: shownRev, value });
      model.set("value", value);
      model.set("task", shown);
      model.save_changes();
      if (render2) spec.render(payloadOf(shown), current);
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
    value: () => current,
    task: () => shown,
    payload: () => payloadOf(shown),
    dispose() {
      off();
      model.off("change:task", onTask);
      model.off("change:tasks", onTasks);
      model.off("change:value", onValue);
    }
  };
  return api;
}

// js/_control_values.js
function isEmpty(v) {
  return v === void 0 || v === null || v === "" || Array.isArray(v) && v.length === 0;
}
function entriesOf(v) {
  if (isEmpty(v)) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}
function addEntry(entries, text, { max = null, skipDuplicates = false } = {}) {
  if (!text.trim()) return { error: "write something first" };
  if (max && entries.length >= max) return { error: `at most ${max} entries` };
  if (skipDuplicates && entries.includes(text)) return { error: "already added" };
  return { entries: entries.concat([text]) };
}
function entriesCell(entries, several) {
  if (several) return entries.length ? entries : null;
  return entries.length ? entries[0] : null;
}

// js/text_area.js
function render({ model, el }) {
  const name = model.get("name");
  const rows = Math.max(1, model.get("rows") || 1);
  const max = model.get("max_submissions") || 1;
  const several = max > 1;
  const addKey = rows > 1 ? "Shift+Enter" : "Enter";
  const field = (value, oninput, extra = {}) => {
    const node = rows > 1 ? h("textarea", { rows, class: "lw-text-field", oninput, ...extra }) : h("input", { type: "text", class: "lw-text-field", oninput, ...extra });
    node.value = value;
    return node;
  };
  const isAddKey = (event) => event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey && (rows > 1 ? event.shiftKey : !event.shiftKey);
  const root = h("div", { class: `lw-textarea${several ? " lw-several" : ""}`, "data-control": name });
  const list = h("ol", { class: "lw-entries" });
  const note = h("div", { class: "lw-note", role: "status" });
  let entries = [];
  let splitTask = null;
  const cell = (draft) => entriesCell(draft ? entries.concat([draft]) : entries, several);
  const say = (text) => note.textContent = text;
  const draftField = field("", () => {
    say("");
    task.edit({ ...task.value(), [name]: cell(draftField.value) }, { render: false });
  }, {
    placeholder: model.get("placeholder") || void 0,
    "aria-label": name,
    title: `${addKey} adds the text${rows > 1 ? "; Enter starts a new line" : ""}`,
    onkeydown: (event) => {
      if (!isAddKey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      add();
    }
  });
  const addButton = h("button", {
    type: "button",
    class: "lw-button lw-add",
    text: "Add",
    title: `Add the text (${addKey})`,
    onclick: () => add()
  });
  addButton.hidden = !model.get("submit_button");
  const input = h("div", { class: "lw-text-input" }, [draftField, addButton]);
  root.append(input, list, note);
  el.append(root);
  function add() {
    const result = addEntry(entries, draftField.value, { max, skipDuplicates: model.get("skip_duplicates") });
    if (result.error) {
      say(result.error);
      return;
    }
    entries = result.entries;
    draftField.value = "";
    say("");
    task.edit({ ...task.value(), [name]: cell("") });
    const next = input.hidden ? list.querySelector(".lw-entry:last-child .lw-text-field") : draftField;
    const target = next || el.closest(".lw-annotator");
    if (target) target.focus({ preventScroll: true });
  }
  function update(i, text) {
    entries = entries.map((e, j) => j === i ? text : e);
    task.edit({ ...task.value(), [name]: cell(draftField.value) }, { render: false });
  }
  function remove(i) {
    entries = entries.filter((_, j) => j !== i);
    task.edit({ ...task.value(), [name]: cell(draftField.value) });
  }
  function drawEntries() {
    const editable = model.get("editable");
    list.replaceChildren(...entries.map((text, i) => h("li", { class: "lw-entry" }, [
      editable ? field(text, (event) => update(i, event.target.value), {
        "aria-label": `${name} entry ${i + 1}`,
        onblur: (event) => {
          if (event.target.isConnected && entries[i] === "") remove(i);
        }
      }) : h("span", { class: "lw-entry-text", text }),
      h("button", {
        type: "button",
        class: "lw-remove",
        title: "Remove",
        "aria-label": `remove entry ${i + 1}`,
        text: "\xD7",
        onclick: () => remove(i)
      })
    ])));
    input.hidden = entries.length >= max;
  }
  function draw(payload, value) {
    const v = value[name];
    const shown = task ? task.task() : model.get("task");
    if (!(splitTask === shown && same(cell(draftField.value), isEmpty(v) ? null : v))) {
      entries = entriesOf(v);
      draftField.value = "";
      say("");
      splitTask = shown;
    }
    drawEntries();
  }
  let task = null;
  task = bindTask(model, el, {
    render: (payload, value) => draw(payload, value),
    missing(value) {
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `write ${name}`] : [];
    }
  });
  return () => task.dispose();
}
var text_area_default = { render };
export {
  text_area_default as default
};
