// whenRole in conditionHolds (js/_visible_when.js): a View or control shown only while a chat
// message of those roles is selected. `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { conditionHolds } from "../_visible_when.js";

const cond = { when: "region-selected", tag: "", options: [], roles: ["assistant"], choice_controls: [], per_region_tags: [] };
const message = (role) => ({ object: "chat", region: { id: "m1", controls: ["chat"], labels: [], role } });

test("a whenRole view shows for a selected message of that role only", () => {
  assert.equal(conditionHolds(cond, message("assistant"), () => ({})), true);
  assert.equal(conditionHolds(cond, message("user"), () => ({})), false);
  assert.equal(conditionHolds(cond, null, () => ({})), false);
});

test("without whenRole any selected region counts, as before", () => {
  assert.equal(conditionHolds({ ...cond, roles: [] }, message("user"), () => ({})), true);
  assert.equal(conditionHolds({ when: "region-selected", tag: "", options: [] }, message("user"), () => ({})), true);
});
