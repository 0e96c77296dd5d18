/**
 * Records the page's connections into one {@linkcode Recorder}: each joins
 * under a name a script accepts; its name and where it connects follow the
 * page until it has steps; connections added while recording join as they
 * come.
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

/** A connection being recorded. */
interface Joined {
  /** Its name on the page when it joined. */
  pageName: string;
  /** Its name in the script. */
  name: string;
  /** Whether it has steps, after which its name stays. */
  recorded: boolean;
  stop: () => void;
}

/** Records every connection it is given until {@linkcode stop}. */
export class SessionRecording {
  readonly #recorder: Recorder;
  readonly #onChange: () => void;
  readonly #joined = new Map<Connection, Joined>();

  /** `onChange` hears each step added. */
  constructor(recorder: Recorder, onChange: () => void) {
    this.#recorder = recorder;
    this.#onChange = onChange;
  }

  /**
   * Records each of `sources` not recorded yet. One renamed on the page
   * before its first step takes the new name; after, its steps keep the
   * name they have.
   */
  add(sources: readonly RecordSource[]): void {
    for (const source of sources) {
      const joined = this.#joined.get(source.connection);
      if (joined && (joined.recorded || joined.pageName === source.name)) {
        continue;
      }
      joined?.stop();
      this.#joined.delete(source.connection);
      this.#join(source);
    }
  }

  /** Stops recording every connection. */
  stop(): void {
    for (const joined of this.#joined.values()) joined.stop();
    this.#joined.clear();
  }

  #join(source: RecordSource): void {
    const { connection } = source;
    const taken = [...this.#joined.values()].map((j) => j.name);
    const name = scriptName(source.name, taken);
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
    const joined: Joined = {
      pageName: source.name,
      name,
      recorded: false,
      stop: () => {},
    };
    const stop = recordConnection(connection, () => this.#recorder, () => {
      joined.recorded = true;
      this.#onChange();
    }, name);
    joined.stop = () => {
      removeOpen();
      stop();
    };
    this.#joined.set(connection, joined);
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
