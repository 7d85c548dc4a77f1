// @ts-check
// Ranker on a List: order items, or sort them into buckets; mirrors labelwidget/widgets/ranker.py.
// Value: {[name]: {column: [item ids]}} (Label Studio's value.ranker). Columns are the Ranker's
// own (a ranking) or its buckets, with "_" (the list) first when no bucket is the default.
//
// Every move has a key, on the focused item (Tab or click focuses one): ↑/↓ focus the item
// above/below; Alt+↑/↓ (or Ctrl+↑/↓) move it up/down; Alt+←/→ move it to the previous/next
// column; Alt+1..9 move it to that column; Alt+Home/End to the top/bottom of its column.
// The drag is drawn here at frame rate; Python gets the finished arrangement.
import { bindTask, h, listen } from "./_task_widget.js";
import { arrange, moveItem } from "./_ranking.js";

const DRAG_START_PX = 4;

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of RankerWidget (labelwidget/widgets/ranker.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {string} list_name
 * @property {string} title
 * @property {import("./_contract.js").RankerColumn[]} columns
 * @property {string} default_column
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const ranked = Boolean(name);
  const title = model.get("title");
  const columnsOf = () => (ranked ? model.get("columns") : [{ name: "_", title: "" }]);
  const home = ranked ? model.get("default_column") : "_";
  const group = model.get("group");

  const board = h("div", { class: "lw-rk-board" });
  const note = h("div", { class: "lw-note", role: "status" });
  const root = h("div", {
    class: `lw-ranker${ranked ? "" : " lw-rk-readonly"}`, "data-control": name || undefined,
    "data-list": model.get("list_name"),
  }, [
    // (the list's column, when it is one of several, carries the title itself)
    title && !(ranked && home === "_") ? h("div", { class: "lw-rk-list-title", text: title }) : null,
    board, note,
  ]);
  el.append(root);

  let items = [];
  let byId = new Map();
  let shown = {}; // column -> ids, as drawn
  let task = null;

  /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").RankerData> | null} payload @param {Record<string, any>} value */
  function draw(payload, value) {
    const data = (payload && payload.data) || {};
    items = data.items || [];
    byId = new Map(items.map((i) => [i.id, i]));
    root.classList.toggle("lw-rk-bad", Boolean(data.error));
    note.className = data.error ? "lw-note lw-error" : "lw-note";
    note.textContent = data.error ? `${data.error} — this task cannot be ranked; skip it, or fix the data` : "";
    const columns = columnsOf();
    shown = arrange(ranked ? value[name] : null, items, columns, home);
    const focusedId = root.contains(document.activeElement) ? document.activeElement.getAttribute("data-id") : null;
    board.replaceChildren(...columns.map((c, n) => h("div", {
      class: "htx-ranker-column lw-rk-column", "data-column": c.name,
    }, [
      columns.length > 1 || c.title
        ? h("div", { class: "lw-rk-title", text: `${c.title || title || "Items"}${columns.length > 1 && ranked ? `  (Alt+${n + 1})` : ""}` })
        : null,
      h("ol", { class: "lw-rk-items", "aria-label": c.title || title || name || "items" },
        shown[c.name].map((id, i) => itemNode(id, c.name, i))),
    ])));
    if (focusedId) focusItem(focusedId);
  }

  function itemNode(id, column, index) {
    const item = byId.get(id) || { id, title: id, body: "", html: "" };
    const content = [];
    if (item.title) content.push(h("div", { class: "lw-rk-item-title", text: item.title }));
    if (item.body) content.push(h("div", { class: "lw-rk-item-body", text: item.body }));
    if (item.html) {
      const box = h("div", { class: "lw-rk-item-html" });
      box.innerHTML = item.html; // sanitized by Python (nh3) before it was sent
      content.push(box);
    }
    if (!content.length) content.push(h("div", { class: "lw-rk-item-title", text: id }));
    return h("li", {
      class: "htx-ranker-item lw-rk-item", "data-id": id, "data-column": column,
      tabindex: "0", "aria-label": `${index + 1}. ${item.title || id}`,
    }, [ranked && home === name ? h("span", { class: "lw-rk-rank", text: String(index + 1) }) : null,
      h("div", { class: "lw-rk-content" }, content)]);
  }

  function itemEl(id) {
    return [.../** @type {NodeListOf<HTMLElement>} */ (board.querySelectorAll(".lw-rk-item"))].find((n) => n.getAttribute("data-id") === id) || null;
  }

  function focusItem(id) {
    const node = itemEl(id);
    if (node) node.focus({ preventScroll: false });
  }

  function place(id, column, index) {
    const next = moveItem(shown, id, column, index);
    if (JSON.stringify(next) === JSON.stringify(shown)) return;
    task.edit({ ...task.value(), [name]: next });
    focusItem(id);
  }

  function where(id) {
    for (const [column, ids] of Object.entries(shown)) {
      const i = ids.indexOf(id);
      if (i >= 0) return { column, index: i };
    }
    return null;
  }

  // -- keys -----------------------------------------------------------------------------------
  root.addEventListener("keydown", (event) => {
    const target = /** @type {Element} */ (event.target);
    const node = target.closest && target.closest(".lw-rk-item");
    if (!node || !root.contains(node)) return;
    const id = node.getAttribute("data-id");
    const at = where(id);
    if (!at) return;
    const columns = columnsOf().map((c) => c.name);
    const col = columns.indexOf(at.column);
    const mod = event.altKey || event.ctrlKey || event.metaKey;
    const ids = shown[at.column];
    let done = true;
    if (!mod && !event.shiftKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      const next = ids[at.index + (event.key === "ArrowUp" ? -1 : 1)];
      if (next) focusItem(next);
    } else if (!ranked) {
      done = false;
    } else if (mod && event.key === "ArrowUp") {
      place(id, at.column, at.index - 1);
    } else if (mod && event.key === "ArrowDown") {
      place(id, at.column, at.index + 1);
    } else if (mod && event.key === "Home") {
      place(id, at.column, 0);
    } else if (mod && event.key === "End") {
      place(id, at.column, ids.length);
    } else if (event.altKey && (event.key === "ArrowLeft" || event.key === "ArrowRight") && columns.length > 1) {
      const to = columns[col + (event.key === "ArrowLeft" ? -1 : 1)];
      if (to) place(id, to, shown[to].length);
    } else if (event.altKey && /^Digit[1-9]$/.test(event.code) && columns.length > 1) {
      const to = columns[Number(event.code.slice(5)) - 1];
      if (to) place(id, to, shown[to].length);
    } else {
      done = false;
    }
    if (done) {
      event.preventDefault(); // Alt+← is the browser's "back"; ↑/↓ would scroll the notebook
      event.stopPropagation(); // not a toolbar key (→ is the next task)
    }
  });

  // -- drag -----------------------------------------------------------------------------------
  let drag = null; // {id, node, x0, y0, started, marker, target: {column, index}}

  function dropTarget(x, y) {
    // The dragged item is under the pointer: look through it.
    const hit = document.elementsFromPoint(x, y).find((n) => !drag.node.contains(n));
    const colNode = hit && hit.closest(".lw-rk-column");
    if (!colNode || !board.contains(colNode)) return null;
    const column = colNode.getAttribute("data-column");
    const others = [...colNode.querySelectorAll(".lw-rk-item")].filter((n) => n !== drag.node);
    let index = others.length;
    for (let i = 0; i < others.length; i++) {
      const r = others[i].getBoundingClientRect();
      if (y < r.top + r.height / 2) {
        index = i;
        break;
      }
    }
    return { column, index, colNode, before: others[index] || null };
  }

  board.addEventListener("pointerdown", (event) => {
    if (!ranked || event.button !== 0) return;
    const node = /** @type {Element} */ (event.target).closest(".lw-rk-item");
    if (!node) return;
    drag = { id: node.getAttribute("data-id"), node, x0: event.clientX, y0: event.clientY, started: false, marker: null, target: null };
    node.setPointerCapture(event.pointerId);
  });
  board.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x0;
    const dy = event.clientY - drag.y0;
    if (!drag.started) {
      if (Math.hypot(dx, dy) < DRAG_START_PX) return;
      drag.started = true;
      drag.node.classList.add("lw-rk-dragging");
      drag.marker = h("li", { class: "lw-rk-drop", "aria-hidden": "true" });
    }
    drag.node.style.transform = `translate(${dx}px, ${dy}px)`;
    const target = dropTarget(event.clientX, event.clientY);
    drag.target = target;
    if (target) {
      const list = target.colNode.querySelector(".lw-rk-items");
      list.insertBefore(drag.marker, target.before);
    } else if (drag.marker) {
      drag.marker.remove();
    }
  });
  function endDrag(event, cancelled) {
    if (!drag) return;
    const { id, node, started, target, marker } = drag;
    drag = null;
    if (node.hasPointerCapture && node.hasPointerCapture(event.pointerId)) node.releasePointerCapture(event.pointerId);
    node.classList.remove("lw-rk-dragging");
    node.style.transform = "";
    if (marker) marker.remove();
    if (!started) {
      node.focus(); // a click picks the item for the keys
      return;
    }
    if (!cancelled && target) place(id, target.column, target.index);
  }
  board.addEventListener("pointerup", (event) => endDrag(event, false));
  board.addEventListener("pointercancel", (event) => endDrag(event, true));

  task = bindTask(model, el, { render: draw });
  // Submitting a task with nothing moved records the arrangement shown, as Label Studio does
  // (its Ranker writes its result before sending). Registered after bindTask's own listener,
  // which fills the values first.
  const offCollect = ranked ? listen(group, (msg) => {
    if (msg.type !== "collect" || msg.task !== task.task()) return;
    const mine = msg.values[name];
    if (!mine || typeof mine !== "object" || !Object.keys(mine).length) {
      if (items.length) msg.values[name] = shown;
    }
  }) : () => {};
  return () => {
    offCollect();
    task.dispose();
  };
}

export default { render };
