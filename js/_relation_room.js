// @ts-check
// The room a text view keeps above its content for the arrows of relations between its spans
// (js/relations.js asks for it through the view's `frame`, see regionReporter): the arrows of
// spans on the first line then arc inside the text's box, not over the label buttons above it.
// The room is top padding (--lw-rel-room in labelwidget.css), so it scrolls with the text.

/**
 * The box of `textBox` for relation arrows: its rectangle (arrows are clipped to it); the top of
 * its content, room included, which scrolls (arcs rise at most to it: a scrolled text cuts them,
 * it does not flatten them); where its content starts without the reserved room (moves with
 * scrolling, not with the room); and `reserve(px)`, whether the room changed (all moved).
 * @param {HTMLElement} textBox
 */
export function relationRoom(textBox) {
  const rect = textBox.getBoundingClientRect();
  const room = Number(textBox.dataset.relRoom || 0);
  const top = rect.top + textBox.clientTop - textBox.scrollTop;
  return {
    rect,
    top,
    contentTop: top + room,
    reserve(px) {
      if (px === Number(textBox.dataset.relRoom || 0)) return false;
      textBox.dataset.relRoom = String(px);
      textBox.style.setProperty("--lw-rel-room", `${px}px`);
      return true;
    },
  };
}
