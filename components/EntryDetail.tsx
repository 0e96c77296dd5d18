import {
  describeClose,
  type LogEntry,
  READY_STATE_NAMES,
} from "../client/event_log.ts";
import type { ReadAs } from "../client/read_as.ts";
import { formatUi } from "./format_slot.ts";
import { MessageBody } from "./MessageBody.tsx";

/**
 * What a log entry holds: a close's details, a state change and its cause,
 * or a message's payload (binary read as chosen, once the format controls
 * have loaded).
 */
export function EntryDetail(
  { entry, prettyJson, binaryAs }: {
    entry: LogEntry;
    /** Indent text messages that parse as a JSON object or array. */
    prettyJson: boolean;
    /** The log's default for binary entries. */
    binaryAs: ReadAs;
  },
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
  const ui = formatUi.value;
  if (entry.bytes && ui) {
    return (
      <ui.EntryBody
        entry={entry as LogEntry & { bytes: Uint8Array }}
        binaryAs={binaryAs}
        Message={MessageBody}
      />
    );
  }
  const isMessage = entry.kind === "message" || entry.kind === "send";
  return (
    <MessageBody
      id={entry.id}
      data={entry.bytes ?? entry.text ?? ""}
      binaryAs={binaryAs as "hex" | "text"}
      pretty={prettyJson && isMessage}
    />
  );
}
