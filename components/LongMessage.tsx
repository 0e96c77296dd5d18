import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  downloadName,
  payloadBlob,
  pieceCount,
  previewNote,
} from "../client/message_download.ts";
import { type Payload, pieceText } from "../client/message_preview.ts";
import { hexBytesPerLine } from "./HexProbe.tsx";

/** Props of {@linkcode LongMessage}. */
export interface LongMessageProps {
  id: number;
  /** The message as it came, for Download. */
  data: Payload;
  /** What is drawn: the message, or its text indented. */
  content: Payload;
  kind: string;
  binaryAs: "hex" | "text";
  label: string;
}

/**
 * A payload over 64 KiB: its first piece in a box of its own, what share is
 * drawn, "Show all" (every piece, each drawn as it scrolls into view) and
 * "Download" (the original data, from a Blob URL). Loaded on demand.
 */
export function LongMessage(
  { id, data, content, kind, binaryAs, label }: LongMessageProps,
) {
  const all = useSignal(false);
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
  const perLine = kind === "hex" ? hexBytesPerLine.value : undefined;
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
          {filled.value.has(i)
            ? pieceText(content, i, binaryAs, perLine)
            : ""}
        </pre>
      ))}
    </div>
  );
}
