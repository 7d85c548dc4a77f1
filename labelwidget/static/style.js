// Generated from js/ by `npm run build`: edit the sources, not this file.

// js/style.js
function render({ model, el }) {
  el.classList.add("lw-style");
  const style = document.createElement("style");
  const draw = () => style.textContent = model.get("css");
  draw();
  el.append(style);
  model.on("change:css", draw);
  return () => model.off("change:css", draw);
}
var style_default = { render };
export {
  style_default as default
};
