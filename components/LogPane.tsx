import {
  type ReadonlySignal,
  useComputed,
  useSignal,
  useSignalEffect,
} from "@preact/signals";
import type { ConnectionItem } from "../client/connection_list.ts";
import { useEffect } from "preact/hooks";
import {
  type CappedLog,
  filterEntries,
  isFiltering,
  LOG_CAP_RANGE,
  type LogFilter,
  parseLogCap,
  SHOW_ALL,
} from "../client/log_filter.ts";
import { formatUi, loadFormatUi } from "./format_slot.ts";
import { LogToolbar } from "./LogToolbar.tsx";
import type { LogViewOptions } from "./LogEntry.tsx";
import { LogView } from "./LogView.tsx";

/**
 * The log with its toolbar: what is shown (filter, view options), how many
 * entries are kept, export and clear.
 */
export function LogPane(
  { log, onCap, onClear }: {
    log: CappedLog;
    /** Every connection, once there are several (see use_connection.ts). */
    items: ReadonlySignal<readonly ConnectionItem[]>;
    /** The reader set a valid cap on kept entries. */
    onCap: (max: number) => void;
    onClear: () => void;
  },
) {
  const filter = useSignal<LogFilter>(SHOW_ALL);
  const view = useSignal<LogViewOptions>({ binaryAs: "hex", prettyJson: true });
  const cap = useSignal(String(LOG_CAP_RANGE.default));
  const parsedCap = useComputed(() => parseLogCap(cap.value));
  useEffect(loadFormatUi, []);
  useSignalEffect(() => {
    const max = parsedCap.value;
    if (typeof max === "number") onCap(max);
  });
  const shown = filterEntries(log.entries, filter.value);

  async function exportLog() {
    const dropped = isFiltering(filter.value) ? 0 : log.dropped;
    const ui = formatUi.value;
    // Entries read in a format export their decoded value too.
    const extra = ui && shown.some((e) => e.bytes)
      ? await ui.decodedExport(shown, view.value.binaryAs)
      : undefined;
    // Loaded with the log's entries (components/LogEntry.tsx), by now.
    const { downloadNdjson } = await import("../client/ndjson.ts");
    downloadNdjson(shown, dropped, Date.now(), extra);
  }

  return (
    <>
      <LogToolbar
        filter={filter}
        view={view}
        cap={cap}
        capError={typeof parsedCap.value === "string" ? parsedCap.value : ""}
        shown={shown.length}
        kept={log.entries.length}
        dropped={log.dropped}
        onExport={exportLog}
        onClear={onClear}
      />
      <LogView entries={shown} options={view.value} />
    </>
  );
}
