import {
  describeCloseCode,
  formatTime,
  type LogEntry,
} from "../client/event_log.ts";
import { formatBytes, hexPreview } from "../core/format.ts";

const ARROWS = { in: "↓ in", out: "↑ out", none: "" } as const;

/** The event log: a polite live region, newest entry last. */
export function LogView({ entries }: { entries: LogEntry[] }) {
  return (
    <ol class="log" role="log" aria-live="polite" aria-label="Event log">
      {entries.length === 0 && <li class="empty">No events yet.</li>}
      {entries.map((entry) => (
        <li
          key={entry.id}
          class={`entry ${entry.kind}${entry.bytes ? " binary" : ""}`}
        >
          <time>{formatTime(entry.time)}</time>
          <span class="kind">{entry.kind}</span>
          <span class="dir">{ARROWS[entry.direction]}</span>
          {entry.size !== undefined && (
            <span class="size">{formatBytes(entry.size)}</span>
          )}
          <EntryDetail entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function EntryDetail({ entry }: { entry: LogEntry }) {
  if (entry.close) {
    const { code, reason, wasClean } = entry.close;
    return (
      <span class="detail">
        code {describeCloseCode(code)}, reason{" "}
        {reason ? `"${reason}"` : "(none)"}, wasClean {String(wasClean)}
      </span>
    );
  }
  if (entry.bytes) {
    return (
      <span class="detail">
        binary <code class="hex">{hexPreview(entry.bytes)}</code>
      </span>
    );
  }
  return <span class="detail text">{entry.text}</span>;
}
