// @ts-check
// Task text: plain text (always as text, whitespace kept), sanitized HTML (cleaned in Python
// with nh3 before it is sent), a header, or a dialogue's turns (<Paragraphs> without
// ParagraphLabels). Mirrors labelwidget/widgets/text.py.
import { bindTask, emptyCell, h } from "./_task_widget.js";
import { audioSync, dialogueNode, dialogueProblem } from "./_dialogue.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of TextWidget (labelwidget/widgets/text.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {"text" | "html" | "header" | "paragraphs"} kind
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const kind = model.get("kind");
  const root = h(kind === "header" ? "h4" : "div", {
    class: `lw-object lw-${kind}`,
    "data-object": model.get("name"),
  });
  el.append(root);
  let shown = null; // the task drawn: a new one starts scrolled to its top
  let task = null;
  let data = null; // the shown task's data (a synced dialogue follows its audio)
  const sync = kind === "paragraphs" ? audioSync(el, root, () => data) : null;
  task = bindTask(model, el, {
    /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").TextData> | null} payload */
    render(payload) {
      data = payload ? payload.data : null;
      if (!payload) {
        root.textContent = "…";
        return;
      }
      const empty = emptyCell(payload) || dialogueProblem(payload);
      if (empty) root.replaceChildren(h("span", { class: "lw-empty-cell", text: empty }));
      else if (kind === "paragraphs") root.replaceChildren(dialogueNode(payload.data.turns || [], payload.data.layout, Boolean(payload.data.sync)));
      else if (kind === "html") root.innerHTML = payload.data.html; // sanitized by Python (nh3)
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
    },
  });
  return () => {
    if (sync) sync.dispose();
    task.dispose();
  };
}

export default { render };
