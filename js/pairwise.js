// Pairwise: which of two objects wins; mirrors labelwidget/widgets/pairwise.py.
// Value: {[name]: "left"} or {[name]: "right"}; clicking the chosen side again clears it.
import { bindTask, h } from "./_task_widget.js";
import { isEmpty } from "./_control_values.js";

const SIDES = ["left", "right"];

function render({ model, el }) {
  const name = model.get("name");
  const objects = { left: model.get("left"), right: model.get("right") };
  let chosen = null;

  const buttons = SIDES.map((side) => h("button", {
    type: "button",
    class: `lw-option lw-pairwise-${side}`,
    role: "radio",
    "data-value": side,
    title: objects[side] ? `${side}: ${objects[side]}` : side,
    onclick: () => task.edit({ ...task.value(), [name]: chosen === side ? null : side }),
  }, [
    side === "left" ? "◀ " : null,
    h("span", { class: "lw-option-label", text: side }),
    objects[side] ? h("span", { class: "lw-muted", text: ` (${objects[side]})` }) : null,
    side === "right" ? " ▶" : null,
  ]));
  const root = h("div", { class: "lw-pairwise", role: "radiogroup", "aria-label": name, "data-control": name }, buttons);
  el.append(root);

  function draw(payload, value) {
    chosen = SIDES.includes(value[name]) ? value[name] : null;
    buttons.forEach((button, i) => {
      const on = SIDES[i] === chosen;
      button.classList.toggle("lw-on", on);
      button.setAttribute("aria-checked", String(on));
    });
  }

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    missing(value) {
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `choose left or right for ${name}`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
