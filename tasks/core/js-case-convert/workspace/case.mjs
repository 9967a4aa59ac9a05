export function camelCase(s) {
  throw new Error("not implemented");
}

export function kebabCase(s) {
  throw new Error("not implemented");
}

export function snakeCase(s) {
  throw new Error("not implemented");
}
