/**
 * A script's connections: the `connections` key it may declare instead of
 * one `url`, the `on` a step names one with, and the list of sockets a run
 * opens, with `--url` applied. Errors name where the script is wrong, e.g.
 * `steps[2].on: "carol" is not a declared connection; expected alice, bob`.
 * Browser-safe.
 *
 * @module
 */

import {
  CONNECTION_NAME,
  connectionNames,
  quoteText,
  type Script,
  SCRIPT_LIMITS,
  type ScriptConnection,
} from "./script.ts";
import { describeValue, object, onlyKeys, string } from "./script_fields.ts";

/**
 * Checks a URL to connect to as a script's `url` is checked; errors name
 * `path`.
 *
 * @throws {SyntaxError} when it is not a `ws:` or `wss:` URL
 */
export function parseScriptUrl(text: string, path = "url"): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SyntaxError(`${path}: ${quoteText(text)} is not a URL`);
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
    throw new SyntaxError(
      `${path}: ${quoteText(text)} is not a ws: or wss: URL`,
    );
  }
  return text;
}

// A subprotocol is an HTTP token (RFC 6455 §4.1, RFC 9110 §5.6.2).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `protocols`, or another field at `at`: distinct subprotocol names. */
export function protocols(value: unknown, at = "protocols"): string[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `${at}: expected an array of strings, got ${describeValue(value)}`,
    );
  }
  return value.map((item, i) => {
    const path = `${at}[${i}]`;
    const protocol = string(item, path);
    if (!TOKEN.test(protocol)) {
      throw new SyntaxError(
        `${path}: ${JSON.stringify(protocol)} is not a valid subprotocol name`,
      );
    }
    if (value.indexOf(protocol) !== i) {
      throw new SyntaxError(
        `${path}: ${JSON.stringify(protocol)} is listed twice`,
      );
    }
    return protocol;
  });
}

/** A socket a run opens: its name (`""` for a `url` script), URL and subprotocols. */
export interface ScriptTarget {
  name: string;
  url: string;
  protocols: string[];
}

/**
 * The `connections` key: 1-16 names, each with a `url` and optional
 * `protocols`, copied in the order declared.
 *
 * @throws {TypeError} when a value has the wrong type or a key is unknown
 * @throws {SyntaxError} when a name, URL or subprotocol is malformed
 * @throws {RangeError} when there are none or too many
 */
export function parseConnections(
  value: unknown,
): Record<string, ScriptConnection> {
  const json = object(value, "connections", "an object of named connections");
  const names = Object.keys(json);
  const { maxConnections } = SCRIPT_LIMITS;
  if (names.length === 0 || names.length > maxConnections) {
    throw new RangeError(
      `connections: ${names.length} declared, expected 1-${maxConnections}`,
    );
  }
  const result: Record<string, ScriptConnection> = {};
  for (const name of names) {
    if (!CONNECTION_NAME.test(name)) {
      throw new SyntaxError(
        `connections: ${
          quoteText(name)
        } is not a name; expected 1-32 characters of A-Z a-z 0-9 . _ -, not digits alone`,
      );
    }
    const path = `connections.${name}`;
    const entry = object(json[name], path);
    onlyKeys(entry, path, ["url", "protocols"]);
    if (entry.url === undefined) throw new TypeError(`${path}: has no "url"`);
    const url = parseScriptUrl(string(entry.url, `${path}.url`), `${path}.url`);
    result[name] = entry.protocols === undefined
      ? { url }
      : { url, protocols: protocols(entry.protocols, `${path}.protocols`) };
  }
  return result;
}

/**
 * A step's `on`: one of `names`, the connections the script declares.
 *
 * @throws {TypeError} when it is not a string or names no declared connection
 */
export function parseOn(
  value: unknown,
  path: string,
  names: readonly string[],
): string {
  const name = string(value, path);
  if (names.includes(name)) return name;
  throw new TypeError(
    names.length === 0
      ? `${path}: ${
        quoteText(name)
      } names a connection, but the script declares none in "connections"`
      : `${path}: ${quoteText(name)} is not a declared connection; expected ${
        names.join(", ")
      }`,
  );
}

/**
 * The sockets a run of `script` opens, in order: one per declared
 * connection, or one unnamed for a `url` script (its `url`, else
 * `fallbackUrl`). `null` when a `url` script has neither.
 */
export function scriptTargets(
  script: Script,
  fallbackUrl?: string,
): ScriptTarget[] | null {
  const names = connectionNames(script);
  if (names.length === 0) {
    const url = script.url ?? fallbackUrl;
    if (url === undefined) return null;
    return [{ name: "", url, protocols: script.protocols ?? [] }];
  }
  return names.map((name) => {
    const { url, protocols = [] } = script.connections![name];
    return { name, url, protocols };
  });
}

/**
 * The command's `--url` for a script with connections: an origin
 * (`ws://host:port`) that replaces the scheme, host and port of every
 * connection's URL, keeping each one's path and query, so one file runs
 * against any server. A user and password in `url` replace each one's too.
 * With one connection, a whole URL replaces its URL, as for a `url` script.
 *
 * @throws {SyntaxError} when `url` has a path, query or fragment and there
 *   are several connections: which one it meant is not clear
 */
export function withOrigin(
  targets: readonly ScriptTarget[],
  url: string,
): ScriptTarget[] {
  const origin = new URL(parseScriptUrl(url, "--url"));
  const whole = origin.pathname !== "/" || origin.search !== "" ||
    origin.hash !== "";
  if (whole && targets.length === 1) return [{ ...targets[0], url }];
  if (whole) {
    throw new SyntaxError(
      `--url: ${
        quoteText(url)
      } has a path, query or fragment; a script with several connections takes an origin such as ws://host:8000, which replaces each connection's`,
    );
  }
  return targets.map((target) => {
    const moved = new URL(target.url);
    moved.protocol = origin.protocol;
    moved.hostname = origin.hostname;
    // Not `host`: setting it without a port would keep the old port.
    moved.port = origin.port;
    if (origin.username !== "" || origin.password !== "") {
      moved.username = origin.username;
      moved.password = origin.password;
    }
    return { ...target, url: moved.href };
  });
}
