// @ts-check
// Rating: 1..max_rating stars; mirrors labelwidget/widgets/rating.py. Value: {[name]: 4}.
// Click a star to rate, click the current star to clear; the `hotkey` adds a star (cleared
// after the top).
import { keyLabel } from "./_keys.js";
import { bindTask, h } from "./_task_widget.js";
import { clickRating, isEmpty, nextRating } from "./_control_values.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of RatingWidget (labelwidget/widgets/rating.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {number} max_rating
 * @property {string} hotkey
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const max = Math.max(1, model.get("max_rating") || 5);
  const hotkey = (model.get("hotkey") || "").toLowerCase();
  let rating = 0;

  const stars = [];
  for (let i = 1; i <= max; i++) {
    stars.push(h("button", {
      type: "button",
      class: "lw-star",
      role: "radio",
      "data-value": String(i),
      "aria-label": `${i} of ${max}`,
      title: `${i} of ${max}`,
      text: "★",
      onclick: () => set(clickRating(rating, i)),
      onmouseenter: () => preview(i),
      onfocus: () => preview(i),
      onblur: () => preview(0),
    }));
  }
  const label = h("span", { class: "lw-rating-value" });
  const root = h("div", {
    class: "lw-rating", role: "radiogroup", "aria-label": name, "data-control": name,
    onmouseleave: () => preview(0),
  }, [...stars, label, hotkey ? h("kbd", { text: keyLabel(hotkey), title: "adds a star" }) : null]);
  el.append(root);

  function set(value) {
    task.edit({ ...task.value(), [name]: value });
  }

  function preview(n) {
    stars.forEach((star, j) => star.classList.toggle("lw-preview", j < n));
    root.classList.toggle("lw-previewing", n > 0);
  }

  function draw(payload, value) {
    const v = value[name];
    rating = isEmpty(v) ? 0 : Number(v);
    stars.forEach((star, j) => {
      star.classList.toggle("lw-on", j < rating);
      star.setAttribute("aria-checked", String(j + 1 === rating));
    });
    label.textContent = rating ? `${rating}/${max}` : "";
  }

  let task = null;
  task = bindTask(model, el, {
    render: draw,
    hotkey(key) {
      if (!hotkey || key !== hotkey) return false;
      set(nextRating(rating, max));
      return true;
    },
    missing(value) {
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `rate ${name}`] : [];
    },
  });
  return () => task.dispose();
}

export default { render };
