// @ts-check
// Shows a task's image (display only; regions have their own module). Mirrors
// labelwidget/widgets/image.py.
import { bindTask, h } from "./_task_widget.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of ImageWidget (labelwidget/widgets/image.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const root = h("div", { class: "lw-object lw-image", "data-object": model.get("name") });
  el.append(root);
  let broken = null;
  const task = bindTask(model, el, {
    render(payload) {
      root.replaceChildren();
      if (!payload) return root.append(h("span", { text: "…" }));
      if (payload.data.error) return root.append(h("div", { class: "lw-message lw-error", text: payload.data.error }));
      broken = null;
      const img = h("img", { src: payload.data.src, alt: model.get("name"), style: { maxWidth: "100%" } });
      img.addEventListener("error", () => {
        broken = "the browser could not load it";
        root.append(h("div", { class: "lw-message lw-error", text: `the image cannot be shown: ${broken}` }));
      });
      root.append(img);
    },
    // Nobody saw the image: the task cannot be submitted as done (skip it instead).
    missing(value, payload) {
      const problem = (payload && payload.data.error) || broken;
      return problem ? [`the image cannot be shown (${problem}); skip this task instead`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
