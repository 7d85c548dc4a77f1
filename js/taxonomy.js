// @ts-check
// Taxonomy: pick paths in a tree of nested choices; mirrors labelwidget/widgets/taxonomy.py.
// Value: {[name]: [["Eukarya", "Human"], ...]} (stored values, i.e. aliases where given).
// Chosen paths show as chips; the tree opens below with expandable branches and a search box.
import { bindTask, h } from "./_task_widget.js";
import { filterTree, indexTree, isEmpty, pathKey, pathsOf, togglePath } from "./_control_values.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of TaxonomyWidget (labelwidget/widgets/taxonomy.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {import("./_contract.js").TaxonomyNode[]} tree
 * @property {boolean} leafs_only
 * @property {number | null} max_usages
 * @property {boolean} show_full_path
 * @property {string} path_separator
 * @property {string} placeholder
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const tree = model.get("tree") || [];
  const index = indexTree(tree);
  const leafsOnly = model.get("leafs_only");
  const maxUsages = model.get("max_usages") || null;
  const separator = model.get("path_separator") || " / ";
  const expanded = new Set();
  let open = false;
  let paths = [];

  const chosen = h("div", { class: "lw-tax-chosen" });
  const toggle = h("button", {
    type: "button",
    class: "lw-button lw-tax-toggle",
    "aria-expanded": "false",
    onclick: () => {
      open = !open;
      drawPanel();
    },
  });
  const search = h("input", {
    type: "search", class: "lw-tax-search", placeholder: "Search", "aria-label": `search ${name}`,
    oninput: () => drawTree(),
  });
  const treeBox = h("ul", { class: "lw-tax-tree", role: "tree" });
  const panel = h("div", { class: "lw-tax-panel", hidden: true }, [search, treeBox]);
  const note = h("div", { class: "lw-note", role: "status" });
  const root = h("div", { class: "lw-taxonomy", "data-control": name }, [chosen, toggle, panel, note]);
  el.append(root);

  const labelOf = (path) => {
    const entry = index.get(pathKey(path));
    const labels = entry ? entry.labels : path;
    return model.get("show_full_path") ? labels.join(separator) : labels[labels.length - 1];
  };

  function choose(path, leaf) {
    const result = togglePath(paths, path, { leaf, leafsOnly, maxUsages });
    if (result.error) {
      note.textContent = result.error;
      return;
    }
    note.textContent = "";
    task.edit({ ...task.value(), [name]: result.paths.length ? result.paths : null });
  }

  function drawChosen() {
    chosen.replaceChildren(...paths.map((path) => h("span", {
      class: `lw-chip${index.has(pathKey(path)) ? "" : " lw-unknown"}`,
      title: (index.get(pathKey(path))?.labels || path).join(separator),
      "data-path": pathKey(path),
    }, [
      h("span", { text: labelOf(path) }),
      h("button", {
        type: "button", class: "lw-remove", "aria-label": `remove ${labelOf(path)}`, text: "×",
        onclick: () => choose(path, true),
      }),
    ])));
  }

  function drawPanel() {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = `${model.get("placeholder") || "Choose"} ${open ? "▴" : "▾"}`;
    if (open) drawTree();
  }

  function drawTree() {
    const keep = filterTree(index, search.value);
    const focused = document.activeElement && treeBox.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-key") : null;
    const chosenKeys = new Set(paths.map(pathKey));
    const full = maxUsages && maxUsages > 1 && paths.length >= maxUsages;

    const branch = (nodes, prefix) => nodes.flatMap((node) => {
      const path = prefix.concat([node.value]);
      const key = pathKey(path);
      if (keep && !keep.has(key)) return [];
      const children = node.children || [];
      const leaf = children.length === 0;
      const isOpen = keep ? true : expanded.has(key);
      const on = chosenKeys.has(key);
      const pickable = !(leafsOnly && !leaf);
      const caret = leaf
        ? h("span", { class: "lw-tax-caret" })
        : h("button", {
          type: "button", class: "lw-tax-caret", "data-key": `caret:${key}`,
          "aria-label": `${isOpen ? "collapse" : "expand"} ${node.label}`, text: isOpen ? "▾" : "▸",
          onclick: () => {
            if (expanded.has(key)) expanded.delete(key);
            else expanded.add(key);
            drawTree();
          },
        });
      const box = pickable
        ? h("input", {
          type: "checkbox", checked: on, disabled: Boolean(full && !on), "data-key": key,
          onchange: () => choose(path, leaf),
        })
        : null;
      const label = pickable
        ? h("label", { class: "lw-tax-label" }, [box, h("span", { text: node.label })])
        : h("span", { class: "lw-tax-label lw-tax-branch", text: node.label, title: "choose a more specific option" });
      return [h("li", {
        role: "treeitem",
        "aria-expanded": leaf ? undefined : String(isOpen),
        "aria-selected": String(on),
        class: on ? "lw-on" : undefined,
      }, [
        h("div", { class: "lw-tax-row" }, [caret, label]),
        !leaf && isOpen ? h("ul", { role: "group" }, branch(children, path)) : null,
      ])];
    });

    treeBox.replaceChildren(...branch(tree, []));
    if (keep && keep.size === 0) treeBox.append(h("li", { class: "lw-muted", text: "no match" }));
    if (focused) {
      const again = [.../** @type {NodeListOf<HTMLElement>} */ (treeBox.querySelectorAll("[data-key]"))].find((n) => n.getAttribute("data-key") === focused);
      if (again) again.focus();
    }
  }

  let drawnTask = null;
  function draw(payload, value) {
    const shownTask = task ? task.task() : model.get("task");
    if (shownTask !== drawnTask) {
      // Each task starts closed with an empty search, as in Label Studio: the last task's
      // search text and open tree would hide options of this one.
      drawnTask = shownTask;
      open = false;
      search.value = "";
      expanded.clear();
      note.textContent = "";
    }
    paths = pathsOf(value[name]);
    drawChosen();
    drawPanel();
  }

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    missing(value) {
      return model.get("required") && isEmpty(pathsOf(value[name])) ? [model.get("required_message") || `choose ${name}`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
