// Unit tests of js/_ranking.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arrange, moveItem } from "../_ranking.js";

const items = [{ id: "a" }, { id: "b" }, { id: "c" }];
const columns = [{ name: "_" }, { name: "good" }, { name: "bad" }];

test("nothing placed: every item starts in the home column", () => {
  assert.deepEqual(arrange(null, items, columns, "_"), { _: ["a", "b", "c"], good: [], bad: [] });
  assert.deepEqual(arrange(null, items, [{ name: "rank" }], "rank"), { rank: ["a", "b", "c"] });
});

test("a partial value keeps its places; unknown and repeated ids are dropped", () => {
  const value = { good: ["c", "zz"], bad: ["c", "a"] };
  assert.deepEqual(arrange(value, items, columns, "_"), { _: ["b"], good: ["c"], bad: ["a"] });
});

test("moving within a column and between columns", () => {
  const value = { _: ["a", "b", "c"], good: [], bad: [] };
  assert.deepEqual(moveItem(value, "c", "_", 0), { _: ["c", "a", "b"], good: [], bad: [] });
  assert.deepEqual(moveItem(value, "a", "good", 5), { _: ["b", "c"], good: ["a"], bad: [] });
  assert.deepEqual(moveItem(value, "b", "_", -1), { _: ["b", "a", "c"], good: [], bad: [] });
  assert.deepEqual(value, { _: ["a", "b", "c"], good: [], bad: [] }); // not mutated
});
