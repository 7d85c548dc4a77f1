import { test } from "node:test";
import assert from "node:assert/strict";
import { newId } from "../_ids.js";

test("region ids look like Label Studio's: 10 characters of [A-Za-z0-9_-]", () => {
  const ids = new Set(Array.from({ length: 2000 }, () => newId()));
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{10}$/);
  assert.equal(ids.size, 2000); // random: no two alike
  const used = new Set([...ids].join(""));
  assert.ok(used.has("_") || used.has("-"), "the whole alphabet is used");
});
