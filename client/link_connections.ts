/**
 * The part of a session link that holds several connections: each one's
 * name, URL, subprotocols and reconnect setting, and which is selected.
 * Browser-safe.
 *
 * @module
 */

import type { ConnectionItem } from "./connection_list.ts";
import { checkName } from "./connection_names.ts";

/** The connections of a link with several, and which one is selected. */
export interface LinkConnections {
  /** Index in `items` of the selected connection. */
  selected: number;
  items: LinkConnection[];
}

/** What a link keeps of one connection. */
export interface LinkConnection {
  name: string;
  /** The URL field as typed, query included. */
  url: string;
  /** The subprotocols field as typed. */
  protocols: string;
  reconnect: boolean;
}

/**
 * Most connections a link holds: as many as the page's list takes
 * (`CONNECTION_LIST_DEFAULTS.max`), not imported so that the link's chunk
 * does not pull in the list's code.
 */
const MAX_CONNECTIONS = 16;

/**
 * A link's `connections` for `items` (the page's list, empty with one
 * connection): `selected`'s fields are the form's, as the list stores a
 * connection's fields only when another is selected.
 */
export function linkConnections(
  items: readonly ConnectionItem[],
  selected: ConnectionItem["connection"],
  fields: { url: string; protocols: string },
): LinkConnections | undefined {
  if (items.length < 2) return undefined;
  return {
    selected: Math.max(0, items.findIndex((i) => i.connection === selected)),
    items: items.map((item) => ({
      name: item.name,
      ...(item.connection === selected
        ? fields
        : { url: item.url, protocols: item.protocols }),
      reconnect: item.connection.reconnect,
    })),
  };
}

/**
 * Reads a link's `connections` part.
 *
 * @returns the connections, or why they cannot be read
 */
export function readConnections(value: unknown): LinkConnections | string {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    return "it is not a list of connections";
  }
  const { items, selected } = value;
  if (items.length < 2 || items.length > MAX_CONNECTIONS) {
    return `it holds ${items.length}, expected 2-${MAX_CONNECTIONS}`;
  }
  const read: LinkConnection[] = [];
  for (const [i, item] of items.entries()) {
    const at = `connection ${i + 1}`;
    if (!isRecord(item)) return `${at} is not an object`;
    const { name, url, protocols, reconnect } = item;
    if (typeof name !== "string") return `${at}'s name is not text`;
    const checked = checkName(name, read.map((c) => c.name));
    if ("error" in checked) return `${at}: ${checked.error}`;
    if (typeof url !== "string") return `${at}'s url is not text`;
    if (typeof protocols !== "string") return `${at}'s protocols is not text`;
    if (typeof reconnect !== "boolean") {
      return `${at}'s reconnect is not true or false`;
    }
    read.push({ name: checked.name, url, protocols, reconnect });
  }
  if (
    !Number.isInteger(selected) || (selected as number) < 0 ||
    (selected as number) >= read.length
  ) {
    return `selected is ${JSON.stringify(selected)}, expected 0-${
      read.length - 1
    }`;
  }
  return { selected: selected as number, items: read };
}

/** Whether `value` is a JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
