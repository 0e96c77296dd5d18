/**
 * A script's actors on the page: each declared connection runs on the tab
 * of its name, made when missing, so what the actors send and receive
 * shows in the log and timeline like any other connection's.
 *
 * @module
 */

import type { Connection } from "../client/connection.ts";
import type { ScriptTarget } from "../client/script_connections.ts";
import type { LinkConnections } from "../client/link_connections.ts";
import { tabsFor, tabsMounted } from "./tabs_registry.ts";

/** The page's one connection and its form's fields, before there are tabs. */
export interface PageConnection {
  connection: Connection;
  url: { readonly value: string };
  protocols: { readonly value: string };
  /**
   * Shows the tabs with these connections (MultiSlot's
   * `restoreConnections`, handed down: imported here, it would split
   * MultiSlot from the first load's chunk into one of its own).
   */
  showTabs: (connections: LinkConnections) => void;
}

/**
 * The page connection of each of `targets`. Without tabs yet, they are
 * made: the page's connection stays as it is, as A (or as the target
 * named A), and each other target gets a tab of its name and fields.
 *
 * @throws {RangeError} when the tabs cannot hold them all
 */
export async function pageActors(
  targets: readonly ScriptTarget[],
  page: PageConnection,
): Promise<Map<string, Connection>> {
  if (!tabsMounted()) {
    const first = {
      name: "A",
      url: page.url.value,
      protocols: page.protocols.value,
      reconnect: page.connection.reconnect,
    };
    page.showTabs({
      selected: 0,
      items: [
        first,
        ...targets.filter((t) => t.name !== "A").map((t) => ({
          name: t.name,
          url: t.url,
          protocols: t.protocols.join(", "),
          reconnect: false,
        })),
      ],
    });
  }
  return await tabsFor(targets);
}
