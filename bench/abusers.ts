/**
 * Misbehaving clients for the stress tool, each returning what it saw:
 * connection floods, oversized messages, message floods, clients that never
 * read, malformed handshakes and foreign origins. All on 127.0.0.1.
 *
 * @module
 */

import { handshakeRequest } from "./frames.ts";
import { HandshakeError, RawSocket } from "./raw_socket.ts";
import { exchangeHead } from "./tcp.ts";
import type { MessageShape } from "./template.ts";

/** Counts of outcomes by label, e.g. `close 1009` or `HTTP 503`. */
export type Outcomes = Map<string, number>;

function count(outcomes: Outcomes, label: string): void {
  outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
}

/** How an attempt to open a socket ended. */
function connectOutcome(error: unknown): string {
  return error instanceof HandshakeError
    ? `HTTP ${error.status}`
    : `error ${(error as Error).message.slice(0, 60)}`;
}

/**
 * Opens `attempts` sockets, `concurrency` at a time, holding the ones
 * accepted; returns them and the outcomes (`HTTP 101`, `HTTP 503`, …).
 */
export async function floodConnections(
  port: number,
  attempts: number,
  concurrency = 64,
): Promise<{ held: RawSocket[]; outcomes: Outcomes }> {
  const held: RawSocket[] = [];
  const outcomes: Outcomes = new Map();
  let next = 0;
  const worker = async () => {
    while (next < attempts) {
      const id = 1_000_000 + next++;
      try {
        held.push(await RawSocket.connect({ port, id, readBufferBytes: 1024 }));
        count(outcomes, "HTTP 101");
      } catch (error) {
        count(outcomes, connectOutcome(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { held, outcomes };
}

/**
 * Each client sends `messages` messages of `shape` at once, without waiting
 * for echoes, and reports the close code it got (expected: a limit's).
 */
export async function sendAndWatch(
  port: number,
  clients: number,
  shape: MessageShape,
  messages: number,
  waitMs: number,
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      let socket: RawSocket;
      try {
        socket = await RawSocket.connect({ port, id: 2_000_000 + i, shape });
      } catch (error) {
        return count(outcomes, connectOutcome(error));
      }
      socket.send(messages);
      await Promise.race([socket.closed, sleep(waitMs)]);
      count(outcomes, ending(socket));
      socket.abort();
    }),
  );
  return outcomes;
}

/**
 * Clients that write messages but never read: once the server gives up on
 * them they read what was queued and report the close code.
 */
export async function slowReaders(
  port: number,
  clients: number,
  shape: MessageShape,
  messages: number,
  writeMs: number,
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      let socket: RawSocket;
      try {
        socket = await RawSocket.connect({
          port,
          id: 3_000_000 + i,
          shape,
          read: false,
        });
      } catch (error) {
        return count(outcomes, connectOutcome(error));
      }
      socket.send(messages);
      await sleep(writeMs);
      // Now read: the echoes the server queued, then its close frame.
      socket.startReading();
      await Promise.race([socket.closed, sleep(5_000)]);
      count(outcomes, ending(socket));
      socket.abort();
    }),
  );
  return outcomes;
}

/** How a socket ended, as its client saw it. */
function ending(socket: RawSocket): string {
  if (socket.closeCode !== null) return `close ${socket.closeCode}`;
  if (socket.failure?.includes("reset")) return "reset before a close frame";
  if (socket.failure) return `failure ${socket.failure.slice(0, 60)}`;
  return socket.ended ? "dropped without a close frame" : "still open";
}

/** A malformed handshake and the statuses a correct server may answer. */
interface BadRequest {
  name: string;
  text: string;
  expected: number[];
}

const GOOD_HEADERS = "Host: 127.0.0.1\r\nUpgrade: websocket\r\n" +
  "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
const KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

/** Handshakes that must be refused with a 4xx, never a 5xx. */
export const BAD_REQUESTS: BadRequest[] = [
  {
    name: "POST",
    text: `POST /api/ws HTTP/1.1\r\n${GOOD_HEADERS}${KEY}\r\n`,
    expected: [405],
  },
  {
    // Deno's HTTP layer refuses an upgrade with a body before the app sees it.
    name: "POST with a body",
    text:
      `POST /api/ws HTTP/1.1\r\n${GOOD_HEADERS}${KEY}Content-Length: 2\r\n\r\nhi`,
    expected: [400, 405],
  },
  {
    name: "no key",
    text: `GET /api/ws HTTP/1.1\r\n${GOOD_HEADERS}\r\n`,
    expected: [400],
  },
  {
    name: "short key",
    text:
      `GET /api/ws HTTP/1.1\r\n${GOOD_HEADERS}Sec-WebSocket-Key: abc\r\n\r\n`,
    expected: [400],
  },
  {
    name: "version 8",
    text:
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8\r\n${KEY}\r\n`,
    expected: [426],
  },
  {
    name: "no version",
    text:
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${KEY}\r\n`,
    expected: [400],
  },
  {
    name: "no Connection: Upgrade",
    text:
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n${KEY}\r\n`,
    expected: [400],
  },
  {
    name: "bad subprotocol list",
    text:
      `GET /api/ws HTTP/1.1\r\n${GOOD_HEADERS}${KEY}Sec-WebSocket-Protocol: a b, ,\r\n\r\n`,
    expected: [400],
  },
  {
    name: "no upgrade at all",
    text: "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    expected: [426],
  },
  {
    name: "garbage request line",
    text: "HELLO THERE\r\n\r\n",
    expected: [400],
  },
  {
    name: "64 KiB header",
    text: `GET /api/ws HTTP/1.1\r\n${GOOD_HEADERS}${KEY}X-Big: ${
      "a".repeat(65_536)
    }\r\n\r\n`,
    expected: [400, 431],
  },
];

/** Sends every bad request `rounds` times; returns statuses by request. */
export async function malformedHandshakes(
  port: number,
  rounds: number,
): Promise<{ outcomes: Outcomes; unexpected: string[] }> {
  const outcomes: Outcomes = new Map();
  const unexpected: string[] = [];
  for (let round = 0; round < rounds; round++) {
    await Promise.all(BAD_REQUESTS.map(async (bad) => {
      let status = 0;
      try {
        const { head } = await exchangeHead(
          port,
          new TextEncoder().encode(bad.text),
          5_000,
        );
        status = head.status;
      } catch {
        // closed without a response: counted as status 0
      }
      count(outcomes, `${bad.name}: HTTP ${status || "none"}`);
      if (!bad.expected.includes(status)) {
        unexpected.push(`${bad.name} answered ${status || "nothing"}`);
      }
    }));
  }
  return { outcomes, unexpected };
}

/** Opens sockets with `origin`; returns the outcomes (expected: HTTP 403). */
export async function foreignOrigins(
  port: number,
  clients: number,
  origin: string,
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      try {
        const { head } = await exchangeHead(
          port,
          handshakeRequest(`127.0.0.1:${port}`, "/api/ws", { Origin: origin }),
          5_000,
        );
        count(outcomes, `HTTP ${head.status}`);
      } catch (error) {
        count(outcomes, connectOutcome(error));
      }
    }),
  );
  return outcomes;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
