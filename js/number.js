// @ts-check
// Number: a number field, or a slider showing its number; mirrors labelwidget/widgets/number.py.
// Value: {[name]: 12.5}. An entry that is not a number or is out of min..max shows an inline
// message and is not sent; until it is fixed it also blocks submit (the `missing` hook).
import { bindTask, h } from "./_task_widget.js";
import { isEmpty, readNumber } from "./_control_values.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of NumberWidget (labelwidget/widgets/number.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {number | null} min
 * @property {number | null} max
 * @property {number} step
 * @property {boolean} slider
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const min = model.get("min");
  const max = model.get("max");
  const step = model.get("step");
  const slider = model.get("slider");
  let invalid = null;

  const input = h("input", {
    type: slider ? "range" : "number",
    class: slider ? "lw-slider" : "lw-number-field",
    min: min ?? undefined,
    max: max ?? undefined,
    step: step || "any",
    "aria-label": name,
    oninput: onInput,
    onchange: onInput,
  });
  const shown = h("output", { class: "lw-number-value" });
  const clear = h("button", {
    type: "button", class: "lw-remove", title: "Clear", "aria-label": `clear ${name}`, text: "×",
    onclick: () => task.edit({ ...task.value(), [name]: null }),
  });
  const note = h("div", { class: "lw-note lw-error", role: "status" });
  const root = h("div", { class: `lw-number${slider ? " lw-with-slider" : ""}`, "data-control": name }, [
    h("div", { class: "lw-number-row" }, slider ? [input, shown, clear] : [input]),
    note,
  ]);
  el.append(root);

  function showError(message) {
    invalid = message;
    note.textContent = message ? `${message} (not saved)` : "";
    root.classList.toggle("lw-invalid", Boolean(message));
  }

  function onInput() {
    const result = readNumber(input.value, { min, max, bad: !slider && input.validity.badInput });
    if (result.error) {
      showError(result.error);
      return;
    }
    showError(null);
    if (slider) drawSlider(result.value);
    if (result.value !== (task.value()[name] ?? null)) {
      task.edit({ ...task.value(), [name]: result.value }, { render: false });
    }
  }

  function drawSlider(v) {
    root.classList.toggle("lw-unset", v === null);
    shown.textContent = v === null ? "—" : String(v);
    clear.disabled = v === null;
  }

  function draw(payload, value) {
    showError(null);
    const v = isEmpty(value[name]) ? null : Number(value[name]);
    if (slider) {
      input.value = v === null ? String(min ?? 0) : String(v);
      drawSlider(v);
      return;
    }
    // An unchanged field keeps what is typed (and its caret); anything else is replaced.
    const typed = readNumber(input.value, { bad: input.validity.badInput });
    if (typed.error || (typed.value ?? null) !== v) input.value = v === null ? "" : String(v);
  }

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    missing(value) {
      if (invalid) return [`${name}: ${invalid}`];
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `enter ${name}`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
