import type { ComponentType } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { prettyJson } from "../client/json_text.ts";
import {
  isTruncated,
  MAX_PRETTY_CHARS,
  type Payload,
  pieceText,
} from "../client/message_preview.ts";
import { hexBytesPerLine } from "./HexProbe.tsx";
import type { LongMessageProps } from "./LongMessage.tsx";

/** Props of {@linkcode MessageBody}. */
export interface MessageBodyProps {
  /** The log entry's id, for labels and the download's name. */
  id: number;
  data: Payload;
  binaryAs: "hex" | "text";
  /** Indent text that parses as a JSON object or array. */
  pretty: boolean;
}

// Few messages pass 64 KiB; their controls load the first time one does.
let longMessage: Promise<ComponentType<LongMessageProps>> | undefined;

/**
 * A message's payload: all of it when short; else its first 64 KiB at
 * once, then "Show all" and "Download" (components/LongMessage.tsx).
 */
export function MessageBody({ id, data, binaryAs, pretty }: MessageBodyProps) {
  // Parsing megabytes to indent them would hold the page for seconds.
  const content = useMemo(
    () =>
      typeof data === "string" && pretty && data.length <= MAX_PRETTY_CHARS
        ? prettyJson(data) ?? data
        : data,
    [data, pretty],
  );
  const long = isTruncated(content);
  const [Long, setLong] = useState<ComponentType<LongMessageProps> | null>(
    null,
  );
  useEffect(() => {
    if (!long) return;
    longMessage ??= import("./LongMessage.tsx").then((m) => m.LongMessage);
    longMessage.then((component) => setLong(() => component));
  }, [long]);
  const hex = typeof content !== "string" && binaryAs === "hex";
  const kind = typeof content === "string" ? "text" : hex ? "hex" : "utf8";
  const label = `${hex ? "Hex dump" : "Text"} of entry ${id}`;
  if (long && Long) {
    return (
      <Long
        id={id}
        data={data}
        content={content}
        kind={kind}
        binaryAs={binaryAs}
        label={label}
      />
    );
  }
  // Read only for a dump: a width change then redraws dumps, not all text.
  const perLine = hex ? hexBytesPerLine.value : undefined;
  return (
    <Piece
      kind={kind}
      label={label}
      text={pieceText(content, 0, binaryAs, perLine)}
    />
  );
}

/** One piece of a payload, as a `pre`. */
export function Piece(
  { kind, label, text }: { kind: string; label: string; text: string },
) {
  // A tall hex dump scrolls in its box, so it must take focus.
  return kind === "hex"
    ? (
      <pre class="detail hex" tabIndex={0} role="group" aria-label={label}>
        {text}
      </pre>
    )
    : <pre class={`detail ${kind}`}>{text}</pre>;
}
