// @ts-check
// DateTime: the browser's date/time/month inputs (a number for a year); mirrors
// labelwidget/widgets/date_time.py. Value: {[name]: text in the tag's strftime `format`},
// converted from and to the input's own value by js/_strftime.js. A value outside min..max
// or an incomplete entry shows an inline message, is not sent, and blocks submit.
import { bindTask, h } from "./_task_widget.js";
import { isEmpty } from "./_control_values.js";
import { INPUT_TYPES, ISO, format, fromInput, hasSeconds, order, parse, toInput } from "./_strftime.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of DateTimeWidget (labelwidget/widgets/date_time.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {"datetime" | "date" | "time" | "month" | "year"} only
 * @property {string} format
 * @property {string} min
 * @property {string} max
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const only = model.get("only") || "datetime";
  const fmt = model.get("format");
  // Bounds arrive as ISO datetimes; they are compared with the value as Python compares them.
  const low = parse(model.get("min") || "", ISO);
  const high = parse(model.get("max") || "", ISO);
  let invalid = null;
  let broken = null; // a format the browser cannot write
  try {
    parse("", fmt);
  } catch (error) {
    broken = error.message;
  }
  const seconds = !broken && hasSeconds(fmt);

  const input = h("input", {
    type: INPUT_TYPES[only] || INPUT_TYPES.datetime,
    class: "lw-date-field",
    "aria-label": name,
    title: `stored as ${fmt}`,
    oninput: onInput,
    onchange: onInput,
    disabled: Boolean(broken),
  });
  if (only === "year") {
    input.step = "1";
    input.placeholder = "YYYY";
  } else if (seconds) input.step = "1";
  if (low) input.min = toInput(model.get("min"), ISO, only, seconds);
  if (high) input.max = toInput(model.get("max"), ISO, only, seconds);
  if (only === "year") {
    input.min = input.min || "1";
    input.max = input.max || "9999";
  }
  const clear = h("button", {
    type: "button", class: "lw-remove", title: "Clear", "aria-label": `clear ${name}`, text: "×",
    onclick: () => {
      input.value = "";
      showError(null);
      task.edit({ ...task.value(), [name]: null });
    },
  });
  const note = h("div", { class: "lw-note lw-error", role: "status" });
  const root = h("div", { class: "lw-datetime", "data-control": name }, [
    h("div", { class: "lw-number-row" }, [input, clear]),
    note,
  ]);
  el.append(root);

  function showError(message, { quiet = false } = {}) {
    invalid = message;
    note.textContent = broken || (message && !quiet ? `${message} (not saved)` : "");
    root.classList.toggle("lw-invalid", Boolean(message || broken));
  }

  // The tag's text for what the input holds: {value} or {error}.
  function read() {
    if (input.value === "") {
      return input.validity.badInput ? { error: "incomplete date/time", incomplete: true } : { value: null };
    }
    const text = fromInput(input.value, fmt, only);
    if (text === null) return { error: `${input.value} is not a valid ${only}` };
    const moment = parse(text, fmt);
    if (low && order(moment) < order(low)) return { error: `${text} is before ${format(low, fmt)}` };
    if (high && order(moment) > order(high)) return { error: `${text} is after ${format(high, fmt)}` };
    return { value: text };
  }

  function onInput(event) {
    if (broken) return;
    const result = read();
    if (result.error) {
      // Half-typed dates are normal while typing: say so once the field is left.
      showError(result.error, { quiet: result.incomplete && event.type === "input" });
      return;
    }
    showError(null);
    if (result.value !== (task.value()[name] ?? null)) {
      task.edit({ ...task.value(), [name]: result.value }, { render: false });
    }
  }

  function draw(payload, value) {
    showError(null);
    if (broken) return;
    const v = isEmpty(value[name]) ? null : String(value[name]);
    const want = v === null ? "" : toInput(v, fmt, only);
    if (v !== null && want === "") note.textContent = `${v} does not match the format ${fmt}`;
    if (input.value !== want || input.validity.badInput) input.value = want;
  }

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    missing(value) {
      if (broken) return [`${name}: ${broken}`];
      if (invalid) return [`${name}: ${invalid}`];
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `enter ${name}`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
