// Unit tests of js/_relation_layout.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arcPlan, roomAbove, wantedLift } from "../_relation_layout.js";

const span = (left, top, width = 60, height = 20) => ({ left, top, width, height });
const LABEL_ROOM = 15;

test("with room above, the arc keeps its wanted lift, from the regions' top middles", () => {
  const a = span(100, 300);
  const b = span(400, 300);
  const p = arcPlan(a, b, { top: 0, bottom: 1000 }, { labelled: true });
  assert.equal(p.below, false);
  assert.deepEqual([p.x0, p.y0, p.x1, p.y1], [130, 300, 430, 300]);
  assert.equal(300 - p.cy, wantedLift(130, 430));
  assert.equal(wantedLift(130, 430), 60);
  assert.equal(p.apex, 270); // half the lift, for equal ends
  assert.ok(p.labelY < p.apex);
});

test("close under the frame's top, the arc is lowered so that it and its label stay inside", () => {
  const frame = { top: 280, bottom: 1000 };
  const p = arcPlan(span(100, 310), span(400, 310), frame, { labelled: true });
  assert.equal(p.below, false);
  assert.ok(p.apex - LABEL_ROOM >= frame.top - 1e-9, `apex ${p.apex}`);
  assert.ok(310 - p.cy >= 12 && 310 - p.cy < 60);
  const bare = arcPlan(span(100, 310), span(400, 310), frame);
  assert.ok(bare.apex < p.apex && bare.apex >= frame.top); // no label: it may rise higher
});

test("ends on different lines: the apex bound holds for the higher end's arc", () => {
  const frame = { top: 100, bottom: 1000 };
  const p = arcPlan(span(50, 140), span(300, 180), frame, { labelled: true });
  assert.ok(p.cy < 140 && p.y0 === 140 && p.y1 === 180); // it rises over the higher end
  assert.ok(p.apex - LABEL_ROOM >= frame.top - 1e-9);
});

test("at the frame's top edge with room below, the arc goes under the regions", () => {
  const frame = { top: 0, bottom: 400 };
  const p = arcPlan(span(100, 2, 60, 40), span(300, 4, 60, 40), frame, { labelled: true });
  assert.equal(p.below, true);
  assert.deepEqual([p.y0, p.y1], [42, 44]);
  assert.ok(p.cy > 44 && p.apex > 44 && p.labelY > p.apex);
  assert.ok(p.labelY <= frame.bottom);
});

test("ends outside the frame (a scrolled text) keep the wanted lift: the clip cuts them", () => {
  const p = arcPlan(span(100, -40), span(400, -40), { top: 0, bottom: 400 }, { labelled: true });
  assert.equal(p.below, false);
  assert.equal(-40 - p.cy, 60);
});

test("the room a text reserves gives the wanted lift, and does not depend on the room given", () => {
  const a = span(100, 110);
  const b = span(400, 110);
  const room = roomAbove(a, b, 100, { labelled: true });
  assert.ok(room > 0);
  // Given that room, everything moves down by it: the arc then fits, and no more room is asked.
  const moved = (r) => ({ ...r, top: r.top + room });
  const p = arcPlan(moved(a), moved(b), { top: 100, bottom: 1000 }, { labelled: true });
  assert.equal(moved(a).top - p.cy, 60);
  assert.ok(p.apex - LABEL_ROOM >= 100 - 1e-9);
  assert.equal(roomAbove(moved(a), moved(b), 100 + room, { labelled: true }), room);
  // Spans far below the top need none.
  assert.equal(roomAbove(span(100, 400), span(400, 400), 100, { labelled: true }), 0);
});
