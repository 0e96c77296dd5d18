/**
 * A small JSON Schema (draft 2020-12) checker for the keywords
 * `static/script.schema.json` uses, so tests can hold the schema against the
 * parser without a validator package. An unknown keyword throws: the checker
 * never passes a value by ignoring part of a schema.
 *
 * @module
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set([
  "$schema",
  "$defs",
  "title",
  "description",
  "default",
]);

/** Whether `value` is valid against `schema`, with `root` for `$ref`s. */
export function isValid(
  value: unknown,
  schema: Schema,
  root = schema,
): boolean {
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!check(keyword, arg, value, schema, root)) return false;
  }
  return true;
}

function check(
  keyword: string,
  arg: unknown,
  value: unknown,
  schema: Schema,
  root: Schema,
): boolean {
  const object = typeof value === "object" && value !== null &&
      !Array.isArray(value)
    ? value as Record<string, unknown>
    : null;
  switch (keyword) {
    case "$ref": {
      const path = (arg as string).replace(/^#\//, "").split("/");
      const target = path.reduce<unknown>(
        (node, key) => (node as Schema)[key],
        root,
      );
      return isValid(value, target as Schema, root);
    }
    case "type":
      return typeOf(value) === arg ||
        (arg === "number" && typeOf(value) === "integer");
    case "const":
      return JSON.stringify(value) === JSON.stringify(arg);
    case "oneOf":
      return (arg as Schema[]).filter((s) => isValid(value, s, root))
        .length === 1;
    case "properties":
      return !object || Object.entries(arg as Record<string, Schema>).every((
        [key, s],
      ) => !(key in object) || isValid(object[key], s, root));
    case "required":
      return !object || (arg as string[]).every((key) => key in object);
    case "anyOf":
      return (arg as Schema[]).some((s) => isValid(value, s, root));
    case "not":
      return !isValid(value, arg as Schema, root);
    case "additionalProperties": {
      const known = Object.keys((schema.properties ?? {}) as Schema);
      const others = object
        ? Object.keys(object).filter((key) => !known.includes(key))
        : [];
      return arg === false
        ? others.length === 0
        : others.every((key) => isValid(object![key], arg as Schema, root));
    }
    case "propertyNames":
      return !object ||
        Object.keys(object).every((key) => isValid(key, arg as Schema, root));
    case "minProperties":
      return !object || Object.keys(object).length >= (arg as number);
    case "maxProperties":
      return !object || Object.keys(object).length <= (arg as number);
    case "dependentRequired":
      return !object ||
        Object.entries(arg as Record<string, string[]>).every(([key, needs]) =>
          !(key in object) || needs.every((need) => need in object)
        );
    case "items":
      return !Array.isArray(value) ||
        value.every((item) => isValid(item, arg as Schema, root));
    case "minItems":
      return !Array.isArray(value) || value.length >= (arg as number);
    case "uniqueItems":
      return !Array.isArray(value) ||
        new Set(value.map((v) => JSON.stringify(v))).size === value.length;
    case "minimum":
      return typeof value !== "number" || value >= (arg as number);
    case "maximum":
      return typeof value !== "number" || value <= (arg as number);
    case "maxLength":
      return typeof value !== "string" || [...value].length <= (arg as number);
    case "pattern":
      return typeof value !== "string" ||
        new RegExp(arg as string, "u").test(value);
    default:
      throw new Error(`json_schema.ts does not know "${keyword}"`);
  }
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}
