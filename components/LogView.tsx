import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import { decodeUtf8, hexDump } from "../client/bytes.ts";
import {
  describeCloseCode,
  formatTime,
  type LogEntry,
} from "../client/event_log.ts";
import { prettyJson } from "../client/json_text.ts";
import { toRecord } from "../client/ndjson.ts";
import { formatMs } from "../client/rtt.ts";
import { formatBytes } from "../core/format.ts";

const ARROWS = { in: "↓ in", out: "↑ out", none: "" } as const;

/** Bytes of a binary message drawn as a hex dump; export shows them all. */
const DUMP_BYTES = 512;
/** Characters of a text message drawn; export shows them all. */
const SHOWN_CHARS = 16 * 1024;

/** How entries are drawn. */
export interface LogViewOptions {
  /** Binary payloads as a hex dump, or decoded as UTF-8. */
  binaryAs: "hex" | "text";
  /** Text that parses as a JSON object or array, indented. */
  prettyJson: boolean;
}

/**
 * The event log: a polite live region, newest entry last. It follows new
 * entries until the reader scrolls up, and offers a way back down.
 */
export function LogView(
  { entries, options }: {
    entries: readonly LogEntry[];
    options: LogViewOptions;
  },
) {
  const list = useRef<HTMLOListElement>(null);
  const following = useSignal(true);

  useLayoutEffect(() => {
    const ol = list.current;
    if (ol && following.peek()) ol.scrollTop = ol.scrollHeight;
  }, [entries]);

  function onScroll() {
    const ol = list.current;
    if (!ol) return;
    // A few pixels of slack: zoom and fractional sizes leave a remainder.
    following.value = ol.scrollTop + ol.clientHeight >= ol.scrollHeight - 8;
  }

  function jumpToLatest() {
    const ol = list.current;
    if (ol) ol.scrollTop = ol.scrollHeight;
    following.value = true;
  }

  return (
    <div class="log-frame">
      <ol
        ref={list}
        class="log"
        role="log"
        aria-live="polite"
        aria-label="Event log"
        tabIndex={0}
        onScroll={onScroll}
      >
        {entries.length === 0 && <li class="empty">No events to show.</li>}
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} options={options} />
        ))}
      </ol>
      {!following.value && (
        <button type="button" class="jump secondary" onClick={jumpToLatest}>
          Autoscroll paused · Jump to latest
        </button>
      )}
    </div>
  );
}

function Entry(
  { entry, options }: { entry: LogEntry; options: LogViewOptions },
) {
  const copied = useSignal(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(JSON.stringify(toRecord(entry)));
      copied.value = true;
      setTimeout(() => copied.value = false, 1500);
    } catch {
      // Clipboard refused (no permission or no focus): nothing to undo.
    }
  }
  const kind = entry.kind + (entry.bytes ? " binary" : "");
  return (
    <li class={`entry ${kind}`}>
      <div class="meta">
        <time>{formatTime(entry.time)}</time>
        <span class="kind">{entry.kind}</span>
        <span class="dir">{ARROWS[entry.direction]}</span>
        {entry.size !== undefined && (
          <span class="size">{formatBytes(entry.size)}</span>
        )}
        {entry.rtt !== undefined && (
          <span class="rtt">RTT {formatMs(entry.rtt)}</span>
        )}
        <button
          type="button"
          class="copy"
          aria-label={`Copy ${entry.kind} entry ${entry.id} as JSON`}
          onClick={copy}
        >
          {copied.value ? "Copied" : "Copy"}
        </button>
      </div>
      <EntryDetail entry={entry} options={options} />
    </li>
  );
}

function EntryDetail(
  { entry, options }: { entry: LogEntry; options: LogViewOptions },
) {
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
    const bytes = entry.bytes;
    if (options.binaryAs === "text") {
      return (
        <pre class="detail utf8">{decodeUtf8(bytes.subarray(0, SHOWN_CHARS))}</pre>
      );
    }
    return (
      <>
        <pre class="detail hex">{hexDump(bytes, DUMP_BYTES).join("\n")}</pre>
        {bytes.length > DUMP_BYTES && (
          <span class="more">
            {formatBytes(bytes.length - DUMP_BYTES)} more not shown
          </span>
        )}
      </>
    );
  }
  const text = entry.text ?? "";
  const shown = (options.prettyJson && (entry.kind === "message" ||
    entry.kind === "send") &&
    prettyJson(text)) || text;
  return (
    <>
      <pre class="detail text">{shown.slice(0, SHOWN_CHARS)}</pre>
      {shown.length > SHOWN_CHARS && (
        <span class="more">
          {shown.length - SHOWN_CHARS} more characters not shown
        </span>
      )}
    </>
  );
}
