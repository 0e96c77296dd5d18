import { useSignal } from "@preact/signals";
import { Component } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { entryText, formatTime, type LogEntry } from "../client/event_log.ts";
import {
  countNewer,
  drawEarlier,
  drawnEntries,
  followingWindow,
  followLive,
  hasEarlier,
  type LogWindow,
} from "../client/log_window.ts";
import { toRecord } from "../client/ndjson.ts";
import { formatMs } from "../client/rtt.ts";
import type { ReadAs } from "../client/read_as.ts";
import { formatBytes } from "../core/format.ts";
import { EntryDetail } from "./EntryDetail.tsx";
import { formatUi } from "./format_slot.ts";
import { HexProbe } from "./HexProbe.tsx";

const ARROWS = { in: "↓ in", out: "↑ out", none: "" } as const;

/** How entries are drawn. */
export interface LogViewOptions {
  /**
   * Binary payloads as a hex dump, as UTF-8, or decoded in a format, unless
   * sent in a format or read otherwise by the reader's choice.
   */
  binaryAs: ReadAs;
  /** Text that parses as a JSON object or array, indented. */
  prettyJson: boolean;
}

/**
 * The event log: a polite live region holding a list, newest entry last. It
 * follows new entries until the reader scrolls up, and offers a way back
 * down below the list, where it covers no entry. Following, it draws the
 * newest few hundred entries; scrolled up, the reader's place holds while
 * earlier ones are drawn above it (see client/log_window.ts).
 */
export function LogView(
  { entries, options }: {
    entries: readonly LogEntry[];
    options: LogViewOptions;
  },
) {
  const region = useRef<HTMLDivElement>(null);
  const following = useSignal(true);
  const view = useRef<LogWindow>(followingWindow(entries));
  // The first entry drawn and where it stood, before earlier ones go above.
  const anchor = useRef<{ el: Element; top: number } | null>(null);
  const [, redraw] = useState(0);
  view.current = followLive(view.current, entries, following.value);
  const drawn = drawnEntries(view.current);
  const newer = countNewer(view.current, entries);

  useLayoutEffect(() => {
    const el = region.current;
    if (!el) return;
    const held = anchor.current;
    anchor.current = null;
    if (following.peek()) el.scrollTop = el.scrollHeight;
    else if (held) {
      el.scrollTop += held.el.getBoundingClientRect().top - held.top;
    }
  });

  // Scrolled up, earlier entries are drawn a step at a time, so none of
  // the steps holds the page for long.
  useEffect(() => {
    if (following.value || !hasEarlier(view.current)) return;
    const timer = setTimeout(() => {
      const first = region.current?.querySelector(".entries > li");
      if (first) {
        anchor.current = { el: first, top: first.getBoundingClientRect().top };
      }
      view.current = drawEarlier(view.current);
      redraw((n) => n + 1);
    }, 30);
    return () => clearTimeout(timer);
  });

  function onScroll() {
    const el = region.current;
    if (!el) return;
    // A few pixels of slack: zoom and fractional sizes leave a remainder.
    following.value = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
  }

  // A flush may scroll to the bottom between the reader's scroll and its
  // scroll event, which then reads "at the bottom": under a firehose the
  // reader could never get away. Scrolling up by wheel or key says it first.
  function onWheel(e: WheelEvent) {
    if (e.deltaY < 0 && region.current!.scrollTop > 0) following.value = false;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (["ArrowUp", "PageUp", "Home"].includes(e.key)) following.value = false;
  }

  function jumpToLatest() {
    following.value = true;
    view.current = followingWindow(entries);
    redraw((n) => n + 1);
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
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      >
        <HexProbe />
        {drawn.length === 0
          ? <p class="empty">No events to show.</p>
          : (
            <ol class="entries">
              {drawn.map((entry) => (
                <KeptEntry key={entry.id} entry={entry} options={options} />
              ))}
            </ol>
          )}
      </div>
      {!following.value && (
        <button type="button" class="jump secondary" onClick={jumpToLatest}>
          Autoscroll paused{newer > 0 && ` · ${newer} newer`} · Jump to latest
        </button>
      )}
    </div>
  );
}

interface EntryProps {
  entry: LogEntry;
  options: LogViewOptions;
}

/**
 * An entry drawn once: entries never change, so a flush that adds 250 of
 * them re-renders those 250, not the thousand kept.
 */
class KeptEntry extends Component<EntryProps> {
  override shouldComponentUpdate(next: EntryProps): boolean {
    return next.entry !== this.props.entry ||
      next.options !== this.props.options;
  }
  override render() {
    return <Entry entry={this.props.entry} options={this.props.options} />;
  }
}

function Entry(
  { entry, options }: { entry: LogEntry; options: LogViewOptions },
) {
  const copied = useSignal("");
  const ui = formatUi.value;
  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      copied.value = what;
      setTimeout(() => copied.value = "", 1500);
    } catch {
      // Clipboard refused (no permission or no focus): nothing to undo.
    }
  }
  // ?push's server message or a ?room member's, not an echo of a send.
  const from = entry.push !== undefined ? "push" : entry.origin;
  const kind = entry.kind + (entry.bytes ? " binary" : "") +
    (entry.step?.passed === false ? " failed" : "") + (from ? ` ${from}` : "");
  const isMessage = entry.kind === "message" || entry.kind === "send";
  return (
    <li class={`entry ${kind}`}>
      <div class="meta">
        <time>{formatTime(entry.time)}</time>
        <span class="kind">{from ?? entry.kind}</span>
        <span class="dir">{ARROWS[entry.direction]}</span>
        {entry.size !== undefined && (
          <span class="size">{formatBytes(entry.size)}</span>
        )}
        {entry.rtt !== undefined && (
          <span class="rtt">RTT {formatMs(entry.rtt)}</span>
        )}
        {ui && entry.bytes && entry.size !== 0 && (
          <ui.EntryMenu entry={entry} binaryAs={options.binaryAs} />
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
      <EntryDetail
        entry={entry}
        prettyJson={options.prettyJson}
        binaryAs={options.binaryAs}
      />
    </li>
  );
}
