/**
 * A script's actors as page connections: for each connection a script
 * declares, the list's connection of that name, added when there is none,
 * so the run's traffic shows in that tab's log and timeline like any other.
 * Browser-safe and free of Preact.
 *
 * @module
 */

import type { Connection } from "./connection.ts";
import type { ConnectionList } from "./connection_list.ts";
import type { ScriptTarget } from "./script_connections.ts";
import { scriptName } from "./script_recorder.ts";

/**
 * The item `target` names: the one of that name, else the one whose name
 * a recording wrote as it (`bob smith` as `bob_smith`), so a recorded
 * script replays on the tabs it was recorded from.
 */
function itemFor(list: ConnectionList, target: ScriptTarget) {
  return list.items.find((item) => item.name === target.name) ??
    list.items.find((item) =>
      !list.items.some((other) => other.name === scriptName(item.name, [])) &&
      scriptName(item.name, []) === target.name
    );
}

/**
 * The connection named after each of `targets`, in their order: the item
 * of that name in `list` (or that a recording named so), else a new one
 * with the target's URL and subprotocols. An item of that name is taken as it is, its fields and
 * socket unchanged; the selection stays where it was.
 *
 * @throws {RangeError} when the new ones would pass the list's most, before
 *   adding any
 */
export function connectionsNamed(
  list: ConnectionList,
  targets: readonly ScriptTarget[],
): Map<string, Connection> {
  const missing = targets.filter((t) => !itemFor(list, t));
  const room = list.max - list.items.length;
  if (missing.length > room) {
    throw new RangeError(
      `Not run: the script needs ${missing.length} more connections, and only ${room} more fit beside the page's ${list.items.length}`,
    );
  }
  const found = new Map<string, Connection>();
  const selected = list.selected.id;
  for (const target of targets) {
    const item = itemFor(list, target) ??
      list.add({
        name: target.name,
        url: target.url,
        protocols: target.protocols.join(", "),
      });
    found.set(target.name, item.connection);
  }
  list.select(selected);
  return found;
}
