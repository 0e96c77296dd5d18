/**
 * What the composer may send: the modes, and what is wrong with a draft in
 * each. Browser-safe and free of Preact.
 *
 * @module
 */

import { formatBytes } from "../core/format.ts";
import { parseBase64, parseHex } from "./bytes.ts";
import type { BinaryFormat, ProtoType } from "./formats.ts";
import { checkJson } from "./json_text.ts";
import type { ReadAs } from "./read_as.ts";

/** How the composer's content is sent. */
export type SendMode =
  | "text"
  | "json"
  | "hex"
  | "base64"
  | "file"
  | BinaryFormat;

/** Largest file the composer sends: the echo server's default message limit. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Characters past which a pasted draft is held apart from the textarea:
 * Chromium takes seconds to lay out megabytes of text in one.
 */
export const LARGE_DRAFT_CHARS = 64 * 1024;

/** What a draft file is, as far as checking it goes. */
export interface DraftFile {
  name: string;
  size: number;
}

/**
 * Why a draft cannot be sent in `mode`, or `""` when it can. An empty JSON
 * draft is not an error yet: there is nothing to send.
 */
export function draftProblem(
  mode: SendMode,
  text: string,
  file: DraftFile | null,
): string {
  switch (mode) {
    // The binary formats are typed as JSON too; a pasted draft too long to
    // edit is checked by the worker that encodes it, off the page's thread.
    case "msgpack":
    case "cbor":
    case "protobuf":
      if (text.length > LARGE_DRAFT_CHARS) return "";
      // falls through
    case "json":
      return text.trim() === "" ? "" : checkJson(text) ?? "";
    case "hex":
    case "base64": {
      const parsed = draftBytes(mode, text);
      return typeof parsed === "string" ? parsed : "";
    }
    case "file":
      return file && file.size > MAX_FILE_BYTES
        ? `${file.name} is ${formatBytes(file.size)}; files up to ${
          formatBytes(MAX_FILE_BYTES)
        } can be sent`
        : "";
    default:
      return "";
  }
}

/** The bytes a hex or base64 draft stands for, or why it stands for none. */
export function draftBytes(
  mode: "hex" | "base64",
  text: string,
): Uint8Array<ArrayBuffer> | string {
  return mode === "hex" ? parseHex(text) : parseBase64(text);
}

/**
 * The message a draft stands for: text as is, hex or base64 as bytes, a
 * file's bytes; `null` when there is none to send.
 */
export async function draftMessage(
  mode: SendMode,
  text: string,
  file: Blob | null,
): Promise<string | Uint8Array<ArrayBuffer> | null> {
  if (mode === "hex" || mode === "base64") {
    const bytes = draftBytes(mode, text);
    return typeof bytes === "string" ? null : bytes;
  }
  if (mode !== "file") return text;
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}

/**
 * What a draft sends and how its log entry reads: a draft in a binary
 * format is encoded by client/draft_format.ts, loaded on first use.
 *
 * @throws {TypeError} naming what the format cannot hold, e.g.
 *   `$: "$undefined" is not in MessagePack`
 */
export async function draftToSend(
  mode: SendMode,
  text: string,
  file: Blob | null,
  proto: ProtoType,
): Promise<{ data: string | Uint8Array<ArrayBuffer>; readAs?: ReadAs } | null> {
  if (mode === "msgpack" || mode === "cbor" || mode === "protobuf") {
    return (await import("./draft_format.ts")).encodeDraft(mode, text, proto);
  }
  const data = await draftMessage(mode, text, file);
  return data === null ? null : { data };
}
