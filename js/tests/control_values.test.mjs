// Unit tests of js/_control_values.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addEntry, clickRating, entriesCell, entriesOf, filterTree, indexTree, isEmpty, nextRating,
  pathKey, pathsOf, readNumber, togglePath,
} from "../_control_values.js";

test("empty cells", () => {
  for (const v of [null, undefined, "", []]) assert.equal(isEmpty(v), true);
  for (const v of [0, "a", ["a"], false]) assert.equal(isEmpty(v), false);
});

test("the rating hotkey cycles up and clears after the top", () => {
  assert.equal(nextRating(null, 3), 1);
  assert.equal(nextRating(1, 3), 2);
  assert.equal(nextRating(2, 3), 3);
  assert.equal(nextRating(3, 3), null);
  assert.equal(nextRating(7, 3), null);
});

test("clicking the current star clears the rating, another star sets it", () => {
  assert.equal(clickRating(3, 3), null);
  assert.equal(clickRating(3, 4), 4);
  assert.equal(clickRating(null, 1), 1);
});

test("number entries: empty, valid, out of bounds, not a number", () => {
  assert.deepEqual(readNumber(""), { value: null });
  assert.deepEqual(readNumber("  "), { value: null });
  assert.deepEqual(readNumber("12.5"), { value: 12.5 });
  assert.deepEqual(readNumber("-3", { min: -5, max: 5 }), { value: -3 });
  assert.deepEqual(readNumber("5", { min: -5, max: 5 }), { value: 5 });
  assert.deepEqual(readNumber("6", { min: -5, max: 5 }), { error: "6 is above the maximum 5" });
  assert.deepEqual(readNumber("-5.5", { min: -5, max: null }), { error: "-5.5 is below the minimum -5" });
  assert.deepEqual(readNumber("abc"), { error: "abc is not a number" });
  assert.deepEqual(readNumber("Infinity"), { error: "Infinity is not a number" });
  assert.deepEqual(readNumber("", { bad: true }), { error: "not a number" });
});

test("text entries: add, limit, duplicates, cells", () => {
  assert.deepEqual(entriesOf(null), []);
  assert.deepEqual(entriesOf("a"), ["a"]);
  assert.deepEqual(entriesOf(["a", "b"]), ["a", "b"]);
  assert.deepEqual(addEntry(["a"], "b", { max: 2 }), { entries: ["a", "b"] });
  assert.deepEqual(addEntry(["a", "b"], "c", { max: 2 }), { error: "at most 2 entries" });
  assert.deepEqual(addEntry(["a"], "  "), { error: "write something first" });
  assert.deepEqual(addEntry(["a"], "a"), { entries: ["a", "a"] });
  assert.deepEqual(addEntry(["a"], "a", { skipDuplicates: true }), { error: "already added" });
  assert.deepEqual(entriesCell([], true), null);
  assert.deepEqual(entriesCell(["a"], true), ["a"]);
  assert.deepEqual(entriesCell(["a"], false), "a");
  assert.deepEqual(entriesCell([], false), null);
});

const tree = [
  { value: "Archaea", label: "Archaea", children: [] },
  { value: "Eukarya", label: "Eukarya", children: [
    { value: "Human", label: "Human", children: [] },
    { value: "Fungi", label: "Fungi (mushrooms)", children: [{ value: "Yeast", label: "Yeast" }] },
  ] },
];

test("the taxonomy index knows every path, its labels and whether it is a leaf", () => {
  const index = indexTree(tree);
  assert.equal(index.size, 5);
  assert.deepEqual(index.get(pathKey(["Eukarya", "Fungi", "Yeast"])).labels, ["Eukarya", "Fungi (mushrooms)", "Yeast"]);
  assert.equal(index.get(pathKey(["Eukarya"])).leaf, false);
  assert.equal(index.get(pathKey(["Archaea"])).leaf, true);
  assert.deepEqual(pathsOf(null), []);
  assert.deepEqual(pathsOf([["a"], "junk"]), [["a"]]);
});

test("toggling taxonomy paths: add, remove, leafsOnly, maxUsages", () => {
  const human = ["Eukarya", "Human"];
  assert.deepEqual(togglePath([], human), { paths: [human] });
  assert.deepEqual(togglePath([human], ["Eukarya", "Human"]), { paths: [] });
  assert.deepEqual(togglePath([human], ["Archaea"]), { paths: [human, ["Archaea"]] });
  assert.match(togglePath([], ["Eukarya"], { leaf: false, leafsOnly: true }).error, /leaves/);
  assert.deepEqual(togglePath([], ["Eukarya"], { leaf: false }), { paths: [["Eukarya"]] });
  assert.deepEqual(togglePath([human], ["Archaea"], { maxUsages: 1 }), { paths: [["Archaea"]] });
  assert.deepEqual(togglePath([human, ["Archaea"]], ["Eukarya"], { maxUsages: 2 }), { error: "at most 2 choices" });
  assert.deepEqual(togglePath([human, ["Archaea"]], human, { maxUsages: 2 }), { paths: [["Archaea"]] });
});

test("the taxonomy filter keeps matches and their ancestors", () => {
  const index = indexTree(tree);
  assert.equal(filterTree(index, " "), null);
  assert.deepEqual([...filterTree(index, "yea")].sort(), [
    pathKey(["Eukarya"]), pathKey(["Eukarya", "Fungi"]), pathKey(["Eukarya", "Fungi", "Yeast"]),
  ].sort());
  assert.deepEqual([...filterTree(index, "MUSH")].sort(), [pathKey(["Eukarya"]), pathKey(["Eukarya", "Fungi"])].sort());
  assert.equal(filterTree(index, "zzz").size, 0);
});
