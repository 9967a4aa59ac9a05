import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as cart from "/workspace/cart.mjs";

const items = [{ priceCents: 1999, qty: 2 }, { priceCents: 350, qty: 3 }];

test("checkout results unchanged", () => {
  assert.deepEqual(cart.checkout({ items, taxRate: 0.08 }), { subtotal: 5048, discount: 0, tax: 404, total: 5452 });
  assert.deepEqual(cart.checkout({ items, code: "SAVE10", taxRate: 0.08 }), { subtotal: 5048, discount: 504, tax: 364, total: 4908 });
  assert.deepEqual(cart.checkout({ items: [{ priceCents: 300, qty: 1 }], code: "FLAT5" }), { subtotal: 300, discount: 300, tax: 0, total: 0 });
});

test("subtotalCents", () => {
  assert.equal(cart.subtotalCents(items), 5048);
  assert.equal(cart.subtotalCents([]), 0);
});

test("discountCents", () => {
  assert.equal(cart.discountCents(5048, "SAVE10"), 504);
  assert.equal(cart.discountCents(5048, "FLAT5"), 500);
  assert.equal(cart.discountCents(200, "FLAT5"), 200);
  assert.equal(cart.discountCents(5048, "BOGUS"), 0);
  assert.equal(cart.discountCents(5048, undefined), 0);
});

test("taxCents rounds half up", () => {
  assert.equal(cart.taxCents(1000, 0.0825), 83);
  assert.equal(cart.taxCents(200, 0.0025), 1);
  assert.equal(Number.isInteger(cart.taxCents(333, 0.07)), true);
});

test("integer cents everywhere", () => {
  const src = readFileSync("/workspace/cart.mjs", "utf8");
  assert.equal(/\/\s*100\b/.test(src), false, "no division by 100: work in cents");
});
