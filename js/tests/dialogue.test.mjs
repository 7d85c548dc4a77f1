// Pure helpers of the dialogue view (js/_dialogue.js): turn places and paragraph snapping.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dialogueText, hueOf, snapToTurns } from "../_dialogue.js";

const turns = [{ name: "a", text: "Hi, Bob." }, { name: "b", text: "" }, { name: "a", text: "Bye." }];

test("turns are joined by a line break, each with its start and end", () => {
  const { text, starts, ends } = dialogueText(turns);
  assert.equal(text, "Hi, Bob.\n\nBye.");
  assert.deepEqual(starts, [0, 9, 10]);
  assert.deepEqual(ends, [8, 9, 14]);
});

test("granularity paragraph grows a selection to the whole turns it touches", () => {
  const { starts, ends } = dialogueText(turns);
  assert.deepEqual(snapToTurns(starts, ends, 4, 7), [0, 8]); // inside the first turn
  assert.deepEqual(snapToTurns(starts, ends, 4, 12), [0, 14]); // into the third
  assert.deepEqual(snapToTurns(starts, ends, 10, 11), [10, 14]);
  assert.equal(snapToTurns(starts, ends, 8, 9), null); // only the break and an empty turn
});

test("a speaker keeps one hue", () => {
  assert.equal(hueOf("user"), hueOf("user"));
  assert.ok(hueOf("user") >= 0 && hueOf("user") < 360);
  assert.notEqual(hueOf("user"), hueOf("assistant"));
  // Names one letter apart are still told apart (at least 60° around the colour wheel).
  const gap = Math.abs(hueOf("A") - hueOf("B"));
  assert.ok(Math.min(gap, 360 - gap) >= 60, `${hueOf("A")} vs ${hueOf("B")}`);
});
