import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, stringify } from "/workspace/qs.mjs";

test("flat and nested", () => {
  assert.deepEqual(
    { ...parse("a=1&b[]=2&b[]=3&c[d]=4&c[e][f]=5&flag") },
    { a: "1", b: ["2", "3"], c: { d: "4", e: { f: "5" } }, flag: "" },
  );
});

test("decoding", () => {
  assert.deepEqual({ ...parse("?q=hello+world&x=%26%3D&k%5Bz%5D=1") }, { q: "hello world", x: "&=", k: { z: "1" } });
});

test("empty pairs and repeated keys", () => {
  assert.deepEqual({ ...parse("&&a=1&&a=2&") }, { a: "2" });
  assert.deepEqual({ ...parse("") }, {});
});

test("no prototype pollution", () => {
  const r = parse("__proto__[polluted]=1&constructor[prototype][bad]=1&ok=1");
  assert.equal({}.polluted, undefined);
  assert.equal({}.bad, undefined);
  assert.deepEqual({ ...r }, { ok: "1" });
});

test("stringify", () => {
  assert.equal(stringify({ a: "1", b: ["x", "y z"], c: { d: "&" } }), "a=1&b[]=x&b[]=y%20z&c[d]=%26");
});

test("round trip", () => {
  const x = { name: "Ann Lee", tags: ["a/b", "c"], filter: { age: { min: "3", max: "9" } }, empty: "" };
  assert.deepEqual(JSON.parse(JSON.stringify(parse(stringify(x)))), x);
});
