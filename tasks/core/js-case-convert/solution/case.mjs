function words(s) {
  const spaced = s
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return spaced.split(/[\s_-]+/).filter(Boolean).map((w) => w.toLowerCase());
}

export function camelCase(s) {
  return words(s)
    .map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1)))
    .join("");
}

export function kebabCase(s) {
  return words(s).join("-");
}

export function snakeCase(s) {
  return words(s).join("_");
}
