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
import type { MultiLog } from "./MultiLog.tsx";

/**
 * The log with its toolbar: what is shown (filter, view options), how many
 * entries are kept, export and clear. With several connections, every
 * one's entries in one time order, labelled, with a filter by connection;
 * cap and clear act on them all (components/MultiLog.tsx).
 */
export function LogPane(
  { log, items, onCap, onClear }: {
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
  const multi = useSignal<MultiLog | null>(null);
  useSignalEffect(() => {
    // What several connections need loads with the second one.
    if (items.value[1] && !multi.peek()) {
      import("./MultiLog.tsx").then((m) =>
        multi.value ??= m.createMultiLog(items, parsedCap)
      );
    }
  });
  useEffect(() => () => multi.peek()?.dispose(), []);
  const v = multi.value?.view.value;
  const shown = filterEntries(v?.entries ?? log.entries, filter.value);

  async function exportLog() {
    const dropped = isFiltering(filter.value) ? 0 : v?.droppedBy ?? log.dropped;
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
        kept={v?.kept ?? log.entries.length}
        dropped={v?.dropped ?? log.dropped}
        connection={v && <v.Filter />}
        onExport={exportLog}
        onClear={v?.clear ?? onClear}
      />
      {/* A merged list orders otherwise: its window starts afresh. */}
      <LogView key={v ? 1 : 0} entries={shown} options={view.value} />
    </>
  );
}
