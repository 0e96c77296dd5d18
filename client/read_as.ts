/**
 * How the log reads a binary message: as a hex dump, as UTF-8, or decoded
 * in a format the reader chose (a message sent in a format reads as it).
 * Nothing is ever guessed. Browser-safe and small: it loads with the page,
 * the codecs do not.
 *
 * @module
 */

import type { BinaryFormat } from "./formats.ts";

/** `hex`, `text`, `msgpack`, `cbor`, or `protobuf:` and a message type. */
export type ReadAs = "hex" | "text" | "msgpack" | "cbor" | `protobuf:${string}`;

/** The choices a menu offers, as `[value, label]`, given the schema's types. */
export function readAsChoices(types: readonly string[]): [ReadAs, string][] {
  return [
    ["hex", "Hex dump"],
    ["text", "UTF-8 text"],
    ["msgpack", "MessagePack"],
    ["cbor", "CBOR"],
    ...types.map((t): [ReadAs, string] => [`protobuf:${t}`, `Protobuf ${t}`]),
  ];
}

/** The format and Protobuf type `readAs` decodes with; `null` for hex and text. */
export function readAsFormat(
  readAs: ReadAs,
): { format: BinaryFormat; type: string } | null {
  if (readAs === "hex" || readAs === "text") return null;
  const [format, type = ""] = readAs.split(/:(.*)/) as [BinaryFormat, string];
  return { format, type };
}
