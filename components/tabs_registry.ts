/**
 * Where a script run finds the page's tabs: the mounted ConnectionTabs
 * registers how it gives a script's actors their connections, and a run
 * waits for that when the tabs are still loading. A module of its own, so
 * that the script panel's chunk does not pull in the tabs' code.
 *
 * @module
 */

import type { Connection } from "../client/connection.ts";
import type { ScriptTarget } from "../client/script_connections.ts";

/** Gives each target its page connection (see client/script_tabs.ts). */
export type TabsFor = (
  targets: readonly ScriptTarget[],
) => Map<string, Connection>;

let mounted: TabsFor | null = null;
const waiting: (() => void)[] = [];

/** Called by the mounted tabs; returns the unregister for their unmount. */
export function registerTabs(tabsFor: TabsFor): () => void {
  mounted = tabsFor;
  for (const resume of waiting.splice(0)) resume();
  return () => {
    if (mounted === tabsFor) mounted = null;
  };
}

/** Whether the tabs are up. */
export function tabsMounted(): boolean {
  return mounted !== null;
}

/**
 * Each target's page connection, once the tabs are up.
 *
 * @throws {RangeError} when the tabs cannot hold them all
 */
export async function tabsFor(
  targets: readonly ScriptTarget[],
): Promise<Map<string, Connection>> {
  if (!mounted) await new Promise<void>((resume) => waiting.push(resume));
  return mounted!(targets);
}
