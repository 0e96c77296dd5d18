/**
 * A trace of what the browser's WebSocket API did during one session: the
 * readyState transitions, the calls the page made, the events the socket
 * fired and samples of `bufferedAmount`. The connection module records it;
 * the timeline draws it; a script run adds its step results as marks.
 * Browser-safe and free of Preact.
 *
 * @module
 */

/** A `WebSocket.readyState`: 0 CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED. */
export type ReadyState = 0 | 1 | 2 | 3;

/** An API call the page made on the socket. */
export type TraceCall = "new WebSocket" | "send" | "close";

/** An event the socket fired. */
export type TraceEvent = "open" | "message" | "error" | "close";

/** One point of a trace. `at` is milliseconds on the client's clock. */
export type TraceEntry =
  | {
    at: number;
    kind: "state";
    state: ReadyState;
    /** What caused it, e.g. `close() called`, `close frame received`. */
    cause: string;
  }
  | { at: number; kind: "call"; name: TraceCall; detail: string }
  | { at: number; kind: "event"; name: TraceEvent; detail: string }
  | { at: number; kind: "buffered"; bytes: number }
  | {
    at: number;
    kind: "mark";
    /** Short label, e.g. `step 3`. */
    label: string;
    detail: string;
    /** Passed (true), failed (false) or neither (absent). */
    ok?: boolean;
  };
