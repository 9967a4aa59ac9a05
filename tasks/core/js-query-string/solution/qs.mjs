const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function decode(s) {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

function keyPath(rawKey) {
  const key = decode(rawKey);
  const m = key.match(/^([^[\]]*)((?:\[[^[\]]*\])*)$/);
  if (!m) return [key];
  const rest = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]);
  return [m[1], ...rest];
}

export function parse(query) {
  const out = {};
  for (const pair of query.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const path = keyPath(rawKey);
    if (path.some((p) => FORBIDDEN.has(p)) || path[0] === "") continue;
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i];
      const nextIsArray = path[i + 1] === "";
      if (node[k] === undefined || typeof node[k] !== "object") {
        node[k] = nextIsArray ? [] : {};
      }
      node = node[k];
    }
    const last = path[path.length - 1];
    if (Array.isArray(node) && last === "") node.push(value);
    else node[last] = value;
  }
  return out;
}

function encodeKey(k) {
  return encodeURIComponent(k);
}

function pairs(prefix, value, out) {
  if (Array.isArray(value)) {
    for (const v of value) pairs(`${prefix}[]`, v, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) pairs(`${prefix}[${encodeKey(k)}]`, v, out);
  } else {
    out.push(`${prefix}=${encodeURIComponent(String(value))}`);
  }
}

export function stringify(obj) {
  const out = [];
  for (const [k, v] of Object.entries(obj)) pairs(encodeKey(k), v, out);
  return out.join("&");
}
