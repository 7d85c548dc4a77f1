// Unit tests of keyLabel in js/_keys.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keyLabel } from "../_keys.js";

test("named keys read as a person reads them", () => {
  assert.equal(keyLabel("arrowleft"), "←");
  assert.equal(keyLabel("arrowright"), "→");
  assert.equal(keyLabel("ctrl+arrowleft"), "Ctrl+←");
  assert.equal(keyLabel("ctrl+enter"), "Ctrl+Enter");
  assert.equal(keyLabel("ctrl+space"), "Ctrl+Space");
  assert.equal(keyLabel("escape"), "Esc");
});

test("alternatives keep their separator; option keys stay as typed", () => {
  assert.equal(keyLabel("enter / ctrl+enter"), "Enter / Ctrl+Enter");
  assert.equal(keyLabel("delete / backspace"), "Delete / Backspace");
  for (const key of ["1", "a", "[", "/"]) assert.equal(keyLabel(key), key);
  assert.equal(keyLabel("+"), "+");
  assert.equal(keyLabel("ctrl++"), "Ctrl++");
  assert.equal(keyLabel("shift+a"), "Shift+A");
  assert.equal(keyLabel("ctrl+z"), "Ctrl+Z");
});
