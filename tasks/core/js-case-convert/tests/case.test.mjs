import { test } from "node:test";
import assert from "node:assert/strict";
import { camelCase, kebabCase, snakeCase } from "/workspace/case.mjs";

test("kebab from spaces and underscores", () => {
  assert.equal(kebabCase("Hello big_world"), "hello-big-world");
});

test("snake from camel", () => {
  assert.equal(snakeCase("parseHttpResponse"), "parse_http_response");
});

test("camel from kebab", () => {
  assert.equal(camelCase("foo-bar-baz"), "fooBarBaz");
});

test("acronyms", () => {
  assert.equal(kebabCase("XMLHttpRequest"), "xml-http-request");
  assert.equal(camelCase("get HTTP status"), "getHttpStatus");
});

test("digits stay with their word", () => {
  assert.equal(snakeCase("version2Update"), "version2_update");
});

test("extra separators", () => {
  assert.equal(kebabCase("  --many__seps  here "), "many-seps-here");
  assert.equal(camelCase(""), "");
});
