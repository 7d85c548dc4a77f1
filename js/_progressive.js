// @ts-check
// Draws a long sequence into a scrolled box a piece at a time: the caller draws the first
// piece itself (what shows before the frame), and the next pieces are appended when the end of
// what is drawn comes near the box's visible part (an IntersectionObserver on a marker after
// the last piece, three box heights ahead). So a task switch costs the same for a 1,000- or a
// 100,000-character document, and nothing is drawn that nobody scrolls to.

/**
 * @param {HTMLElement} box the scrolled container (overflow: auto)
 */
export function progressive(box) {
  /** @type {(() => Node | null) | null} */
  let next = null;
  /** @type {HTMLElement | null} */
  let marker = null;
  const observer = typeof IntersectionObserver === "undefined"
    ? null
    : new IntersectionObserver((entries) => {
      if (next && entries.some((e) => e.isIntersecting)) fill();
    }, { root: box, rootMargin: "0px 0px 300% 0px" });

  function stop() {
    next = null;
    delete box.dataset.more;
    if (marker) {
      if (observer) observer.unobserve(marker);
      marker.remove();
      marker = null;
    }
  }

  /** Draw what `more()` returns, piece by piece as the box scrolls, until it returns null. */
  function start(/** @type {() => Node | null} */ more) {
    stop();
    next = more;
    // While more is to come, a wheel that reaches the end of what is drawn does not scroll the
    // page around the box instead (labelwidget.css): the next piece is on its way.
    box.dataset.more = "";
    marker = document.createElement("span");
    marker.className = "lw-more";
    marker.setAttribute("aria-hidden", "true");
    box.append(marker);
    if (observer) observer.observe(marker);
    else drain();
  }

  function fill() {
    const piece = next ? next() : null;
    if (!piece || !marker) {
      stop();
      return;
    }
    marker.before(piece);
    if (observer) {
      // Observing again reports at once whether the end is still near (then one more piece).
      observer.unobserve(marker);
      observer.observe(marker);
    }
  }

  /** Draw everything now (the whole sequence is needed at once). */
  function drain() {
    while (next) fill();
  }

  return { start, stop, drain, pending: () => next !== null };
}
