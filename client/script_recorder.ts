/**
 * Records a session as a script: what the user sends becomes `send` steps,
 * what comes back becomes exact expectations, ready to edit and run again.
 * With several connections, each is a named one of the script's
 * `connections` and every step says `on` which it happened.
 * Pure: the page feeds it what happened. Browser-safe.
 *
 * @module
 */

import type { Script, ScriptConnection, Step } from "./script.ts";

/** Where the recorded script connects. */
export interface RecorderOptions {
  url?: string;
  protocols?: string[];
}

/**
 * A name a script accepts for a connection (`CONNECTION_NAME` in
 * script.ts) for one named `name` on the page, none of `taken`: characters
 * other than A-Z a-z 0-9 . _ - become `_`, digits alone get a `c` before
 * them, and a name already taken gets `-2`, `-3`….
 */
export function scriptName(name: string, taken: readonly string[]): string {
  const plain = name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 28) || "c";
  const base = /^[0-9]+$/.test(plain) ? `c${plain}` : plain;
  let candidate = base;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * Builds a script from a session, step by step: text is sent as text and
 * expected with `equals`, binary as `hex`, the user's close as `close` and
 * the socket's close as `expectClose` with its code and reason.
 *
 * Each method takes `on`, the connection it happened on. While steps come
 * from one connection, the script has its `url`, as with one socket; once
 * a second has steps, the script declares `connections` (those with steps,
 * in the order declared with {@linkcode Recorder.target}) and every step
 * names its own with `on`, the first's too, so that reordering the
 * connections in the file moves no step to another.
 */
export class Recorder {
  #targets = new Map<string, RecorderOptions>();
  #steps: { step: Step; on: string }[] = [];

  /** `options` says where the connection of steps without `on` connects. */
  constructor(options: RecorderOptions = {}) {
    this.#targets.set("", options);
  }

  /**
   * Says where connection `name` connects (a name {@linkcode scriptName}
   * gives); once it has steps, where it connected first is kept.
   */
  target(name: string, options: RecorderOptions): void {
    if (!this.#steps.some((s) => s.on === name)) {
      this.#targets.set(name, options);
    }
  }

  /**
   * Connection `from` is now called `to` (a name {@linkcode scriptName}
   * gives, none other's): its steps and where it connects move over, and it
   * keeps its place among `connections`.
   */
  rename(from: string, to: string): void {
    this.#targets = new Map(
      [...this.#targets].map(([name, options]) => [
        name === from ? to : name,
        options,
      ]),
    );
    for (const s of this.#steps) if (s.on === from) s.on = to;
  }

  /** The user sent `data`. */
  sent(data: string | Uint8Array, on = ""): void {
    this.#add(on, {
      send: typeof data === "string" ? data : { hex: toHex(data) },
    });
  }

  /** A message came in. */
  received(data: string | Uint8Array, on = ""): void {
    this.#add(on, {
      expect: typeof data === "string"
        ? { equals: data }
        : { hex: toHex(data) },
    });
  }

  /**
   * The user closed the connection. A code a page may not send (anything but
   * 1000 and 3000-4999) is left out, as `WebSocket.close()` would refuse it.
   */
  closing(code?: number, reason?: string, on = ""): void {
    if (code === undefined || (code !== 1000 && (code < 3000 || code > 4999))) {
      this.#add(on, { close: {} });
    } else {
      this.#add(on, { close: reason ? { code, reason } : { code } });
    }
  }

  /** The connection closed with `code` and `reason`. */
  closed(code: number, reason: string, on = ""): void {
    this.#add(on, { expectClose: { code, reason } });
  }

  /** Steps recorded so far. */
  get size(): number {
    return this.#steps.length;
  }

  /** The script recorded so far, a copy. */
  script(): Script {
    const used = [...this.#targets.keys()].filter((name) =>
      this.#steps.some((s) => s.on === name)
    );
    if (used.length < 2) {
      const { url, protocols } = this.#targets.get(used[0] ?? "") ?? {};
      return {
        ...(url === undefined ? {} : { url }),
        ...(protocols?.length ? { protocols: [...protocols] } : {}),
        steps: this.#steps.map((s) => structuredClone(s.step)),
      };
    }
    const connections: Record<string, ScriptConnection> = {};
    for (const name of used) {
      const { url = "", protocols } = this.#targets.get(name)!;
      connections[name] = protocols?.length
        ? { url, protocols: [...protocols] }
        : { url };
    }
    return {
      connections,
      steps: this.#steps.map((s) => ({ ...structuredClone(s.step), on: s.on })),
    };
  }

  /** The script as the JSON file a person edits: two-space indents. */
  toJson(): string {
    return JSON.stringify(this.script(), null, 2) + "\n";
  }

  #add(on: string, step: Step): void {
    if (!this.#targets.has(on)) this.#targets.set(on, {});
    this.#steps.push({ step, on });
  }
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
