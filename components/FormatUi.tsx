import type { Signal } from "@preact/signals";
import type { ComponentType } from "preact";
import type { LogEntry } from "../client/event_log.ts";
import { decodedMembers } from "../client/ndjson_decoded.ts";
import { type ReadAs, readAsFormat } from "../client/read_as.ts";
import { DecodedBody } from "./DecodedBody.tsx";
import {
  choiceOf,
  loadProtoSchema,
  protoSchema,
  protoType,
  readingOf,
} from "./format_state.ts";
import type { MessageBodyProps } from "./MessageBody.tsx";
import { ReadAsSelect } from "./ReadAsSelect.tsx";

// A schema kept from an earlier visit lists its types in the menus.
loadProtoSchema(localStorage);

/** An entry's own "Read entry N as" menu. */
export function EntryMenu(
  { entry, binaryAs }: { entry: LogEntry; binaryAs: ReadAs },
) {
  const choice = choiceOf(entry);
  return (
    <ReadAsSelect
      name={`read-as-${entry.id}`}
      label={`Read entry ${entry.id} as`}
      value={readingOf(entry, binaryAs)}
      onChange={(readAs) => choice.value = readAs}
    />
  );
}

/**
 * A binary entry's payload read as chosen: hex or UTF-8 by the log's
 * MessageBody (passed in, so the first load keeps it), or decoded.
 */
export function EntryBody(
  { entry, binaryAs, Message }: {
    entry: LogEntry & { bytes: Uint8Array };
    binaryAs: ReadAs;
    Message: ComponentType<MessageBodyProps>;
  },
) {
  const readAs = readingOf(entry, binaryAs);
  const chosen = readAsFormat(readAs);
  if (!chosen) {
    return (
      <Message
        id={entry.id}
        data={entry.bytes}
        binaryAs={readAs as "hex" | "text"}
        pretty={false}
      />
    );
  }
  return (
    <DecodedBody
      id={entry.id}
      bytes={entry.bytes}
      {...chosen}
      schema={chosen.format === "protobuf" ? protoSchema.value : ""}
      Message={Message}
    />
  );
}

/** The log's "Binary as" menu: the default for entries without a choice. */
export function BinaryAsMenu(
  { value }: { value: Signal<{ binaryAs: ReadAs }> },
) {
  return (
    <ReadAsSelect
      name="binary-as"
      value={value.value.binaryAs}
      onChange={(binaryAs) => value.value = { ...value.value, binaryAs }}
    />
  );
}

/** The export's decoded members for `entries` (client/ndjson_decoded.ts). */
export function decodedExport(
  entries: readonly LogEntry[],
  binaryAs: ReadAs,
): Promise<Map<LogEntry, string>> {
  return decodedMembers(
    entries,
    (entry) => readingOf(entry, binaryAs),
    protoSchema.value,
  );
}

/** The composer's Protobuf schema and message type, for a draft to send. */
export function protoDraft(): { schema: string; type: string } {
  return { schema: protoSchema.value, type: protoType.value };
}
