// Task text: plain text (always as text, whitespace kept), sanitized HTML (cleaned in Python
// with nh3 before it is sent), or a header. Mirrors labelwidget/widgets/text.py.
import { bindTask, h } from "./_task_widget.js";

function render({ model, el }) {
  const kind = model.get("kind");
  const root = h(kind === "header" ? "h4" : "div", {
    class: `lw-object lw-${kind}`,
    "data-object": model.get("name"),
  });
  el.append(root);
  const task = bindTask(model, el, {
    render(payload) {
      if (!payload) {
        root.textContent = "…";
        return;
      }
      if (kind === "html") root.innerHTML = payload.data.html; // sanitized by Python (nh3)
      else if (payload.data.paragraphs) root.replaceChildren(...payload.data.paragraphs.map((text) => h("p", { class: "lw-paragraph", text })));
      else root.textContent = payload.data.text;
    },
  });
  return () => task.dispose();
}

export default { render };
