// @ts-check
// Where a relation's arrow goes: a quadratic arc between two regions, kept inside the box of the
// object view that shows them (a text's box, an image's stage), so that it never covers what is
// around that box (the label buttons above a text, an image's toolbar). Pure: client pixels in,
// path geometry out; js/relations.js draws it. Node tests: js/tests/relation_layout.test.mjs.

export const MAX_LIFT = 60;
const MIN_LIFT = 12; // below this an arc reads as a line: rather arc under the regions
const LABEL_ROOM = 15; // above the apex: the label's 11px text, its 3px gap and white halo
const EDGE = 4; // above the apex without a label: the stroke and the arrowheads

/** @typedef {{left: number, top: number, width: number, height: number}} Rect */

/** How high the arc's control point rises over the higher end: longer links arc higher. */
export const wantedLift = (x0, x1) => Math.min(MAX_LIFT, 18 + Math.abs(x1 - x0) / 6);

// The arc's apex (t = 1/2) is a quarter of each end plus half of the control point: with the
// control point at min(y0, y1) - lift, the largest lift whose apex (and label) stays below `top`.
const liftUnder = (y0, y1, top, margin) => 2 * ((y0 + y1) / 4 + Math.min(y0, y1) / 2 - (top + margin));
const liftOver = (y0, y1, bottom, margin) => 2 * (bottom - margin - (y0 + y1) / 4 - Math.max(y0, y1) / 2);

/**
 * The arc from region `a` to region `b` within `frame` (its top and bottom, client px).
 * Above the regions (from their top middles) with the wanted lift when there is room; with less
 * lift when the frame's top is close; under them (from their bottom middles) when there is too
 * little room above and more below. Ends outside the frame (a scrolled text) keep the wanted
 * lift: the frame's clip cuts them.
 * @param {Rect} a
 * @param {Rect} b
 * @param {{top: number, bottom: number}} frame
 * @param {{labelled?: boolean}} [options]
 * @returns {{x0: number, y0: number, x1: number, y1: number, cx: number, cy: number,
 *   apex: number, labelY: number, below: boolean}}
 */
export function arcPlan(a, b, frame, { labelled = false } = {}) {
  const x0 = a.left + a.width / 2;
  const x1 = b.left + b.width / 2;
  const cx = (x0 + x1) / 2;
  const want = wantedLift(x0, x1);
  const margin = labelled ? LABEL_ROOM : EDGE;
  const inside = Math.min(a.top, b.top) >= frame.top && Math.max(a.top + a.height, b.top + b.height) <= frame.bottom;
  let lift = want;
  let below = false;
  if (inside) {
    const up = liftUnder(a.top, b.top, frame.top, margin);
    const down = liftOver(a.top + a.height, b.top + b.height, frame.bottom, labelled ? LABEL_ROOM - 3 : EDGE);
    if (up >= Math.min(want, MIN_LIFT) || up >= down) lift = Math.max(0, Math.min(want, up));
    else {
      below = true;
      lift = Math.max(0, Math.min(want, down));
    }
  }
  const y0 = below ? a.top + a.height : a.top;
  const y1 = below ? b.top + b.height : b.top;
  const cy = below ? Math.max(y0, y1) + lift : Math.min(y0, y1) - lift;
  const apex = (y0 + y1) / 4 + cy / 2;
  return { x0, y0, x1, y1, cx, cy, apex, labelY: below ? apex + 12 : apex - 3, below };
}

/**
 * The room (px) a text box must reserve above its content so that the arc from `a` to `b` gets
 * its wanted lift, label included: 0 when the content's own top leaves enough. `contentTop` is
 * where the content starts without that room (so the answer does not change once it is given).
 * @param {Rect} a
 * @param {Rect} b
 * @param {number} contentTop
 * @param {{labelled?: boolean}} [options]
 */
export function roomAbove(a, b, contentTop, { labelled = false } = {}) {
  const want = wantedLift(a.left + a.width / 2, b.left + b.width / 2);
  const up = liftUnder(a.top, b.top, contentTop, labelled ? LABEL_ROOM : EDGE);
  return Math.max(0, Math.ceil((want - up) / 2));
}
