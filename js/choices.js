// @ts-check
// Choices: buttons (single, multiple) or radios (single-radio), or a select; mirrors
// labelwidget/widgets/choices.py. Value: {[name]: "A"} or {[name]: ["A", "B"]}.
import { bindTask, h, keyLabel } from "./_task_widget.js";

function render({ model, el }) {
  const name = model.get("name");
  const root = h("div", { class: "lw-choices", "data-control": name });
  el.append(root);

  const optionsOf = (payload) => {
    const extra = (payload && payload.data && payload.data.options) || [];
    return model.get("options").concat(extra.map((v) => ({ value: v, label: v })));
  };
  const multiple = () => model.get("choice") === "multiple";
  const selected = (value) => {
    const v = value[name];
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
  };

  function toggle(option) {
    const now = selected(task.value());
    let next;
    if (multiple()) {
      next = now.includes(option) ? now.filter((x) => x !== option) : now.concat([option]);
    } else {
      next = now.includes(option) && model.get("choice") === "single" ? null : option;
    }
    task.edit({ ...task.value(), [name]: next });
  }

  function draw(payload, value) {
    root.replaceChildren();
    const chosen = selected(value);
    const options = optionsOf(payload);
    root.classList.toggle("lw-inline", model.get("show_as") === "inline");
    if (model.get("show_as") === "select") {
      const select = h("select", {
        class: "lw-select",
        multiple: multiple(),
        onchange: () => {
          const picked = [...select.selectedOptions].map((o) => o.value).filter((v) => v !== "");
          task.edit({ ...task.value(), [name]: multiple() ? picked : picked[0] ?? null }, { render: false });
        },
      });
      if (!multiple()) select.append(h("option", { value: "", text: "—" }));
      for (const o of options) select.append(h("option", { value: o.value, selected: chosen.includes(o.value), text: o.label }));
      root.append(select);
      return;
    }
    const radio = model.get("choice") === "single-radio";
    for (const o of options) {
      const on = chosen.includes(o.value);
      const button = h(
        "button",
        {
          type: "button",
          class: `lw-option${on ? " lw-on" : ""}`,
          role: multiple() ? "checkbox" : "radio",
          "aria-checked": String(on),
          "data-value": o.value,
          style: o.background ? { "--lw-accent": o.background } : undefined,
          onclick: () => toggle(o.value),
        },
        [
          h("span", { class: `lw-mark ${multiple() ? "lw-check" : radio ? "lw-radio" : "lw-dot"}` }),
          h("span", { class: "lw-option-label", text: o.label }),
          o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null,
        ],
      );
      root.append(button);
    }
  }

  const task = bindTask(model, el, {
    render: draw,
    hotkey(key, payload) {
      const option = optionsOf(payload).find((o) => o.hotkey && o.hotkey.toLowerCase() === key);
      if (!option) return false;
      toggle(option.value);
      return true;
    },
    missing(value) {
      const v = value[name];
      const empty = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
      return model.get("required") && empty ? [model.get("required_message") || `${name} is required`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
