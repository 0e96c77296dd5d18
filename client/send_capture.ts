/**
 * What the page did on its current (or last) socket, kept for the Code
 * view: the URL and subprotocols it opened with, the messages it sent in
 * order (the first {@linkcode MAX_CAPTURED} of them) and the close it
 * started. It listens from the page's start, so the view, which loads only
 * when opened, can show what happened before. Browser-safe.
 *
 * @module
 */

import type { Connection, MessageData } from "./connection.ts";

/** Most messages kept; the rest are only counted. */
export const MAX_CAPTURED = 100;

/** One socket's worth of what the page did. */
export interface CapturedSession {
  url: string;
  protocols: readonly string[];
  /** The first {@linkcode MAX_CAPTURED} messages sent, in order. */
  messages: readonly MessageData[];
  /** How many messages were sent in all. */
  sent: number;
  /** The close the page started, if it did. */
  close: { code?: number; reason?: string } | null;
}

/**
 * Records what the page sends on `connection`, starting over with each new
 * socket (a reconnect too: a program replays one connection).
 */
export class SendCapture {
  #session: CapturedSession | null = null;
  readonly #removers: (() => void)[];

  constructor(connection: Connection) {
    this.#removers = [
      connection.addListener("state", ({ state, cause }) => {
        if (state !== 0 || cause !== "new WebSocket()") return;
        const { url, protocols } = connection.snapshot;
        this.#session = { url, protocols, messages: [], sent: 0, close: null };
      }),
      connection.addListener("send", ({ data }) => {
        const session = this.#session;
        if (!session) return;
        const messages = session.sent < MAX_CAPTURED
          ? [...session.messages, data]
          : session.messages;
        this.#session = { ...session, messages, sent: session.sent + 1 };
      }),
      connection.addListener("closing", ({ code, reason }) => {
        if (!this.#session) return;
        this.#session = { ...this.#session, close: { code, reason } };
      }),
    ];
  }

  /** The current or last socket's session; `null` before the first. */
  get session(): CapturedSession | null {
    return this.#session;
  }

  /** Stops listening. */
  dispose(): void {
    for (const remove of this.#removers) remove();
  }
}
