import { signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { fitHexBytes, HEX_DUMP_WIDTH } from "../client/bytes.ts";

/**
 * Bytes per hex dump line that fit the log's width, as the probe last
 * measured it. One value for the page's one log: hex bodies read it, so a
 * change redraws them and nothing else.
 */
export const hexBytesPerLine = signal(HEX_DUMP_WIDTH);

/** Characters the probe's sample holds, to measure one. */
const SAMPLE = "0123456789abcdef";

/**
 * An invisible hex dump line in the log, measured whenever its box or its
 * font changes size: the room a dump has, and its characters' width, come
 * from the same CSS as the dumps themselves (a phone's smaller hex font
 * too), with no work per message, however large.
 */
export function HexProbe() {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const pre = box.current!;
    const sample = pre.firstElementChild!;
    const observer = new ResizeObserver(() => {
      const charWidth = sample.getBoundingClientRect().width / SAMPLE.length;
      hexBytesPerLine.value = fitHexBytes(pre.clientWidth, charWidth);
    });
    observer.observe(pre);
    observer.observe(sample);
    return () => observer.disconnect();
  }, []);
  return (
    <div class="hex-probe" aria-hidden="true">
      <pre ref={box} class="hex">
        <span>{SAMPLE}</span>
      </pre>
    </div>
  );
}
