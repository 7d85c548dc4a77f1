// @ts-check
// Chat: a conversation to read, extend and rate message by message; mirrors
// labelwidget/widgets/chat.py. Value: {[name]: [added messages {id, role, content, createdAt,
// origin}]}; the task data's messages (payload.data.messages, ids m0, m1 ...) are shown first
// and never edited. Each message is a region: click it (or Tab to it and press Enter) to select
// it, and perRegion controls rate it; Esc deselects, Delete removes a message you added. The
// composer adds a message (Enter sends, Shift+Enter starts a new line); "Model reply" asks
// Python's callable for the next message.
import { regionAnnouncer } from "./_region_events.js";
import { bindTask, emptyCell, h } from "./_task_widget.js";

const newId = () => `c${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 7)}`;

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */
/**
 * Messages this widget sends to Python, and those it receives:
 * @typedef {import("./_contract.js").ReplyMsg} ToPython
 * @typedef {import("./_contract.js").ReplyDoneMsg} FromPython
 */

/**
 * Synced traits of ChatWidget (labelwidget/widgets/chat.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {string[]} roles
 * @property {string[]} editable
 * @property {boolean} has_model
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const group = model.get("group");
  const list = h("div", { class: "lw-chat-messages", role: "list", "aria-label": name });
  const note = h("div", { class: "lw-note", role: "status" });
  const roleSelect = h("select", { class: "lw-chat-role", "aria-label": "role of the new message" });
  const field = h("textarea", {
    class: "lw-chat-input", rows: "2", placeholder: "Write a message (Enter sends, Shift+Enter: new line)",
    "aria-label": "new message",
  });
  const send = h("button", { type: "button", class: "lw-chat-send", text: "Send", onclick: () => addTyped() });
  const ask = h("button", { type: "button", class: "lw-chat-ask", text: "Model reply", onclick: () => askModel() });
  const composer = h("div", { class: "lw-chat-composer" }, [roleSelect, field, send, ask]);
  const root = h("div", { class: "lw-chat htx-chat", "data-control": name }, [list, composer, note]);
  el.append(root);

  let data = { messages: [] };
  let added = [];
  let selectedId = null;
  let editingId = null;
  let waiting = null; // the task whose model reply is awaited
  let problem = ""; // a model failure, said until the next action
  const announcer = regionAnnouncer(group, name);

  const roles = () => model.get("roles") || [];
  function editable(message) {
    const allowed = model.get("editable") || [];
    return allowed.includes("*") || allowed.includes(message.role);
  }
  const all = () => [...(data.messages || []), ...added];
  const region = (m) => ({ id: m.id, controls: [name], labels: [], role: m.role, text: m.content });

  let drawnTask = null;
  /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").ChatData> | null} payload @param {Record<string, any>} value */
  function draw(payload, value) {
    const key = task ? task.task() : model.get("task");
    if (key !== drawnTask) { // another task: nothing of the last one stays selected or open
      drawnTask = key;
      selectedId = null;
      editingId = null;
      problem = "";
    }
    data = (payload && payload.data) || { messages: [] };
    added = Array.isArray(value[name]) ? value[name] : [];
    if (!all().some((m) => m.id === selectedId)) selectedId = null;
    const bad = data.error || emptyCell(payload);
    root.classList.toggle("lw-chat-bad", Boolean(bad));
    const max = data.max;
    const full = max !== null && max !== undefined && all().length >= max;
    list.replaceChildren(...(bad ? [] : all().map(messageNode)));
    composer.hidden = Boolean(bad);
    field.disabled = full;
    send.disabled = full;
    ask.hidden = !model.get("has_model");
    ask.disabled = full || waiting !== null;
    if (roleSelect.options.length !== roles().length) {
      roleSelect.replaceChildren(...roles().map((r) => h("option", { value: r, text: r })));
    }
    roleSelect.hidden = roles().length < 2;
    if (bad) {
      note.className = "lw-note lw-error";
      note.textContent = `${bad} — this task cannot be labeled; skip it, or fix the data`;
    } else if (problem) {
      note.className = "lw-note lw-error";
      note.textContent = problem;
    } else if (waiting !== null) {
      note.className = "lw-note";
      note.textContent = "asking the model…";
    } else {
      note.className = "lw-note";
      const count = all().length;
      const min = data.min ? ` (at least ${data.min} to submit)` : "";
      note.textContent = full ? `${count} messages: the most this chat takes (maxMessages ${max})`
        : !count ? `${data.empty || "no messages yet"}: write the first one${min}`
          : selectedId ? `message selected: rate it; Esc deselects${added.some((m) => m.id === selectedId) ? ", Delete removes it" : ""}` : `click a message to rate it${min}`;
    }
    announce();
  }

  function announce() {
    const selected = all().find((m) => m.id === selectedId);
    if (drawnTask) announcer(drawnTask, selected ? region(selected) : null, all().map(region));
  }

  function messageNode(m) {
    const isAdded = added.includes(m);
    const editing = editingId === m.id;
    const editor = editing
      ? /** @type {HTMLTextAreaElement} */ (h("textarea", { class: "lw-chat-edit", rows: "3", "aria-label": "edit message" }))
      : null;
    if (editor) editor.value = m.content;
    const body = editor || h("div", { class: "lw-chat-content", text: m.content });
    const tools = [];
    if (isAdded && !editing && editable(m)) {
      tools.push(h("button", { type: "button", class: "lw-chat-tool lw-chat-edit-btn", title: "edit this message", text: "✎", onclick: (e) => { e.stopPropagation(); startEdit(m.id); } }));
    }
    if (isAdded && !editing) {
      tools.push(h("button", { type: "button", class: "lw-chat-tool lw-remove", title: "delete this message", text: "×", onclick: (e) => { e.stopPropagation(); remove(m.id); } }));
    }
    const origin = m.origin === "model" ? "model" : m.origin === "model-changed" ? "model, edited" : "";
    const node = h("div", {
      class: `lw-chat-msg lw-chat-${/^[a-z]+$/.test(m.role) ? m.role : "other"}${m.id === selectedId ? " lw-sel" : ""}${isAdded ? " lw-chat-added" : ""}`,
      role: "listitem", tabindex: "0", "data-id": m.id, "data-role": m.role,
      "aria-selected": String(m.id === selectedId),
      onclick: (e) => { if (!editing && !e.target.closest("button")) select(m.id); },
      onkeydown: (e) => {
        if (editing) return;
        if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) { e.preventDefault(); e.stopPropagation(); select(m.id); }
      },
    }, [
      h("div", { class: "lw-chat-head" }, [h("span", { class: "lw-chat-who", text: m.role }),
        origin ? h("span", { class: "lw-chat-origin", text: origin }) : null, ...tools]),
      body,
    ]);
    if (editor) {
      editor.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); e.stopPropagation(); finishEdit(m.id, editor.value); }
        else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); editingId = null; redraw(); }
      });
      queueMicrotask(() => editor.focus());
    }
    return node;
  }

  const redraw = () => draw(task.payload(), task.value());

  function select(id) {
    selectedId = selectedId === id ? null : id;
    problem = "";
    redraw();
  }

  function put(next) {
    problem = "";
    task.edit({ ...task.value(), [name]: next.length ? next : null });
  }

  function addTyped() {
    const text = field.value;
    if (!text.trim()) return;
    const role = roles().length > 1 ? roleSelect.value : roles()[0];
    const message = { id: newId(), role, content: text, createdAt: Date.now(), origin: "manual" };
    field.value = "";
    put([...added, message]);
    field.focus();
  }

  function startEdit(id) { editingId = id; redraw(); }

  function finishEdit(id, text) {
    editingId = null;
    put(added.map((m) => (m.id === id && m.content !== text
      ? { ...m, content: text, origin: m.origin === "model" || m.origin === "model-changed" ? "model-changed" : m.origin }
      : m)));
  }

  function remove(id) {
    if (selectedId === id) selectedId = null;
    put(added.filter((m) => m.id !== id));
  }

  function askModel() {
    if (waiting !== null || !task.task()) return;
    waiting = task.task();
    problem = "";
    redraw();
    tell({ type: "reply", task: waiting });
  }
  /** @param {ToPython} msg */
  function tell(msg) {
    model.send(msg);
  }

  model.on("msg:custom", (/** @type {FromPython} */ msg) => {
    if (!msg || msg.type !== "reply_done") return;
    waiting = null;
    problem = msg.error || "";
    redraw();
  });

  field.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      addTyped();
    }
  });

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    // (keys reach views through the toolbar, wherever focus is in the annotator)
    hotkey(key) {
      if (selectedId === null || editingId !== null) return false;
      if (key === "escape") {
        selectedId = null;
        redraw();
        return true;
      }
      const mine = added.find((m) => m.id === selectedId);
      if ((key === "delete" || key === "backspace") && mine) {
        remove(mine.id);
        return true;
      }
      return false;
    },
    missing() {
      const count = all().length;
      if (data.error) return [];
      if (!count) return [`${name}: the conversation is empty (write a message, or skip the task)`];
      return data.min && count < data.min ? [`${name}: needs at least ${data.min} messages (has ${count})`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
