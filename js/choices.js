// @ts-check
// Choices: buttons (single, multiple) or radios (single-radio), or a select; mirrors
// labelwidget/widgets/choices.py. Value: {[name]: "A"} or {[name]: ["A", "B"]}; with
// allow_nested each choice is its path: {[name]: ["A", "A1"]} or {[name]: [["A", "A1"], ["B"]]}.
import { keyLabel } from "./_keys.js";
import { bindTask, h } from "./_task_widget.js";

// Every option of a nested tree, depth first, with its path and depth (a parent is choosable).
function flattenTree(nodes, prefix = [], depth = 0, out = []) {
  for (const node of nodes || []) {
    const path = prefix.concat([node.value]);
    out.push({ value: path, key: JSON.stringify(path), label: node.label ?? node.value, depth });
    flattenTree(node.children, path, depth + 1, out);
  }
  return out;
}


/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of ChoicesWidget (labelwidget/widgets/choices.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {import("./_contract.js").OptionSpec[]} options
 * @property {"single" | "single-radio" | "multiple"} choice
 * @property {"vertical" | "inline" | "select"} show_as
 * @property {boolean} required
 * @property {string} required_message
 * @property {boolean} allow_nested
 */

/**
 * An option as drawn: `key` compares it (the value, or the path as JSON when nested).
 * @typedef {{value: any, key: string, label: string, depth?: number, background?: string, hotkey?: string}} ShownOption
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const root = h("div", { class: "lw-choices", "data-control": name });
  el.append(root);

  const nested = () => model.get("allow_nested");
  // Options are compared by key: the value itself, or the path as JSON when nested.
  const keyOf = (v) => (nested() ? JSON.stringify(v) : v);
  /** @returns {ShownOption[]} */
  const optionsOf = (payload) => {
    const data = (payload && payload.data) || {};
    if (nested()) {
      const own = model.get("options").map((o) => ({ ...o, value: [o.value], key: JSON.stringify([o.value]), depth: 0 }));
      return own.concat(flattenTree(data.tree));
    }
    const extra = data.options || [];
    return model.get("options").concat(extra.map((v) => ({ value: v, label: v }))).map((o) => ({ ...o, key: o.value }));
  };
  const multiple = () => model.get("choice") === "multiple";
  const selected = (value) => {
    const v = value[name];
    if (v === undefined || v === null) return [];
    if (nested()) return multiple() ? v : [v];
    return Array.isArray(v) ? v : [v];
  };
  const chosenKeys = (value) => selected(value).map(keyOf);

  function toggle(option) {
    const now = selected(task.value());
    const on = now.some((x) => keyOf(x) === keyOf(option));
    let next;
    if (multiple()) {
      next = on ? now.filter((x) => keyOf(x) !== keyOf(option)) : now.concat([option]);
    } else {
      next = on && model.get("choice") === "single" ? null : option;
    }
    task.edit({ ...task.value(), [name]: next });
  }

  /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").ChoicesData> | null} payload @param {Record<string, any>} value */
  function draw(payload, value) {
    root.replaceChildren();
    const chosen = chosenKeys(value);
    const options = optionsOf(payload);
    root.classList.toggle("lw-inline", model.get("show_as") === "inline");
    if (model.get("show_as") === "select") {
      const select = h("select", {
        class: "lw-select",
        multiple: multiple(),
        onchange: () => {
          const byKey = new Map(options.map((o) => /** @type {[string, any]} */ ([o.key, o.value])));
          const picked = [...select.selectedOptions].map((o) => o.value).filter((v) => v !== "").map((k) => byKey.get(k));
          task.edit({ ...task.value(), [name]: multiple() ? picked : picked[0] ?? null }, { render: false });
        },
      });
      if (!multiple()) select.append(h("option", { value: "", text: "—" }));
      for (const o of options) select.append(h("option", { value: o.key, selected: chosen.includes(o.key), text: `${"\u00a0\u00a0".repeat(o.depth || 0)}${o.label}` }));
      root.append(select);
      return;
    }
    const radio = model.get("choice") === "single-radio";
    for (const o of options) {
      const on = chosen.includes(o.key);
      const button = h(
        "button",
        {
          type: "button",
          class: `lw-option${on ? " lw-on" : ""}`,
          role: multiple() ? "checkbox" : "radio",
          "aria-checked": String(on),
          "data-value": o.key,
          "data-depth": o.depth ? String(o.depth) : undefined,
          style: {
            ...(o.background ? { "--lw-accent": o.background } : {}),
            ...(o.depth ? { marginLeft: `${o.depth * 1.5}em` } : {}),
          },
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
