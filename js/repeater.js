// @ts-check
// The pager of a <Repeater>: "‹ item 2 of 5 ›"; mirrors labelwidget/widgets/repeater.py.
// Paging is drawn here at once (the widgets inside follow the `page` event, no kernel round
// trip); Python learns the item shown through `index`, and sets it to page from Python.
import { bindTask, emit, h, listen } from "./_task_widget.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of RepeaterWidget (labelwidget/widgets/repeater.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {string} repeater
 * @property {string} on
 * @property {number} index
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const group = model.get("group");
  const key = model.get("repeater");
  const root = h("div", { class: "lw-repeater-pager", "data-repeater": key });
  el.append(root);
  let index = 0;
  let count = 0;
  let task = null;

  function go(next, { fromPython = false } = {}) {
    if (!task) return;
    const to = Math.max(0, Math.min(next, Math.max(count - 1, 0)));
    index = to;
    draw();
    emit(group, { type: "page", repeater: key, task: task.task(), index: to });
    if (!fromPython && model.get("index") !== to) {
      model.set("index", to);
      model.save_changes();
    }
  }

  function draw() {
    const button = (text, to, label) => h("button", {
      type: "button", class: "lw-button lw-repeater-step", text, "aria-label": label,
      disabled: to < 0 || to >= count, onclick: () => go(to),
    });
    const on = model.get("on");
    root.replaceChildren(
      button("‹", index - 1, "previous item"),
      h("span", { class: "lw-repeater-where", text: count ? `item ${index + 1} of ${count}${on ? ` (${on})` : ""}` : `no items${on ? ` in ${on}` : ""}` }),
      button("›", index + 1, "next item"),
    );
  }

  let shownTask = null;
  task = bindTask(model, el, {
    render(payload) {
      count = (payload && payload.data && payload.data.count) || 0;
      const now = task ? task.task() : model.get("task");
      if (now !== shownTask) {
        // A new task starts at its first item (the widgets inside do the same).
        shownTask = now;
        index = 0;
        if (model.get("index") !== 0) {
          model.set("index", 0);
          model.save_changes();
        }
      }
      if (index >= count) index = Math.max(count - 1, 0);
      draw();
    },
  });
  const onIndex = () => {
    const want = model.get("index");
    if (want !== index) go(want, { fromPython: true });
  };
  model.on("change:index", onIndex);
  // PageUp / PageDown page through the items while focus is in the annotator.
  const off = listen(group, (msg) => {
    if (msg.type !== "hotkey" || msg.handled || !count) return;
    if (msg.key === "pagedown" && index + 1 < count) { go(index + 1); msg.handled = true; }
    if (msg.key === "pageup" && index > 0) { go(index - 1); msg.handled = true; }
  });
  return () => {
    off();
    model.off("change:index", onIndex);
    task.dispose();
  };
}

export default { render };
