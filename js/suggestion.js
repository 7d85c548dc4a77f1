// @ts-check
// Marks pre-filled values as a model's suggestion (model version, score), switches between
// several predictions without the kernel, and says when an edit made them the user's own.
// Mirrors labelwidget/widgets/suggestion.py.
//
// "Edited" is decided the way Python decides a result's origin: the values on screen (asked
// from every view with a `collect` message) are compared with each prediction's values; equal
// to one of them means "prediction" (that one is shown as picked), else "prediction-changed".
import { keyLabel } from "./_keys.js";
import { bindTask, emit, h, listen } from "./_task_widget.js";

function fmt(score) {
  return typeof score === "number" && Number.isFinite(score) ? score.toFixed(2) : "n/a";
}

// JSON with sorted keys: the same cell compares equal whatever order its keys came in.
function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function matches(prediction, values) {
  for (const [name, cell] of Object.entries((prediction && prediction.values) || {})) {
    if (stable(values[name]) !== stable(cell)) return false;
  }
  return true;
}

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */
/** @typedef {import("./_contract.js").TaskPayload<import("./_contract.js").SuggestionData>} SuggestionPayload */

/**
 * Synced traits of SuggestionWidget (labelwidget/widgets/suggestion.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} previous_key
 * @property {string} next_key
 * @property {string[]} accept_keys
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const group = model.get("group");
  const root = h("div", { class: "lw-suggestion", hidden: true });
  el.append(root);
  const picked = new Map(); // task -> {rev, index}: the prediction last picked here
  let queued = false;
  let retries = 0;

  /** @param {SuggestionPayload | null} payload */
  function predictions(payload) {
    if (!payload || !payload.data || payload.data.labeled) return [];
    return payload.data.predictions || [];
  }

  // Which prediction the screen shows, and whether it was edited since.
  function state(payload) {
    const list = predictions(payload);
    const key = task.task();
    const mine = picked.get(key);
    let index = mine && payload && mine.rev === payload.rev ? mine.index % list.length : 0;
    const values = emit(group, { type: "collect", task: key, values: {}, missing: [] }).values;
    const unseen = list.some((p) => Object.keys(p.values || {}).some((name) => !(name in values)));
    if (unseen) {
      // A view of these controls is not drawn yet (the widgets render one by one): look again
      // next frame rather than call the suggestion edited.
      if (retries++ < 600) requestAnimationFrame(draw);
      return { index, edited: false };
    }
    retries = 0;
    if (matches(list[index], values)) return { index, edited: false };
    const other = list.findIndex((p) => matches(p, values));
    if (other >= 0) index = other;
    return { index, edited: other < 0 };
  }

  function pick(offset) {
    const payload = task.payload();
    const list = predictions(payload);
    if (list.length < 2) return false;
    const key = task.task();
    const from = list[state(payload).index];
    const index = (list.indexOf(from) + offset + list.length) % list.length;
    picked.set(key, { rev: payload.rev, index });
    // Controls the old prediction filled and the new one leaves empty are cleared.
    const values = {};
    for (const name of Object.keys(from.values || {})) values[name] = null;
    Object.assign(values, list[index].values);
    emit(group, { type: "apply", task: key, values });
    draw();
    return true;
  }

  // Why this task has no (or fewer) suggestions: kept per task by Python, so it is shown
  // on each task it concerns, for as long as it holds.
  /** @param {SuggestionPayload | null} payload */
  function note(payload) {
    if (!payload || !payload.data || payload.data.labeled) return "";
    return payload.data.note || "";
  }

  function draw() {
    const payload = task.payload();
    const list = predictions(payload);
    const why = note(payload);
    root.hidden = list.length === 0 && !why;
    root.replaceChildren();
    root.classList.toggle("lw-suggestion-problem", Boolean(why) && !list.length);
    if (!list.length) {
      if (why) root.append(h("span", { class: "lw-suggestion-note", text: why }));
      return;
    }
    const { index, edited } = state(payload);
    const p = list[index];
    root.classList.toggle("lw-edited", edited);
    root.dataset.index = String(index);
    root.dataset.edited = edited ? "true" : "false";
    root.append(
      h("span", { class: "lw-suggestion-tag", text: edited ? "edited suggestion" : "suggestion" }),
      h("span", { class: "lw-suggestion-model", text: `model ${p.model_version ?? "unknown"}` }),
      h("span", { class: "lw-suggestion-score", text: `score ${fmt(p.score)}` }),
    );
    if (list.length > 1) {
      root.append(
        h("button", { type: "button", class: "lw-button lw-suggestion-prev", title: "previous prediction", onclick: () => pick(-1), text: "◀" }),
        h("span", { class: "lw-suggestion-count", text: `${index + 1} of ${list.length}` }),
        h("button", { type: "button", class: "lw-button lw-suggestion-next", title: "next prediction", onclick: () => pick(1), text: "▶" }),
        h("kbd", { text: `${keyLabel(model.get("previous_key"))} ${keyLabel(model.get("next_key"))}` }),
      );
    }
    const accept = (model.get("accept_keys") || [])[0] || "the submit key";
    root.append(h("span", { class: "lw-suggestion-help", text: edited
      ? "edited: it will be saved as a corrected suggestion"
      : `${accept[0].toUpperCase()}${accept.slice(1)} accepts it as is; any change makes it yours` }));
    if (why) root.append(h("span", { class: "lw-suggestion-note", text: why }));
  }

  // Views redraw a task in the same dispatch (or kernel message) that redraws this banner:
  // compare the values once they all have.
  function later() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      draw();
    });
  }

  // bindTask draws the first task while it is being built, before `task` is assigned: that
  // first drawing waits for the microtask.
  let ready = false;
  const task = bindTask(model, el, {
    render: (/** @type {SuggestionPayload | null} */ _payload) => {
      if (ready) draw();
      later();
    },
    hotkey(key) {
      if (key === model.get("previous_key")) return pick(-1);
      if (key === model.get("next_key")) return pick(1);
      return false;
    },
  });
  ready = true;
  const off = listen(group, (msg) => {
    if (msg.type === "edited" && msg.task === task.task() && predictions(task.payload()).length) {
      later();
    }
  });
  return () => {
    off();
    task.dispose();
  };
}

export default { render };
