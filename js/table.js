// @ts-check
// Label Studio's <Table>: a task's dict as key/value rows, as text (never HTML). Mirrors
// labelwidget/widgets/table.py.
import { bindTask, h } from "./_task_widget.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of TableWidget (labelwidget/widgets/table.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const body = h("tbody");
  const note = h("div", { class: "lw-note", role: "status" });
  const root = h("div", { class: "lw-object lw-table", "data-object": model.get("name") }, [
    h("table", { class: "lw-kv" }, [
      h("thead", {}, [h("tr", {}, [h("th", { text: "Name" }), h("th", { text: "Value" })])]),
      body,
    ]),
    note,
  ]);
  el.append(root);
  const task = bindTask(model, el, {
    /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").TableData> | null} payload */
    render(payload) {
      const data = (payload && payload.data) || {};
      root.classList.toggle("lw-table-bad", Boolean(data.error));
      note.className = data.error ? "lw-note lw-error" : "lw-note";
      note.textContent = data.error ? `${data.error} — skip this task, or fix the data` : "";
      body.replaceChildren(...(data.rows || []).map(([key, value]) => h("tr", {}, [
        h("th", { scope: "row", text: key }),
        h("td", { text: value }),
      ])));
    },
    missing: (value, payload) => (payload && payload.data && payload.data.error ? [payload.data.error] : []),
  });
  return () => task.dispose();
}

export default { render };
