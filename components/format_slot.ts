/**
 * Where the log finds its format controls (the "Read as" menus and decoded
 * bodies, components/FormatUi.tsx): loaded right after the page is
 * interactive, as the timeline is, so they weigh nothing on first load.
 * Until they arrive a binary message shows as it always has.
 *
 * @module
 */

import { signal } from "@preact/signals";
import type * as FormatUi from "./FormatUi.tsx";

/** The loaded module, or `null` until it has loaded. */
export const formatUi = signal<typeof FormatUi | null>(null);

let loading: Promise<void> | undefined;

/** Loads the format controls once. */
export function loadFormatUi(): void {
  loading ??= import("./FormatUi.tsx").then((m) => void (formatUi.value = m));
}
