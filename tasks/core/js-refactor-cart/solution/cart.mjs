const DISCOUNTS = {
  SAVE10: (subtotal) => Math.floor(subtotal / 10),
  FLAT5: (subtotal) => Math.min(500, subtotal),
};

export function subtotalCents(items) {
  return items.reduce((sum, item) => sum + item.priceCents * item.qty, 0);
}

export function discountCents(subtotal, code) {
  return DISCOUNTS[code]?.(subtotal) ?? 0;
}

export function taxCents(amount, rate) {
  // Rates like 0.0825 are not exact in binary: round the product to 6 places before rounding to a cent.
  return Math.floor(Number((amount * rate).toFixed(6)) + 0.5);
}

export function checkout(cart) {
  const subtotal = subtotalCents(cart.items);
  const discount = discountCents(subtotal, cart.code);
  const tax = taxCents(subtotal - discount, cart.taxRate ?? 0);
  return { subtotal, discount, tax, total: subtotal - discount + tax };
}
