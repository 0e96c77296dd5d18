/**
 * Records the page's connections into one {@linkcode Recorder}: each joins
 * under a name a script accepts, where it connects is kept up to date until
 * it has steps, and connections added while recording join as they come.
 * Browser-safe and free of Preact.
 *
 * @module
 */

import type { Connection } from "./connection.ts";
import { recordConnection } from "./connection_io.ts";
import {
  type Recorder,
  type RecorderOptions,
  scriptName,
} from "./script_recorder.ts";

/** A connection of the page as a recording sees it. */
export interface RecordSource {
  connection: Connection;
  /** Its name on the page, e.g. `A` or `bob smith`. */
  name: string;
  /** Its URL field: where it connects while its socket is not open. */
  url: string;
  /** Its subprotocols field, e.g. `chat, v2`. */
  protocols: string;
}

/** Records every connection it is given until {@linkcode stop}. */
export class SessionRecording {
  readonly #recorder: Recorder;
  readonly #onChange: () => void;
  readonly #joined = new Map<Connection, () => void>();
  readonly #names: string[] = [];

  /** `onChange` hears each step added. */
  constructor(recorder: Recorder, onChange: () => void) {
    this.#recorder = recorder;
    this.#onChange = onChange;
  }

  /** The script names given so far, by the order the connections joined. */
  get names(): readonly string[] {
    return this.#names;
  }

  /** Records each of `sources` not recorded yet; the rest are kept as they are. */
  add(sources: readonly RecordSource[]): void {
    for (const source of sources) {
      if (this.#joined.has(source.connection)) continue;
      // A name is fixed when the connection joins, so a rename while
      // recording does not split its steps between two names.
      const name = scriptName(source.name, this.#names);
      this.#names.push(name);
      const { connection } = source;
      const where = (): RecorderOptions => {
        const snap = connection.snapshot;
        if (snap.readyState === 0 || snap.readyState === 1) {
          return { url: snap.url, protocols: [...snap.protocols] };
        }
        // Connect checks the field; the recording only needs its names.
        return {
          url: source.url,
          protocols: source.protocols.split(",").map((p) => p.trim())
            .filter(Boolean),
        };
      };
      this.#recorder.target(name, where());
      // Steps start where the socket does: a connection recorded before it
      // opened runs on the URL it opened.
      const removeOpen = connection.addListener(
        "open",
        () => this.#recorder.target(name, where()),
      );
      const stop = recordConnection(
        connection,
        () => this.#recorder,
        this.#onChange,
        name,
      );
      this.#joined.set(connection, () => {
        removeOpen();
        stop();
      });
    }
  }

  /** Stops recording every connection. */
  stop(): void {
    for (const stop of this.#joined.values()) stop();
    this.#joined.clear();
  }
}

/**
 * What to record of the page's connections: `items` (none while there is
 * one connection, which is then `selected`, named A as its tab would be),
 * with `selected`'s fields as the form holds them.
 */
export function recordSources(
  items: readonly RecordSource[],
  selected: Connection,
  fields: { url: string; protocols: string },
): RecordSource[] {
  if (items.length === 0) {
    return [{ connection: selected, name: "A", ...fields }];
  }
  return items.map((item) =>
    item.connection === selected ? { ...item, ...fields } : item
  );
}
