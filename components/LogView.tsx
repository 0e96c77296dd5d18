import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import { decodeUtf8, hexDump } from "../client/bytes.ts";
import {
  describeClose,
  entryText,
  formatTime,
  type LogEntry,
  READY_STATE_NAMES,
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
 * The event log: a polite live region holding a list, newest entry last. It
 * follows new entries until the reader scrolls up, and offers a way back
 * down below the list, where it covers no entry.
 */
export function LogView(
  { entries, options }: {
    entries: readonly LogEntry[];
    options: LogViewOptions;
  },
) {
  const region = useRef<HTMLDivElement>(null);
  const following = useSignal(true);

  useLayoutEffect(() => {
    const el = region.current;
    if (el && following.peek()) el.scrollTop = el.scrollHeight;
  }, [entries]);

  function onScroll() {
    const el = region.current;
    if (!el) return;
    // A few pixels of slack: zoom and fractional sizes leave a remainder.
    following.value = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
  }

  function jumpToLatest() {
    const el = region.current;
    if (el) el.scrollTop = el.scrollHeight;
    following.value = true;
  }

  return (
    <div class="log-frame">
      {/* role="log" on the scrolling box, not on the list: a list keeps its items. */}
      <div
        ref={region}
        class="log"
        role="log"
        aria-live="polite"
        aria-label="Event log"
        tabIndex={0}
        onScroll={onScroll}
      >
        {entries.length === 0
          ? <p class="empty">No events to show.</p>
          : (
            <ol class="entries">
              {entries.map((entry) => (
                <Entry key={entry.id} entry={entry} options={options} />
              ))}
            </ol>
          )}
      </div>
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
  const copied = useSignal("");
  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      copied.value = what;
      setTimeout(() => copied.value = "", 1500);
    } catch {
      // Clipboard refused (no permission or no focus): nothing to undo.
    }
  }
  const kind = entry.kind + (entry.bytes ? " binary" : "") +
    (entry.step?.passed === false ? " failed" : "") +
    (entry.push !== undefined ? " push" : "");
  const isMessage = entry.kind === "message" || entry.kind === "send";
  return (
    <li class={`entry ${kind}`}>
      <div class="meta">
        <time>{formatTime(entry.time)}</time>
        {/* The server's own message (?push), not an echo of a send. */}
        <span class="kind">
          {entry.push !== undefined ? "push" : entry.kind}
        </span>
        <span class="dir">{ARROWS[entry.direction]}</span>
        {entry.size !== undefined && (
          <span class="size">{formatBytes(entry.size)}</span>
        )}
        {entry.rtt !== undefined && (
          <span class="rtt">RTT {formatMs(entry.rtt)}</span>
        )}
        <span class="copies">
          <button
            type="button"
            class="copy"
            aria-label={`Copy ${
              isMessage ? "message" : entry.kind
            } ${entry.id}`}
            onClick={() => copy(entryText(entry), "text")}
          >
            {copied.value === "text" ? "Copied" : "Copy"}
          </button>
          <button
            type="button"
            class="copy"
            aria-label={`Copy ${entry.kind} entry ${entry.id} as JSON`}
            onClick={() => copy(JSON.stringify(toRecord(entry)), "json")}
          >
            {copied.value === "json" ? "Copied" : "JSON"}
          </button>
        </span>
      </div>
      <EntryDetail entry={entry} options={options} />
    </li>
  );
}

function EntryDetail(
  { entry, options }: { entry: LogEntry; options: LogViewOptions },
) {
  if (entry.close) {
    return <span class="detail">{describeClose(entry.close)}</span>;
  }
  if (entry.state !== undefined) {
    return (
      <span class="detail">
        <strong class={`state-${entry.state}`}>
          {entry.state} {READY_STATE_NAMES[entry.state]}
        </strong>{" "}
        · {entry.text}
      </span>
    );
  }
  // Empty messages are legal; say so rather than show nothing.
  if (entry.size === 0) return <span class="detail blank">(empty)</span>;
  if (entry.bytes) {
    const bytes = entry.bytes;
    if (options.binaryAs === "text") {
      return (
        <pre class="detail utf8">{decodeUtf8(bytes.subarray(0, SHOWN_CHARS))}</pre>
      );
    }
    return (
      <>
        {/* Scrolls sideways at phone width, so it must take focus. */}
        <pre
          class="detail hex"
          tabIndex={0}
          role="group"
          aria-label={`Hex dump of entry ${entry.id}`}
        >{hexDump(bytes, DUMP_BYTES).join("\n")}</pre>
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
