export function parse(query) {
  throw new Error("not implemented");
}

export function stringify(obj) {
  throw new Error("not implemented");
}
