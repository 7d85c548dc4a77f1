// Shows a task's image (display only; regions have their own module). Mirrors
// labelwidget/widgets/image.py.
import { bindTask, h } from "./_task_widget.js";

function render({ model, el }) {
  const root = h("div", { class: "lw-object lw-image", "data-object": model.get("name") });
  el.append(root);
  const task = bindTask(model, el, {
    render(payload) {
      root.replaceChildren();
      if (!payload) return root.append(h("span", { text: "…" }));
      if (payload.data.error) return root.append(h("div", { class: "lw-message lw-error", text: payload.data.error }));
      root.append(h("img", { src: payload.data.src, alt: model.get("name"), style: { maxWidth: "100%" } }));
    },
  });
  return () => task.dispose();
}

export default { render };
