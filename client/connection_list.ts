/**
 * Several connections side by side: a list of {@linkcode Connection}s, each
 * with a short name (A, B, C… by default, renameable), a colour, and the URL
 * and subprotocols its fields hold; one is selected, and the composer acts
 * on it. Add, duplicate, remove, select, and send from every open one.
 * Browser-safe and free of Preact: tests drive it with fake connections.
 *
 * @module
 */

import { Connection, type MessageData } from "./connection.ts";
import { checkName, freeColour, freeName } from "./connection_names.ts";
import { RoomPeers } from "./room_peers.ts";

/** One connection of the list and what the page shows with it. */
export interface ConnectionItem {
  /** Stable for the item's life, for keys and element ids. */
  readonly id: number;
  /** Short and unique in the list, e.g. `A` or `alice`. */
  readonly name: string;
  /** A CSS colour, distinct from the others' while the palette lasts. */
  readonly colour: string;
  readonly connection: Connection;
  /** The URL field's text for this connection. */
  readonly url: string;
  /** The subprotocols field's text for this connection. */
  readonly protocols: string;
}

/** What a new item starts with. */
export interface ItemSettings {
  url: string;
  protocols: string;
  /** Whether a dropped connection is retried. @default {false} */
  reconnect?: boolean;
  /** Its name, if {@linkcode checkName} takes it. @default {a free letter} */
  name?: string;
}

/** How a {@linkcode ConnectionList} is built. */
export interface ConnectionListOptions {
  /** Makes each connection. @default {() => new Connection()} */
  createConnection?: () => Connection;
  /** Most connections at once. @default {16} */
  max?: number;
}

/** Defaults of {@linkcode ConnectionListOptions}. */
export const CONNECTION_LIST_DEFAULTS = { max: 16 } as const;

/** The list of connections; starts with one, `A`, selected. */
export class ConnectionList {
  readonly #create: () => Connection;
  readonly #max: number;
  #items: ConnectionItem[] = [];
  #selected = 0;
  #nextId = 1;
  readonly #subscribers = new Set<() => void>();
  /** What the connections sent to rooms, shared by them all. */
  readonly #peers = new RoomPeers();

  constructor(first: ItemSettings, options: ConnectionListOptions = {}) {
    this.#create = options.createConnection ?? (() => new Connection());
    this.#max = options.max ?? CONNECTION_LIST_DEFAULTS.max;
    this.#selected = this.#push(first).id;
  }

  /** Every item, in the order added; a new array after each change. */
  get items(): readonly ConnectionItem[] {
    return this.#items;
  }

  /** The item the composer, presets and Close act on. */
  get selected(): ConnectionItem {
    return this.#items.find((item) => item.id === this.#selected)!;
  }

  /** Most connections at once. */
  get max(): number {
    return this.#max;
  }

  /** Whether another connection may be added. */
  get canAdd(): boolean {
    return this.#items.length < this.#max;
  }

  /** Calls `fn` after every change to the list; returns an unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /**
   * Adds a connection with `settings`, named as they say or with the first
   * free letter, and selects it.
   *
   * @throws {RangeError} when the list holds `max` already
   */
  add(settings: ItemSettings): ConnectionItem {
    if (!this.canAdd) {
      throw new RangeError(
        `Cannot add a connection: ${this.#max} is the most at once`,
      );
    }
    const item = this.#push(settings);
    this.#selected = item.id;
    this.#changed();
    return item;
  }

  /** Adds a connection with the same URL, subprotocols and reconnect setting as `id`'s. */
  duplicate(id: number): ConnectionItem {
    const { url, protocols, connection } = this.#get(id);
    return this.add({ url, protocols, reconnect: connection.reconnect });
  }

