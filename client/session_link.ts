/**
 * A link that restores a session: the connection URL (its query carries the
 * server behaviours), the subprotocols, the presets and the script, and with
 * several connections each one's name, URL, subprotocols and reconnect
 * setting and which is selected, as JSON
 * compressed with the browser's `CompressionStream` ("deflate-raw") and
 * written in base64url after `#session=`. The fragment never reaches a
 * server. Browser-safe.
 *
 * @module
 */

import {
  isRecord,
  type LinkConnections,
  readConnections,
} from "./link_connections.ts";
import { parsePresets } from "./preset_edit.ts";
import type { Preset } from "./presets.ts";

/** What a link holds. */
export interface Session {
  /** The URL field as typed, query included. */
  url: string;
  /** The subprotocols field as typed, e.g. `chat, v2`. */
  protocols: string;
  presets: Preset[];
  /** The script editor's text as it is (it need not be a valid script). */
  script: string;
  /**
   * Every connection, when there are several; a one-connection session has
   * none, and its link is as before this key existed.
   */
  connections?: LinkConnections;
}

/** What a link restored, and what it could not read. */
export interface ReadSession {
  session: Partial<Session>;
  /** One line per part that could not be read; empty when all was read. */
  problems: string[];
}

/** Where the session sits in the fragment. */
export const LINK_PREFIX = "#session=";

/**
 * Longest fragment a link may have, in characters. Browsers take far longer
 * URLs, but chat apps, issue trackers and some proxies cut them near 8 KB.
 * @default {8192}
 */
export const MAX_LINK_CHARS = 8192;

/** The format's version, so a later change can still read old links. */
const VERSION = 1;

/**
 * The fragment for `session`: `#session=` and base64url.
 *
 * @throws {RangeError} when it would be longer than {@linkcode MAX_LINK_CHARS}
 */
export async function encodeSession(session: Session): Promise<string> {
  const json = JSON.stringify({ v: VERSION, ...session });
  const packed = await pipe(
    new TextEncoder().encode(json),
    new CompressionStream("deflate-raw"),
  );
  const fragment = LINK_PREFIX + toBase64Url(packed);
  if (fragment.length > MAX_LINK_CHARS) {
    throw new RangeError(
      `Not copied: the link would be ${fragment.length} characters, more than ${MAX_LINK_CHARS}; shorten the script or remove presets`,
    );
  }
  return fragment;
}

/**
 * Reads a fragment made by {@linkcode encodeSession}; `null` when `hash`
 * holds no session. Parts that cannot be read are left out and named in
 * `problems`, so the rest still restores.
 */
export async function decodeSession(hash: string): Promise<ReadSession | null> {
  if (!hash.startsWith(LINK_PREFIX)) return null;
  const fail = (why: string) => ({
    session: {},
    problems: [`Could not read the link: ${why}`],
  });
  const text = hash.slice(LINK_PREFIX.length);
  if (text.length > MAX_LINK_CHARS) {
    return fail(`it is longer than ${MAX_LINK_CHARS} characters`);
  }
  const packed = fromBase64Url(text);
  if (!packed) return fail("it is not base64url (was it cut short?)");
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(
      await pipe(packed, new DecompressionStream("deflate-raw")),
    );
  } catch {
    return fail("it does not decompress (was it cut short?)");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail("it is not JSON");
  }
  if (!isRecord(value)) return fail("it holds no session");
  const record = value;
  if (record.v !== VERSION) {
    return fail(`it is of version ${JSON.stringify(record.v)}, not ${VERSION}`);
  }
  return readParts(record);
}

function readParts(record: Record<string, unknown>): ReadSession {
  const session: Partial<Session> = {};
  const problems: string[] = [];
  for (const key of ["url", "protocols", "script"] as const) {
    const part = record[key];
    if (part === undefined) continue;
    if (typeof part === "string") session[key] = part;
    else problems.push(`Could not read the link's ${key}: it is not text`);
  }
  if (record.presets !== undefined) {
    try {
      session.presets = parsePresets(record.presets);
    } catch (error) {
      problems.push(
        `Could not read the link's presets: ${(error as Error).message}`,
      );
    }
  }
  if (record.connections !== undefined) {
    const read = readConnections(record.connections);
    if (typeof read === "string") {
      problems.push(`Could not read the link's connections: ${read}`);
    } else session.connections = read;
  }
  return { session, problems };
}

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const output = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** RFC 4648 §5 without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** The bytes of unpadded base64url, or `null` when `text` is not that. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
