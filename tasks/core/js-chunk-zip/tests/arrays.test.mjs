import { test } from "node:test";
import assert from "node:assert/strict";
import { chunk, zip, unzip } from "/workspace/arrays.mjs";

test("chunk still works", () => {
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.throws(() => chunk([1], 0), RangeError);
});

test("zip pairs", () => {
  assert.deepEqual(zip([1, 2], ["a", "b"]), [[1, "a"], [2, "b"]]);
});

test("zip stops at shortest", () => {
  assert.deepEqual(zip([1, 2, 3], ["a"], [true, false]), [[1, "a", true]]);
});

test("zip of nothing", () => {
  assert.deepEqual(zip(), []);
  assert.deepEqual(zip([]), []);
});

test("unzip inverts zip", () => {
  assert.deepEqual(unzip([[1, "a"], [2, "b"]]), [[1, 2], ["a", "b"]]);
  assert.deepEqual(unzip([]), []);
});

test("unzip rejects ragged rows", () => {
  assert.throws(() => unzip([[1, 2], [3]]), RangeError);
});