  /**
   * Closes and drops `id`'s connection; the one after it (else before it)
   * is selected if it was. The last connection stays.
   *
   * @returns whether it was removed
   */
  remove(id: number): boolean {
    const at = this.#items.findIndex((item) => item.id === id);
    if (at === -1 || this.#items.length === 1) return false;
    this.#items[at].connection.dispose("Connection removed");
    // Disposed, it drops its socket's handlers: its close event may not come.
    this.#peers.leave(this.#items[at].connection);
    this.#items = this.#items.filter((item) => item.id !== id);
    if (this.#selected === id) {
      this.#selected = this.#items[Math.min(at, this.#items.length - 1)].id;
    }
    this.#changed();
    return true;
  }

  /**
   * Moves the selection as the ARIA tabs pattern does for `key` (arrows
   * wrap; Home and End go to the ends).
   *
   * @returns whether `key` is one of those
   */
  selectByKey(key: string): boolean {
    const at = this.#items.findIndex((item) => item.id === this.#selected);
    const to = tabTarget(key, at, this.#items.length);
    if (to === null) return false;
    this.select(this.#items[to].id);
    return true;
  }

  /** Selects `id`'s connection. */
  select(id: number): void {
    if (this.#selected === id) return;
    this.#get(id);
    this.#selected = id;
    this.#changed();
  }

  /**
   * Renames `id`'s connection to `name`, trimmed.
   *
   * @returns why the name cannot be used, or `null` once renamed
   */
  rename(id: number, name: string): string | null {
    const others = this.#items.filter((i) => i.id !== id).map((i) => i.name);
    const checked = checkName(name, others);
    if ("error" in checked) return checked.error;
    this.#update(id, { name: checked.name });
    return null;
  }

  /** Keeps the URL and subprotocols fields' text of `id`'s connection. */
  setFields(id: number, fields: { url?: string; protocols?: string }): void {
    this.#update(id, fields);
  }

  /**
   * Sends `data` from every connection whose socket is open.
   *
   * @returns the items it was sent from, in list order
   */
  sendToAll(data: MessageData): ConnectionItem[] {
    return this.#items.filter((item) => item.connection.send(data));
  }

  /** Disposes every connection. */
  dispose(): void {
    for (const item of this.#items) item.connection.dispose();
    this.#subscribers.clear();
  }

  #push(settings: ItemSettings): ConnectionItem {
    const connection = this.#create();
    this.#shareRooms(connection);
    connection.reconnect = settings.reconnect ?? false;
    const id = this.#nextId++;
    const names = this.#items.map((i) => i.name);
    const given = settings.name === undefined
      ? null
      : checkName(settings.name, names);
    const item: ConnectionItem = {
      id,
      name: given && "name" in given ? given.name : freeName(names),
      colour: freeColour(this.#items.map((i) => i.colour), id),
      connection,
      url: settings.url,
      protocols: settings.protocols,
    };
    this.#items = [...this.#items, item];
    return item;
  }

  /**
   * Lets `connection` know what its siblings send to its room, so that
   * their copies of a message are never taken for its echo.
   */
  #shareRooms(connection: Connection) {
    const peers = this.#peers;
    connection.wrapRoom((room, url) => peers.wrap(room, url, connection));
    // Open, it is a member: what siblings send from then on reaches it.
    const join = () => peers.join(connection, connection.snapshot.url);
    connection.addListener("open", join);
    connection.addListener("close", () => peers.leave(connection));
    if (connection.snapshot.readyState === 1) join();
  }

  #get(id: number): ConnectionItem {
    const item = this.#items.find((i) => i.id === id);
    if (!item) throw new RangeError(`No connection has id ${id}`);
    return item;
  }

  #update(id: number, change: Partial<ConnectionItem>): void {
    const item = this.#get(id);
    this.#items = this.#items.map((i) => i === item ? { ...i, ...change } : i);
    this.#changed();
  }

  #changed(): void {
    for (const fn of this.#subscribers) fn();
  }
}

/**
 * Where a key moves the selection among `count` tabs from `index`, as the
 * ARIA tabs pattern has it (arrows wrap; Home and End go to the ends);
 * `null` for any other key.
 */
function tabTarget(
  key: string,
  index: number,
  count: number,
): number | null {
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
