/**
 * The JSON form of a decoded MessagePack, CBOR or Protobuf value: plain JSON
 * where JSON can say it, and a one-key object naming what JSON cannot, so
 * nothing is lost silently and the same text can be typed back to encode it:
 *
 * | value                        | JSON form                                  |
 * | ---------------------------- | ------------------------------------------ |
 * | byte string                  | `{"$bytes": "00ff10"}` (hex)               |
 * | integer past ±(2^53 - 1)     | `{"$bigint": "18446744073709551615"}`      |
 * | `undefined`                  | `{"$undefined": true}`                     |
 * | NaN, ±Infinity, -0           | `{"$float": "NaN"}`, `"Infinity"`, `"-0"`  |
 * | map with a key not a string  | `{"$map": [[1, "one"], [{"$bytes": "00"}, 2]]}` |
 * | CBOR tag                     | `{"$tag": 1, "value": 1700000000}`         |
 * | CBOR simple value            | `{"$simple": 16}`                          |
 * | MessagePack extension        | `{"$ext": 1, "data": "0102"}`              |
 *
 * A decoded map whose keys include one of these names is written as `$map`,
 * so a marker always means a marker. Browser-safe and library-free: each
 * codec module turns its library's values into this form and back.
 *
 * @module
 */

/** The keys that mark a value JSON cannot say. */
export const FORM_MARKERS = [
  "$bytes",
  "$bigint",
  "$undefined",
  "$float",
  "$map",
  "$tag",
  "$simple",
  "$ext",
] as const;

/** Values nest at most this deep, so a hostile message cannot blow the stack. */
export const MAX_FORM_DEPTH = 1000;

/** A library's own kind of value (a tag, an extension) as a JSON form. */
export type Special = (
  value: object,
  toForm: (inner: unknown) => unknown,
) => unknown;

/** Whether `key` would be read back as a marker. */
export function isMarker(key: string): boolean {
  return (FORM_MARKERS as readonly string[]).includes(key);
}

/** Bytes as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  // Uint8Array.prototype.toHex is in V8 14 and Safari 18.2; older engines
  // take the loop.
  const native = (bytes as { toHex?: () => string }).toHex;
  if (native) return native.call(bytes);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/**
 * `value`, as a decoder returned it, in its JSON form. `special` handles the
 * objects only one library makes (a CBOR tag, a MessagePack extension) and
 * returns `undefined` for anything else, which is then read as a plain
 * object.
 *
 * @throws {RangeError} when the value nests deeper than {@linkcode MAX_FORM_DEPTH}
 */
export function toForm(value: unknown, special?: Special): unknown {
  const walk = (item: unknown, depth: number): unknown => {
    if (depth > MAX_FORM_DEPTH) {
      throw new RangeError(`it nests deeper than ${MAX_FORM_DEPTH} levels`);
    }
    const inner = (child: unknown) => walk(child, depth + 1);
    switch (typeof item) {
      case "number":
        if (Number.isFinite(item) && !Object.is(item, -0)) return item;
        return { $float: Object.is(item, -0) ? "-0" : String(item) };
      case "bigint":
        return item >= Number.MIN_SAFE_INTEGER &&
            item <= Number.MAX_SAFE_INTEGER
          ? Number(item)
          : { $bigint: String(item) };
      case "undefined":
        return { $undefined: true };
      case "object":
        break;
      default:
        return item;
    }
    if (item === null) return null;
    if (item instanceof Uint8Array) return { $bytes: toHex(item) };
    if (Array.isArray(item)) return item.map(inner);
    if (item instanceof Map) return mapForm([...item], inner);
    const own = special?.(item, inner);
    if (own !== undefined) return own;
    return mapForm(Object.entries(item), inner);
  };
  return walk(value, 0);
}

/** A map: a JSON object when every key is a string that is not a marker. */
function mapForm(
  pairs: [unknown, unknown][],
  inner: (child: unknown) => unknown,
): unknown {
  if (pairs.every(([key]) => typeof key === "string" && !isMarker(key))) {
    const object: Record<string, unknown> = {};
    for (const [key, value] of pairs) {
      // defineProperty: a "__proto__" key is data, not the prototype.
      Object.defineProperty(object, key as string, {
        value: inner(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  return { $map: pairs.map(([key, value]) => [inner(key), inner(value)]) };
}

/** `1 byte`, `2 bytes`. */
export function plural(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? "" : "s"}`;
}
