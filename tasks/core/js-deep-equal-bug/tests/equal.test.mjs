import { test } from "node:test";
import assert from "node:assert/strict";
import { deepEqual } from "/workspace/equal.mjs";

test("primitives and nested", () => {
  assert.equal(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
  assert.equal(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), false);
  assert.equal(deepEqual(1, "1"), false);
});

test("array is not an object", () => {
  assert.equal(deepEqual([1], { 0: 1 }), false);
});

test("NaN equals NaN", () => {
  assert.equal(deepEqual(NaN, NaN), true);
  assert.equal(deepEqual({ x: NaN }, { x: NaN }), true);
});

test("extra keys matter", () => {
  assert.equal(deepEqual({ a: 1 }, { a: 1, b: 2 }), false);
  assert.equal(deepEqual({ a: 1, b: undefined }, { a: 1 }), false);
});

test("dates compare by time", () => {
  assert.equal(deepEqual(new Date(0), new Date(0)), true);
  assert.equal(deepEqual(new Date(0), new Date(1)), false);
});

test("array length", () => {
  assert.equal(deepEqual([1, 2], [1, 2, 3]), false);
});
