// @ts-check
// Pairwise: which of two objects wins; mirrors labelwidget/widgets/pairwise.py.
// As in Label Studio, the two compared objects are the targets: the compiler wraps each in a
// card (`card` class plus lw-pw-left / lw-pw-right); this view takes no room of its own, listens
// to clicks on its Annotator's cards and to the side keys, and marks the chosen card.
// Value: {[name]: "left"} or {[name]: "right"}; picking the chosen side again clears it.
import { keyLabel } from "./_keys.js";
import { bindTask } from "./_task_widget.js";
import { isEmpty } from "./_control_values.js";

const SIDES = ["left", "right"];
// Clicks on these inside a card belong to them (a span's ×, a zoom button), not to the pick.
const OWN_CLICKS = "button, input, textarea, select, a, canvas, [contenteditable]";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of PairwiseWidget (labelwidget/widgets/pairwise.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {string} left
 * @property {string} right
 * @property {string} card
 * @property {string} left_key
 * @property {string} right_key
 * @property {boolean} required
 * @property {string} required_message
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const objects = { left: model.get("left"), right: model.get("right") };
  const keys = { left: model.get("left_key"), right: model.get("right_key") };
  const cardClass = model.get("card");
  el.classList.add("lw-pairwise");
  let chosen = null;
  let cards = { left: null, right: null };

  function pick(side) {
    task.edit({ ...task.value(), [name]: chosen === side ? null : side });
  }

  function onClick(event) {
    const card = event.currentTarget;
    if (event.target.closest && event.target.closest(OWN_CLICKS)) return;
    const selection = window.getSelection && window.getSelection();
    if (selection && !selection.isCollapsed && card.contains(selection.anchorNode)) return; // selecting text
    pick(card.classList.contains("lw-pw-left") ? "left" : "right");
  }

  function attach() {
    const root = el.closest(".lw-annotator");
    if (!root || !cardClass) return false;
    for (const side of SIDES) {
      const card = /** @type {HTMLElement | null} */ (root.querySelector(`.${cardClass}.lw-pw-${side}`));
      if (!card || card === cards[side]) continue;
      cards[side] = card;
      card.addEventListener("click", onClick);
      card.setAttribute("role", "button");
      card.setAttribute("aria-label", `${name}: ${side} (${objects[side]})`);
      const key = keys[side] ? keyLabel(keys[side]) : "";
      card.dataset.lwPick = side === "left" ? `${key} left`.trim() : `right ${key}`.trim();
    }
    draw();
    return Boolean(cards.left && cards.right);
  }
  let tries = 0;
  const retry = () => {
    if (!attach() && tries++ < 600) requestAnimationFrame(retry);
  };

  function draw() {
    for (const side of SIDES) {
      const card = cards[side];
      if (!card) continue;
      card.classList.toggle("lw-on", chosen === side);
      card.setAttribute("aria-pressed", String(chosen === side));
    }
  }

  const task = bindTask(model, el, {
    render(payload, value) {
      chosen = SIDES.includes(value[name]) ? value[name] : null;
      draw();
    },
    hotkey(key) {
      const side = SIDES.find((s) => keys[s] && keys[s].toLowerCase() === key);
      if (!side) return false;
      pick(side);
      return true;
    },
    missing(value) {
      return model.get("required") && isEmpty(value[name]) ? [model.get("required_message") || `choose left or right for ${name}`] : [];
    },
  });
  retry();
  return () => {
    task.dispose();
    for (const side of SIDES) if (cards[side]) cards[side].removeEventListener("click", onClick);
  };
}

export default { render };
