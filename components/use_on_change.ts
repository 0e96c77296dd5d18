import { useSignalEffect } from "@preact/signals";
import { useRef } from "preact/hooks";

/**
 * Calls `then` each time a signal that `read` reads changes, but not on the
 * first run. Effects start after the first paint, while the page already
 * answers keys: a problem set by an Enter pressed in between must not be
 * cleared by the effect that watches its field starting up.
 */
export function useOnChange(read: () => unknown, then: () => void): void {
  const started = useRef(false);
  useSignalEffect(() => {
    read();
    if (!started.current) return void (started.current = true);
    then();
  });
}
