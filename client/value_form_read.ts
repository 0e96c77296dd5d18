/**
 * Reads the JSON form of client/value_form.ts back into the values a codec
 * encodes: `{"$bytes": "00ff"}` to bytes, `{"$bigint": "…"}` to a bigint,
 * `$map` to a Map, and a format's own values through its builders. Without
 * builders it only checks a form, which is how a script is checked before
 * any codec loads. Browser-safe and library-free.
 *
 * @module
 */

import { parseHex } from "./bytes.ts";
import { isMarker, MAX_FORM_DEPTH } from "./value_form.ts";

const FLOATS: Record<string, number> = {
  "NaN": NaN,
  "Infinity": Infinity,
  "-Infinity": -Infinity,
  "-0": -0,
};

/** What a format can hold beyond JSON, for reading a JSON form back. */
export interface FormRules {
  /** The format's name, for errors: `"$tag" is not in MessagePack`. */
  format: string;
  tags?: boolean;
  simple?: boolean;
  ext?: boolean;
  undefined?: boolean;
  /** Maps may have keys other than strings (`$map`). */
  anyKeys?: boolean;
}

/** What MessagePack and CBOR hold beyond JSON (as their libraries encode it). */
export const FORM_RULES = {
  // @msgpack/msgpack writes a map's keys as strings only, and has no undefined.
  msgpack: { format: "MessagePack", ext: true },
  cbor: {
    format: "CBOR",
    tags: true,
    simple: true,
    undefined: true,
    anyKeys: true,
  },
} as const satisfies Record<string, FormRules>;

/**
 * How a codec builds the values only it has. A builder left out yields a
 * plain stand-in, which is enough to check a form before its library loads.
 */
export interface FormBuilders {
  tag?: (tag: number | bigint, value: unknown) => unknown;
  simple?: (value: number) => unknown;
  ext?: (type: number, data: Uint8Array) => unknown;
}

/**
 * The value a JSON form stands for, to encode: markers become bytes,
 * bigints, maps and the codec's own values. Errors name the path, e.g.
 * `$.a: "$bytes" needs a hex string ("zz" is not hex)`.
 *
 * @throws {TypeError} when a marker is malformed or the format lacks it
 */
export function fromForm(
  form: unknown,
  rules: FormRules,
  build: FormBuilders = {},
  path = "$",
): unknown {
  const walk = (item: unknown, at: string, depth: number): unknown => {
    if (depth > MAX_FORM_DEPTH) {
      throw new RangeError(`${at}: nests deeper than ${MAX_FORM_DEPTH} levels`);
    }
    if (typeof item !== "object" || item === null) return item;
    if (Array.isArray(item)) {
      return item.map((child, i) => walk(child, `${at}[${i}]`, depth + 1));
    }
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record);
    const marker = keys.find(isMarker);
    if (marker === undefined) {
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        Object.defineProperty(out, key, {
          value: walk(record[key], `${at}${member(key)}`, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return marked(
      marker,
      record,
      at,
      (child, where) => walk(child, where, depth + 1),
      rules,
      build,
    );
  };
  return walk(form, path, 0);
}

function marked(
  marker: string,
  record: Record<string, unknown>,
  at: string,
  walk: (child: unknown, at: string) => unknown,
  rules: FormRules,
  build: FormBuilders,
): unknown {
  const companion = marker === "$tag"
    ? "value"
    : marker === "$ext"
    ? "data"
    : "";
  const allowed = companion ? [marker, companion] : [marker];
  const extra = Object.keys(record).find((key) => !allowed.includes(key));
  const fail = (why: string): never => {
    throw new TypeError(`${at}: "${marker}" ${why}`);
  };
  if (extra !== undefined) {
    fail(`goes with ${
      allowed.slice(1).map((k) => `"${k}"`).join(" and ") ||
      "no other key"
    }, not "${extra}"`);
  }
  const value = record[marker];
  const lacks = (what: string) => fail(`is not in ${rules.format}${what}`);
  switch (marker) {
    case "$bytes": {
      const bytes = typeof value === "string" ? parseHex(value) : "";
      if (typeof bytes === "string") {
        fail(`needs a hex string${bytes ? ` (${bytes})` : ""}`);
      }
      return bytes;
    }
    case "$bigint":
      if (typeof value !== "string" || !/^-?[0-9]+$/.test(value)) {
        fail(`needs a string of digits, e.g. "18446744073709551615"`);
      }
      return BigInt(value as string);
    case "$undefined":
      if (value !== true) fail("needs true");
      if (!rules.undefined) lacks("");
      return undefined;
    case "$float":
      if (typeof value !== "string" || !(value in FLOATS)) {
        fail(`needs "NaN", "Infinity", "-Infinity" or "-0"`);
      }
      return FLOATS[value as string];
    case "$map": {
      if (!rules.anyKeys) lacks(" as a map with keys other than strings");
      if (!Array.isArray(value)) fail("needs an array of [key, value] pairs");
      return new Map((value as unknown[]).map((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) {
          fail(`needs [key, value] pairs; item ${i} is not one`);
        }
        const where = `${at}.$map[${i}]`;
        const [key, item] = pair as unknown[];
        return [walk(key, `${where}[0]`), walk(item, `${where}[1]`)];
      }));
    }
    case "$tag": {
      if (!rules.tags) return lacks("");
      const tag = typeof value === "object" && value !== null
        ? walk(value, `${at}.$tag`)
        : value;
      if (
        !(typeof tag === "bigint" && tag >= 0n) &&
        !(Number.isSafeInteger(tag) && (tag as number) >= 0)
      ) fail("needs an integer 0 or more");
      if (!("value" in record)) fail(`needs "value"`);
      const inner = walk(record.value, `${at}.value`);
      return build.tag?.(tag as number | bigint, inner) ?? { tag, inner };
    }
    case "$simple":
      if (!rules.simple) return lacks("");
      if (
        !Number.isInteger(value) || (value as number) < 0 ||
        (value as number) > 255
      ) {
        fail("needs an integer 0-255");
      }
      return build.simple?.(value as number) ?? { simple: value };
    default: {
      if (!rules.ext) return lacks("");
      if (
        !Number.isInteger(value) || (value as number) < -128 ||
        (value as number) > 127
      ) {
        fail("needs an integer -128 to 127");
      }
      const data = typeof record.data === "string" ? parseHex(record.data) : "";
      if (typeof data === "string") fail(`needs "data" as a hex string`);
      return build.ext?.(value as number, data as Uint8Array) ??
        { ext: value, data };
    }
  }
}

/** `.key`, or `["odd key"]`, as a JSON path writes a member. */
export function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `.${key}`
    : `[${JSON.stringify(key)}]`;
}
