// @ts-check
// TextArea: free text, as Label Studio's TextArea; mirrors labelwidget/widgets/text_area.py.
// Value: {[name]: "text"}, or with max_submissions > 1 {[name]: ["entry", ...]}.
// As in Label Studio, what is typed becomes a kept entry with Enter in a one-line field and with
// Shift+Enter in a multi-line one (Enter starts a new line there), or with "Add"; kept entries
// are listed under the field, each removable with ×, and the field goes away once
// max_submissions entries are kept. The text being typed counts as the last entry until then,
// so nothing typed is lost on submit. Typing never re-renders the field (the caret stays put).
import { bindTask, h, same } from "./_task_widget.js";
import { addEntry, entriesCell, entriesOf, isEmpty } from "./_control_values.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of TextAreaWidget (labelwidget/widgets/text_area.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {number} rows
 * @property {string} placeholder
 * @property {number} max_submissions
 * @property {boolean} editable
 * @property {boolean} skip_duplicates
 * @property {boolean} submit_button
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const rows = Math.max(1, model.get("rows") || 1);
  const max = model.get("max_submissions") || 1;
  const several = max > 1;
  const addKey = rows > 1 ? "Shift+Enter" : "Enter";

  const field = (value, oninput, extra = {}) => {
    const node = rows > 1
      ? h("textarea", { rows, class: "lw-text-field", oninput, ...extra })
      : h("input", { type: "text", class: "lw-text-field", oninput, ...extra });
    node.value = value;
    return node;
  };
  // Enter in a one-line field, Shift+Enter in a multi-line one (Label Studio's keys).
  const isAddKey = (event) => event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey
    && (rows > 1 ? event.shiftKey : !event.shiftKey);

  const root = h("div", { class: `lw-textarea${several ? " lw-several" : ""}`, "data-control": name });
  const list = h("ol", { class: "lw-entries" });
  const note = h("div", { class: "lw-note", role: "status" });
  let entries = []; // kept entries of the shown task
  let splitTask = null; // task whose entries/draft split is current

  const cell = (draft) => entriesCell(draft ? entries.concat([draft]) : entries, several);
  const say = (text) => (note.textContent = text);

  const draftField = field("", () => {
    say("");
    task.edit({ ...task.value(), [name]: cell(draftField.value) }, { render: false });
  }, {
    placeholder: model.get("placeholder") || undefined,
    "aria-label": name,
    title: `${addKey} adds the text${rows > 1 ? "; Enter starts a new line" : ""}`,
    onkeydown: (event) => {
      if (!isAddKey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      add();
    },
  });
  const addButton = h("button", {
    type: "button", class: "lw-button lw-add", text: "Add", title: `Add the text (${addKey})`, onclick: () => add(),
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
    // The field goes away when full: keep the keyboard in the widget (the last entry's field
    // when it can be edited, else the Annotator), so the next key still acts here.
    const next = input.hidden ? /** @type {HTMLElement | null} */ (list.querySelector(".lw-entry:last-child .lw-text-field")) : draftField;
    const target = next || el.closest(".lw-annotator");
    if (target) target.focus({ preventScroll: true });
  }

  function update(i, text) {
    entries = entries.map((e, j) => (j === i ? text : e));
    task.edit({ ...task.value(), [name]: cell(draftField.value) }, { render: false });
  }

  function remove(i) {
    entries = entries.filter((_, j) => j !== i);
    task.edit({ ...task.value(), [name]: cell(draftField.value) });
  }

  function drawEntries() {
    const editable = model.get("editable");
    list.replaceChildren(...entries.map((text, i) => h("li", { class: "lw-entry" }, [
      editable
        ? field(text, (event) => update(i, event.target.value), {
          "aria-label": `${name} entry ${i + 1}`,
          onblur: (event) => { if (event.target.isConnected && entries[i] === "") remove(i); },
        })
        : h("span", { class: "lw-entry-text", text }),
      h("button", {
        type: "button", class: "lw-remove", title: "Remove", "aria-label": `remove entry ${i + 1}`,
        text: "×", onclick: () => remove(i),
      }),
    ])));
    input.hidden = entries.length >= max; // as in Label Studio: no field once the entries are all kept
  }

  function draw(payload, value) {
    const v = value[name];
    // Keep the split between kept entries and the draft when the value is still theirs.
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
    },
  });
  return () => task.dispose();
}

export default { render };
