/** Split `arr` into arrays of length `size` (the last may be shorter). `size` must be a positive integer. */
export function chunk(arr, size) {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError("size must be a positive integer");
  const out = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

/** zip([1,2],[a,b]) -> [[1,a],[2,b]]; stops at the shortest input; no inputs -> []. */
export function zip(...arrays) {
  // TODO
}

/** The inverse of zip: unzip([[1,a],[2,b]]) -> [[1,2],[a,b]]; [] -> []. Rows must all have the same length, else RangeError. */
export function unzip(rows) {
  // TODO
}
