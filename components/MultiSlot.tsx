import { signal } from "@preact/signals";
import type { LinkConnections } from "../client/link_connections.ts";
import type * as Tabs from "./ConnectionTabs.tsx";

/** The loaded tabs module, or `null` until the first "Add connection". */
const multiUi = signal<typeof Tabs | null>(null);

let loading: Promise<void> | undefined;

/** Loads the controls for several connections once. */
function loadMultiUi(): void {
  loading ??= import("./ConnectionTabs.tsx").then((m) =>
    void (multiUi.value = m)
  );
}

let saved: LinkConnections | undefined;

/**
 * Shows the tabs with a link's connections (names and fields, nothing
 * connected) in place of "Add connection"; ignored once the tabs are up.
 */
export function restoreConnections(connections: LinkConnections): void {
  if (!multiUi.peek()) saved = connections;
  loadMultiUi();
}

/**
 * Where several connections' tabs go: until a second connection is added,
 * one small "Add connection" button. What only a second connection needs
 * (components/ConnectionTabs.tsx) loads on that first click, so a page
 * with one socket never downloads it.
 */
export function MultiSlot(props: Tabs.ConnectionTabsProps) {
  const Multi = multiUi.value;
  if (Multi) return <Multi.ConnectionTabs {...props} saved={saved} />;
  return (
    <button
      type="button"
      class="secondary add-connection"
      onClick={loadMultiUi}
    >
      Add connection
    </button>
  );
}
