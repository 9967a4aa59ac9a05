import { test } from "node:test";
import assert from "node:assert/strict";
import { Emitter } from "/workspace/emitter.mjs";

test("on, emit, order and count", () => {
  const e = new Emitter();
  const seen = [];
  e.on("x", (v) => seen.push(["a", v]));
  e.on("x", (v) => seen.push(["b", v]));
  assert.equal(e.emit("x", 1), 2);
  assert.deepEqual(seen, [["a", 1], ["b", 1]]);
  assert.equal(e.emit("nothing"), 0);
});

test("unsubscribe function and off", () => {
  const e = new Emitter();
  let n = 0;
  const f = () => n++;
  const un = e.on("x", f);
  e.on("x", f);
  un();
  e.emit("x");
  e.off("x", f);
  e.emit("x");
  assert.equal(n, 1);
  assert.equal(e.listenerCount("x"), 0);
});

test("once", () => {
  const e = new Emitter();
  let n = 0;
  e.once("x", () => n++);
  e.emit("x");
  e.emit("x");
  assert.equal(n, 1);
});

test("listeners added during emit wait", () => {
  const e = new Emitter();
  const seen = [];
  e.on("x", () => {
    seen.push("first");
    e.on("x", () => seen.push("late"));
  });
  e.emit("x");
  assert.deepEqual(seen, ["first"]);
});

test("listener removed during emit is skipped", () => {
  const e = new Emitter();
  const seen = [];
  let unB;
  e.on("x", () => { seen.push("a"); unB(); });
  unB = e.on("x", () => seen.push("b"));
  assert.equal(e.emit("x"), 1);
  assert.deepEqual(seen, ["a"]);
});

test("errors do not stop other listeners", () => {
  const e = new Emitter();
  const seen = [];
  e.on("x", () => { throw new Error("boom"); });
  e.on("x", () => seen.push("still ran"));
  assert.throws(() => e.emit("x"), /boom/);
  assert.deepEqual(seen, ["still ran"]);
});
