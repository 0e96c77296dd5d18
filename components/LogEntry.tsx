import { useSignal } from "@preact/signals";
import { Component } from "preact";
import { entryText, formatTime, type LogEntry } from "../client/event_log.ts";
import { toRecord } from "../client/ndjson.ts";
import { formatMs } from "../client/rtt.ts";
import type { LabelledEntry } from "../client/merged_log.ts";
import type { ReadAs } from "../client/read_as.ts";
import { formatBytes } from "../core/format.ts";
import { EntryDetail } from "./EntryDetail.tsx";
import { formatUi } from "./format_slot.ts";

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

/** Props of {@linkcode KeptEntry}. */
export interface EntryProps {
  entry: LogEntry;
  options: LogViewOptions;
}

/**
 * An entry drawn once: entries never change, so a flush that adds 250 of
 * them re-renders those 250, not the thousand kept.
 */
export class KeptEntry extends Component<EntryProps> {
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
  // In a merged log (client/merged_log.ts), the connection it came from.
  const { source } = entry as Partial<LabelledEntry>;
  const named = source ? `${source.name} ` : "";
  return (
    <li
      class={`entry ${kind}${source ? " labelled" : ""}`}
      style={source && { borderLeftColor: source.colour }}
    >
      <div class="meta">
        <time>{formatTime(entry.time)}</time>
        {source && (
          <span class="from" title={source.name}>
            <span class="swatch" style={{ background: source.colour }} />
            {source.name}
          </span>
        )}
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
            aria-label={`Copy ${named}${
              isMessage ? "message" : entry.kind
            } ${entry.id}`}
            onClick={() => copy(entryText(entry), "text")}
          >
            {copied.value === "text" ? "Copied" : "Copy"}
          </button>
          <button
            type="button"
            class="copy"
            aria-label={`Copy ${named}${entry.kind} entry ${entry.id} as JSON`}
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
