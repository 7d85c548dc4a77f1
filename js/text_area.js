// TextArea: free text; mirrors labelwidget/widgets/text_area.py. Value: {[name]: "text"}, or
// with max_submissions > 1 {[name]: ["entry", ...]}: the text being typed counts as the last
// entry until Enter/"Add" makes it a kept entry (so nothing typed is lost on submit).
// Typing never re-renders the field (task.edit(..., {render: false})): the caret stays put.
import { bindTask, h, same } from "./_task_widget.js";
import { addEntry, entriesCell, entriesOf, isEmpty } from "./_control_values.js";

function render({ model, el }) {
  const name = model.get("name");
  const rows = Math.max(1, model.get("rows") || 1);
  const max = model.get("max_submissions") || 1;
  const several = max > 1;

  const field = (value, oninput, extra = {}) => {
    const node = rows > 1
      ? h("textarea", { rows, class: "lw-text-field", oninput, ...extra })
      : h("input", { type: "text", class: "lw-text-field", oninput, ...extra });
    node.value = value;
    return node;
  };

  const root = h("div", { class: `lw-textarea${several ? " lw-several" : ""}`, "data-control": name });
  const list = h("ol", { class: "lw-entries" });
  const note = h("div", { class: "lw-note", role: "status" });
  let entries = []; // kept entries of the shown task (several mode)
  let splitTask = null; // task whose entries/draft split is current

  const cell = (draft) => entriesCell(draft ? entries.concat([draft]) : entries, true);
  const say = (text) => (note.textContent = text);

  const draftField = field("", () => {
    say("");
    if (several) task.edit({ ...task.value(), [name]: cell(draftField.value) }, { render: false });
    else task.edit({ ...task.value(), [name]: draftField.value === "" ? null : draftField.value }, { render: false });
  }, {
    placeholder: model.get("placeholder") || undefined,
    "aria-label": name,
    onkeydown: (event) => {
      // Enter keeps the entry (Shift+Enter: a new line in a multi-line field).
      if (several && event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        add();
      }
    },
  });
  const addButton = h("button", { type: "button", class: "lw-button lw-add", text: "Add", onclick: () => add() });
  root.append(list, h("div", { class: "lw-text-input" }, several ? [draftField, addButton] : [draftField]), note);
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
    task.edit({ ...task.value(), [name]: entriesCell(entries, true) });
    draftField.focus();
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
    const full = entries.length >= max;
    draftField.disabled = full;
    addButton.disabled = full;
    draftField.placeholder = full ? `${max} entries: the most allowed` : model.get("placeholder") || "";
  }

  function draw(payload, value) {
    const v = value[name];
    if (!several) {
      const text = entriesOf(v).join("\n");
      if (draftField.value !== text) draftField.value = text; // an unchanged field keeps its caret
      return;
    }
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
