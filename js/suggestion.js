// Marks pre-filled values as a model's suggestion (model version, score), switches between
// several predictions without the kernel, and says when an edit made them the user's own.
// Mirrors labelwidget/widgets/suggestion.py.
import { bindTask, emit, h, listen } from "./_task_widget.js";

function fmt(score) {
  return typeof score === "number" ? score.toFixed(2) : "n/a";
}

function render({ model, el }) {
  const group = model.get("group");
  const root = h("div", { class: "lw-suggestion", hidden: true });
  el.append(root);
  const chosen = new Map(); // task -> index of the prediction shown
  const edited = new Set(); // tasks edited since their suggestion was applied

  function predictions(payload) {
    if (!payload || !payload.data || payload.data.labeled) return [];
    return payload.data.predictions || [];
  }

  function pick(offset) {
    const list = predictions(task.payload());
    if (list.length < 2) return false;
    const key = task.task();
    const index = ((chosen.get(key) ?? 0) + offset + list.length) % list.length;
    chosen.set(key, index);
    edited.delete(key);
    emit(group, { type: "apply", task: key, values: list[index].values });
    draw(task.payload());
    return true;
  }

  function draw(payload) {
    const list = predictions(payload);
    root.hidden = list.length === 0;
    root.replaceChildren();
    if (!list.length) return;
    const key = task.task();
    const index = chosen.get(key) ?? 0;
    const p = list[index];
    const mine = edited.has(key);
    root.classList.toggle("lw-edited", mine);
    root.append(
      h("span", { class: "lw-suggestion-tag", text: mine ? "edited suggestion" : "suggestion" }),
      h("span", { class: "lw-suggestion-model", text: `model ${p.model_version ?? "unknown"}` }),
      h("span", { class: "lw-suggestion-score", text: `score ${fmt(p.score)}` }),
    );
    if (list.length > 1) {
      root.append(
        h("button", { type: "button", class: "lw-button lw-suggestion-prev", onclick: () => pick(-1), text: "◀" }),
        h("span", { class: "lw-suggestion-count", text: `${index + 1} of ${list.length}` }),
        h("button", { type: "button", class: "lw-button lw-suggestion-next", onclick: () => pick(1), text: "▶" }),
        h("kbd", { text: `${model.get("previous_key")} ${model.get("next_key")}` }),
      );
    }
    root.append(h("span", { class: "lw-suggestion-help", text: mine
      ? "saved as a corrected suggestion"
      : "Enter accepts it as is; any change makes it yours" }));
  }

  const task = bindTask(model, el, {
    render: draw,
    hotkey(key) {
      if (key === model.get("previous_key")) return pick(-1);
      if (key === model.get("next_key")) return pick(1);
      return false;
    },
  });
  const off = listen(group, (msg) => {
    if (msg.type === "edited" && msg.task === task.task() && predictions(task.payload()).length) {
      edited.add(msg.task);
      draw(task.payload());
    }
  });
  return () => {
    off();
    task.dispose();
  };
}

export default { render };
