import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { prettyJson } from "../client/json_text.ts";
import {
  downloadName,
  isTruncated,
  MAX_PRETTY_CHARS,
  type Payload,
  payloadBlob,
  pieceCount,
  pieceText,
  previewNote,
} from "../client/message_preview.ts";

/** Props of {@linkcode MessageBody}. */
export interface MessageBodyProps {
  /** The log entry's id, for labels and the download's name. */
  id: number;
  data: Payload;
  binaryAs: "hex" | "text";
  /** Indent text that parses as a JSON object or array. */
  pretty: boolean;
}

/**
 * A message's payload: all of it when short; else its first 64 KiB with
 * "Show all" (every piece, each drawn as it scrolls into view) and
 * "Download" (the original data, from a Blob URL).
 */
export function MessageBody({ id, data, binaryAs, pretty }: MessageBodyProps) {
  const all = useSignal(false);
  // Parsing megabytes to indent them would hold the page for seconds.
  const content = useMemo(
    () =>
      typeof data === "string" && pretty && data.length <= MAX_PRETTY_CHARS
        ? prettyJson(data) ?? data
        : data,
    [data, pretty],
  );
  const hex = typeof content !== "string" && binaryAs === "hex";
  const kind = typeof content === "string" ? "text" : hex ? "hex" : "utf8";
  const label = `${hex ? "Hex dump" : "Text"} of entry ${id}`;
  if (!isTruncated(content)) {
    return (
      <Piece kind={kind} label={label} text={pieceText(content, 0, binaryAs)} />
    );
  }
  function download() {
    const href = URL.createObjectURL(payloadBlob(data));
    const a = document.createElement("a");
    a.href = href;
    a.download = downloadName(id, data);
    a.click();
    // The download holds its own reference by now.
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  }
  return (
    <>
      <Pieces
        content={content}
        count={all.value ? pieceCount(content) : 1}
        kind={kind}
        binaryAs={binaryAs}
        label={label}
      />
      <p class="more">
        {previewNote(content, all.value)} {!all.value && (
          <button
            type="button"
            class="secondary"
            aria-label={`Show all of entry ${id}`}
            onClick={() => all.value = true}
          >
            Show all
          </button>
        )}{" "}
        <button
          type="button"
          class="secondary"
          aria-label={`Download entry ${id}`}
          onClick={download}
        >
          Download
        </button>
      </p>
    </>
  );
}

function Piece(
  { kind, label, text }: { kind: string; label: string; text: string },
) {
  // A hex dump scrolls sideways at phone width, so it must take focus.
  return kind === "hex"
    ? (
      <pre class="detail hex" tabIndex={0} role="group" aria-label={label}>
        {text}
      </pre>
    )
    : <pre class={`detail ${kind}`}>{text}</pre>;
}

/**
 * The first `count` pieces of a long payload in a box of its own height,
 * each filled in when it nears the box's view: a 16 MiB message would take
 * seconds to lay out in one go.
 */
function Pieces(
  { content, count, kind, binaryAs, label }: {
    content: Payload;
    count: number;
    kind: string;
    binaryAs: "hex" | "text";
    label: string;
  },
) {
  const box = useRef<HTMLDivElement>(null);
  const filled = useSignal<ReadonlySet<number>>(new Set([0]));
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const observer = new IntersectionObserver((seen) => {
      const next = new Set(filled.peek());
      for (const item of seen) {
        if (item.isIntersecting) {
          next.add(Number((item.target as HTMLElement).dataset.piece));
        }
      }
      if (next.size !== filled.peek().size) filled.value = next;
    }, { root, rootMargin: "100% 0px" });
    for (const piece of root.querySelectorAll("[data-piece]")) {
      observer.observe(piece);
    }
    return () => observer.disconnect();
  }, [content, count]);
  return (
    <div
      ref={box}
      class="pieces"
      tabIndex={0}
      role="group"
      aria-label={count > 1 ? `${label}, in full` : `${label}, first part`}
    >
      {Array.from({ length: count }, (_, i) => (
        <pre
          key={i}
          data-piece={i}
          class={`detail piece ${kind}${filled.value.has(i) ? "" : " pending"}`}
        >
          {filled.value.has(i) ? pieceText(content, i, binaryAs) : ""}
        </pre>
      ))}
    </div>
  );
}
