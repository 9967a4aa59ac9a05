/** Split `arr` into arrays of length `size` (the last may be shorter). `size` must be a positive integer. */
export function chunk(arr, size) {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError("size must be a positive integer");
  const out = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

/** zip([1,2],[a,b]) -> [[1,a],[2,b]]; stops at the shortest input; no inputs -> []. */
export function zip(...arrays) {
  if (arrays.length === 0) return [];
  const n = Math.min(...arrays.map((a) => a.length));
  return Array.from({ length: n }, (_, i) => arrays.map((a) => a[i]));
}

/** The inverse of zip: unzip([[1,a],[2,b]]) -> [[1,2],[a,b]]; [] -> []. Rows must all have the same length, else RangeError. */
export function unzip(rows) {
  if (rows.length === 0) return [];
  const width = rows[0].length;
  if (rows.some((r) => r.length !== width)) throw new RangeError("rows differ in length");
  return Array.from({ length: width }, (_, j) => rows.map((r) => r[j]));
}
