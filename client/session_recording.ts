/**
 * Records the page's connections into one {@linkcode Recorder}: each joins
 * under a name a script accepts and follows its renames, so a replay finds
 * its tab; where it connects follows the page until it has steps;
 * connections added while recording join as they come.
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
  /** It as the page last showed it. */
  source: RecordSource;
  /** Its name in the script. */
  name: string;
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
   * takes the new name, its steps so far too: a script naming it as it was
   * would replay on a tab of that name, added for the purpose.
   */
  add(sources: readonly RecordSource[]): void {
    for (const source of sources) {
      const joined = this.#joined.get(source.connection);
      if (!joined) this.#join(source);
      else if (joined.source.name !== source.name) this.#rename(joined, source);
    }
  }

  /** Stops recording every connection. */
  stop(): void {
    for (const joined of this.#joined.values()) joined.stop();
    this.#joined.clear();
  }

  #join(source: RecordSource): void {
    const { connection } = source;
    const joined: Joined = {
      source,
      name: this.#nameFor(source.name),
      stop: () => {},
    };
    this.#recorder.target(joined.name, where(joined.source));
    // Steps start where the socket does: a connection recorded before it
    // opened runs on the URL it opened.
    const removeOpen = connection.addListener(
      "open",
      () => this.#recorder.target(joined.name, where(joined.source)),
    );
    const stop = recordConnection(
      connection,
      () => this.#recorder,
      this.#onChange,
      () => joined.name,
    );
    joined.stop = () => {
      removeOpen();
      stop();
    };
    this.#joined.set(connection, joined);
  }

  #rename(joined: Joined, source: RecordSource): void {
    const name = this.#nameFor(source.name, joined);
    this.#recorder.rename(joined.name, name);
    joined.name = name;
    joined.source = source;
    this.#recorder.target(name, where(source));
  }

  /** A script name for page name `name`, none but `self`'s taken. */
  #nameFor(name: string, self?: Joined): string {
    const taken = [...this.#joined.values()].filter((j) => j !== self)
      .map((j) => j.name);
    return scriptName(name, taken);
  }
}

/** Where `source` connects: its socket's URL once used, else its fields. */
function where({ connection, url, protocols }: RecordSource): RecorderOptions {
  const snap = connection.snapshot;
  if (snap.readyState === 0 || snap.readyState === 1) {
    return { url: snap.url, protocols: [...snap.protocols] };
  }
  // Connect checks the field; the recording only needs its names.
  return {
    url,
    protocols: protocols.split(",").map((p) => p.trim()).filter(Boolean),
  };
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
