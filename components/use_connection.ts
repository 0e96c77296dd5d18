import {
  batch,
  type Signal,
  useComputed,
  useSignal,
  useSignalEffect,
} from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { Connection, type ConnectionSnapshot } from "../client/connection.ts";
import type { ConnectionItem } from "../client/connection_list.ts";

/** What {@linkcode useConnection} hands the island. */
export interface ConnectionView {
  /** The connection the page's controls act on: the first, or the one selected. */
  connection: Connection;
  /** Which connection the controls act on; a second connection sets it. */
  current: Signal<Connection>;
  /** The connection's snapshot as of its last flush. */
  snap: Signal<ConnectionSnapshot>;
  /** `performance.now()`, ticking at 10 Hz while a socket lives or a retry waits. */
  now: Signal<number>;
  /**
   * Every connection with its name and colour once a second one is added
   * (the tabs keep it); empty before. With one item left, the page shows
   * it as it shows a single connection.
   */
  items: Signal<readonly ConnectionItem[]>;
}

/**
 * The page's one connection, wired to signals: its snapshot, a clock for the
 * timeline and the countdown, refusals explained, and a polite close when
 * the page goes away.
 *
 * @param onOpen called with the URL when the current connection's socket opens
 */
export function useConnection(onOpen: (url: string) => void): ConnectionView {
  const connection = useMemo(() => new Connection(), []);
  const current = useSignal(connection);
  const snap = useSignal(connection.snapshot);
  const items = useSignal<readonly ConnectionItem[]>([]);
  // On the connection's clock from the first frame, never 0.
  const now = useSignal(performance.now());

  // A signal effect, not a hook's: it runs as `current` changes, so the
  // controls and the log switch in the same render as the tabs.
  useSignalEffect(() => {
    // The clock moves with each snapshot: read against the last 100 ms
    // tick, a retry just scheduled would count down from more than its delay.
    const shown = current.value;
    snap.value = shown.snapshot;
    const unsubscribe = shown.subscribe(() =>
      batch(() => {
        snap.value = shown.snapshot;
        now.value = performance.now();
      })
    );
    const removeOpen = shown.addListener(
      "open",
      () => onOpen(shown.snapshot.url),
    );
    return () => {
      unsubscribe();
      removeOpen();
    };
  });

  useEffect(() => {
    // Only a socket that failed needs the refusal code: it loads at the
    // first connect, and explains a refusal that came before it did.
    let removeExplain = () => {};
    let live = true;
    const removeConnect = connection.addListener("connect", () => {
      removeConnect();
      import("../client/refusal.ts").then((m) => {
        if (live) {
          removeExplain = m.explainRefusals(connection, location.origin);
        }
      });
    });
    // Where the user leaves with a socket open, say goodbye properly.
    const leave = () => connection.close(1000, "Page closed");
    addEventListener("pagehide", leave);
    return () => {
      live = false;
      removeConnect();
      removeExplain();
      removeEventListener("pagehide", leave);
      connection.dispose();
    };
  }, []);

  const ticking = useComputed(() => {
    const { readyState, retry } = snap.value;
    return (readyState !== null && readyState < 3) || retry !== null;
  });
  useEffect(() => {
    if (!ticking.value) return;
    now.value = performance.now();
    const timer = setInterval(() => now.value = performance.now(), 100);
    return () => clearInterval(timer);
  }, [ticking.value]);

  return { connection: current.value, current, snap, now, items };
}
