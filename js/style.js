// @ts-check
// The config's CSS, scoped to one Annotator and sanitized in Python (compile/styles.py); mirrors
// labelwidget/widgets/style.py. Set as text, never parsed as HTML; the view takes no room
// (display: none from its Python layout).
/**
 * Synced traits of StyleWidget (labelwidget/widgets/style.py).
 * @typedef {Object} Traits
 * @property {string} css
 */

/** @param {import("@anywidget/types").RenderProps<Traits>} props */
function render({ model, el }) {
  el.classList.add("lw-style");
  const style = document.createElement("style");
  const draw = () => (style.textContent = model.get("css"));
  draw();
  el.append(style);
  model.on("change:css", draw);
  return () => model.off("change:css", draw);
}

export default { render };
