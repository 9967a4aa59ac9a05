export function checkout(cart) {
  let subtotal = 0;
  for (const item of cart.items) subtotal += (item.priceCents / 100) * item.qty;
  let discount = 0;
  if (cart.code === "SAVE10") {
    discount = Math.floor(subtotal * 10) / 100;
  } else if (cart.code === "FLAT5") {
    discount = Math.min(5, subtotal);
  }
  const afterDiscount = subtotal - discount;
  const tax = Math.round(afterDiscount * (cart.taxRate ?? 0) * 100) / 100;
  return {
    subtotal: Math.round(subtotal * 100),
    discount: Math.round(discount * 100),
    tax: Math.round(tax * 100),
    total: Math.round((afterDiscount + tax) * 100),
  };
}
