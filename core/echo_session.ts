/**
 * One echoing WebSocket: its limits (size, message rate, byte-rate pacing,
 * slow reader), its counts and its close log line, and the behaviours it
 * asked for. Framework-free; the echo server makes one per upgrade.
 *
 * @module
 */

import { type BehaviourHost, BehaviourRunner } from "./behaviour_runner.ts";
import type { Behaviours } from "./behaviours.ts";
import { BytePacer } from "./byte_pacer.ts";
import {
  CLOSE_ABNORMAL,
  CLOSE_GOING_AWAY,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_POLICY_VIOLATION,
  CLOSE_TRY_AGAIN_LATER,
} from "./close_codes.ts";
import { DelayQueue } from "./delay_queue.ts";
import type { EchoServerConfig } from "./echo_config.ts";
import { escapeText, formatBytes, hexPreview } from "./format.ts";
import type { Logger } from "./log.ts";
import type { Metrics } from "./metrics.ts";
import type { RoomRequest } from "./room_params.ts";
import type { Membership, RoomMember, Rooms } from "./rooms.ts";
import { TokenBucket } from "./token_bucket.ts";
import { utf8Length } from "./utf8.ts";

/**
 * The close reason sent to every client at shutdown: the same words
 * `deno serve` uses when it closes WebSockets on SIGINT or SIGTERM itself.
 */
export const SHUTDOWN_REASON = "Server shutting down";

/** A message this small marks its connection as interactive. */
const INTERACTIVE_MESSAGE_BYTES = 16 * 1024;

/** What a session needs of the echo server that made it. */
export interface SessionServer {
  readonly config: EchoServerConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly shuttingDown: boolean;
  /** Called once the session's socket has closed. */
  forget(session: EchoSession): void;
  /** The session received a message small enough to be interactive. */
  markInteractive(session: EchoSession, now: number): void;
  /** Whether another connection was interactive a moment ago. */
  othersInteractive(session: EchoSession, now: number): boolean;
}

/** Who is on the other end of a session, for its log lines. */
export interface Peer {
  id: string;
  remote: string | null;
  origin: string | null;
  protocol: string | null;
}

/** What a connection asked for besides the echo, resolved at its handshake. */
export interface SessionBehaviours {
  behaviours: Behaviours;
  /** The handshake report to send first, when asked for. */
  report: string | null;
}

/** The room a connection joins at its handshake. */
export interface SessionRoom {
  request: RoomRequest;
  rooms: Rooms;
  /** Unique across nodes, for presence notices. */
  memberId: string;
}

/** One echoing WebSocket and its own limits and counts. */
export class EchoSession implements BehaviourHost, RoomMember {
  readonly #server: SessionServer;
  readonly #socket: WebSocket;
  readonly #peer: Peer;
  readonly #bucket: TokenBucket;
  readonly #opened = performance.now();
  /** Only connections that asked for behaviours have one. */
  readonly #runner: BehaviourRunner | null;
  /** Made on the first message, so an idle connection weighs no more; null when pacing is off. */
  #pacer: BytePacer | null | undefined;
  /** Echoes held by pacing; made on first use. */
  #paced: DelayQueue | null = null;
  #messagesIn = 0;
  #bytesIn = 0;
  #messagesOut = 0;
  #bytesOut = 0;
  /** An upper bound of the socket's `bufferedAmount`. */
  #bufferedAtMost = 0;
  /** Only room members have one. */
  readonly #membership: Membership | null = null;
  readonly #self: boolean = true;
  /** A room member's messages held by pacing before they reach the room. */
  #relayHeld: DelayQueue | null = null;
  /** Room messages that arrived before the socket opened. */
  #early: [string | ArrayBuffer, number | null][] | null = null;
  #earlyBytes = 0;
  /** @internal Presence names this member by it. */
  readonly id: string;
  /** @internal Whether this member wants presence notices. */
  readonly presence: boolean = false;

  /**
   * @throws {RangeError} when `room` is full; nothing is set up then
   */
  constructor(
    server: SessionServer,
    socket: WebSocket,
    peer: Peer,
    extra: SessionBehaviours | null,
    room: SessionRoom | null = null,
  ) {
    this.id = room?.memberId ?? peer.id;
    if (room) {
      this.presence = room.request.presence;
      this.#self = room.request.self;
      this.#membership = room.rooms.join(room.request.name, this);
    }
    this.#server = server;
    this.#socket = socket;
    this.#peer = peer;
    const { messageRate, messageBurst } = server.config;
    const now = performance.now();
    this.#bucket = new TokenBucket(messageRate, messageBurst, now);
    this.#runner = extra &&
      new BehaviourRunner(extra.behaviours, this, extra.report);
    // Deno's default is "blob"; ArrayBuffer echoes without a copy or a read.
    socket.binaryType = "arraybuffer";
    // The session itself is the listener (handleEvent): an on* handler costs
    // a closure, a wrapper and a map entry, and four of them made an idle
    // connection 1.7 KiB heavier than a bare echo's. Errors need no listener:
    // Deno follows each with a close event, where it is counted.
    socket.addEventListener("open", this, { once: true });
    socket.addEventListener("message", this);
    socket.addEventListener("close", this);
  }

  /** @internal Receives the socket's events. */
  handleEvent(event: Event): void {
    switch (event.type) {
      case "message":
        return this.#echo((event as MessageEvent).data);
      case "close":
        return this.#closed(event as CloseEvent);
      case "open":
        this.#server.logger.info("open", { ...this.#peer });
        // Opened after shutdown began: it missed the 1001 sent to the others.
        if (this.#server.shuttingDown) {
          return this.close(CLOSE_GOING_AWAY, SHUTDOWN_REASON);
        }
        this.#runner?.opened();
        this.#membership?.open();
        if (this.#early) this.#sendEarly();
        return;
    }
  }

  /** Starts the close handshake unless one is under way. */
  close(code: number, reason: string): void {
    if (this.#socket.readyState === WebSocket.OPEN) {
      this.#socket.close(code, reason);
    }
  }

  /**
   * Closes with 1001 for shutdown, after sending at once the held echoes due
   * within `echoGraceMs`.
   */
  shutdown(echoGraceMs: number): void {
    if (this.#runner) {
      this.#runner.drain(echoGraceMs, CLOSE_GOING_AWAY, SHUTDOWN_REASON);
    } else {
      this.#paced?.flushUntil(performance.now() + echoGraceMs);
      this.close(CLOSE_GOING_AWAY, SHUTDOWN_REASON);
    }
  }

  /** @internal Sends an echo and counts it; checks the slow-reader limit. */
  sendEcho(data: string | ArrayBuffer, size: number): void {
    const socket = this.#socket;
    // Once this side has started closing, RFC 6455 §5.5.1 forbids more data.
    if (socket.readyState !== WebSocket.OPEN) return;
    const metrics = this.#server.metrics;
    socket.send(data);
    this.#messagesOut++;
    this.#bytesOut += size;
    metrics.messagesOut++;
    metrics.bytesOut += size;
    this.#bufferedAtMost += size;
  }

  /** @internal Delivers another room member's message, as its behaviours say. */
  deliver(data: string | ArrayBuffer, size: number): void {
    const state = this.#socket.readyState;
    if (state === WebSocket.CONNECTING) return this.#keepEarly(data, size);
    if (state !== WebSocket.OPEN) return;
    // Delay and close-after act on everything this connection receives.
    if (this.#runner) return this.#runner.received(data, size, 0);
    this.sendEcho(data, size);
    this.closeIfBacklogged(this.#heldBytes());
  }

  /** @internal Sends a presence notice. */
  notify(text: string): void {
    if (this.#socket.readyState === WebSocket.CONNECTING) {
      return this.#keepEarly(text, null);
    }
    this.sendOwn(text);
    this.closeIfBacklogged(this.#heldBytes());
  }

  /** @internal Sends a message of the server's own: a push or the report. */
  sendOwn(text: string): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(text);
    this.#server.metrics.pushesOut++;
    // Pushes and reports are ASCII JSON: a character is a byte.
    this.#bufferedAtMost += text.length;
  }

  /**
   * @internal Closes with 1013 when what Deno queued plus `held` passes the
   * slow-reader limit. `bufferedAmount` is a call into Deno; what is queued
   * can grow by at most what was sent since it was last read, so it is read
   * only when that bound passes the limit: the same limit, without an op per
   * echo.
   */
  closeIfBacklogged(held: number): boolean {
    const limit = this.#server.config.sendHighWaterBytes;
    if (this.#bufferedAtMost + held <= limit) return false;
    this.#bufferedAtMost = this.#socket.bufferedAmount;
    if (this.#bufferedAtMost + held <= limit) return false;
    this.#closeForLimit(
      CLOSE_TRY_AGAIN_LATER,
      "slow_reader",
      `Client is not reading: over ${limit} bytes queued`,
    );
    return true;
  }

  #echo(data: string | ArrayBuffer): void {
    const socket = this.#socket;
    // Once this side has started closing, RFC 6455 §5.5.1 forbids more data.
    if (socket.readyState !== WebSocket.OPEN) return;
    const server = this.#server;
    const config = server.config;
    const metrics = server.metrics;
    const size = typeof data === "string" ? utf8Length(data) : data.byteLength;
    this.#messagesIn++;
    this.#bytesIn += size;
    metrics.messagesIn++;
    metrics.bytesIn += size;
    if (size > config.maxMessageBytes) {
      return this.#closeForLimit(
        CLOSE_MESSAGE_TOO_BIG,
        "message_too_big",
        `Message of ${size} bytes exceeds the limit of ${config.maxMessageBytes} bytes`,
      );
    }
    const now = performance.now();
    if (!this.#bucket.take(now)) {
      return this.#closeForLimit(
        CLOSE_POLICY_VIOLATION,
        "rate",
        `Message rate exceeds ${config.messageRate}/s (burst ${config.messageBurst})`,
      );
    }
    if (config.logMessages) this.#print(data, size);
    let due = now;
    if (this.#pacer === undefined) {
      this.#pacer = config.byteRate > 0
        ? new BytePacer(config.byteRate, config.byteBurst, now)
        : null;
    }
    if (this.#pacer !== null) {
      if (size <= INTERACTIVE_MESSAGE_BYTES) server.markInteractive(this, now);
      const waitMs = this.#pacer.charge(size, now);
      if (waitMs > 0) {
        if (server.othersInteractive(this, now)) due = now + waitMs;
        else this.#pacer.forgive();
      }
    }
    if (this.#membership !== null) {
      // Pacing holds what a member sends to the room, as it holds its echo,
      // so a flood fans out no faster than the flooder is echoed.
      if (due > now || (this.#relayHeld !== null && !this.#relayHeld.empty)) {
        this.#relayHeld ??= new DelayQueue((data, size) => {
          this.#membership!.publish(data, size);
        });
        this.#relayHeld.push(data, size, due);
      } else {
        this.#membership.publish(data, size);
      }
      if (!this.#self) {
        if (this.closeIfBacklogged(this.#heldBytes())) this.#relayHeld?.stop();
        return;
      }
    }
    if (this.#runner) return this.#runner.received(data, size, due);
    if (due > now || (this.#paced !== null && !this.#paced.empty)) {
      return this.#hold(data, size, due);
    }
    this.sendEcho(data, size);
    this.closeIfBacklogged(0);
  }

  /** Holds an echo for pacing, behind any already held. */
  #hold(data: string | ArrayBuffer, size: number, due: number): void {
    this.#paced ??= new DelayQueue((data, size) => {
      this.sendEcho(data, size);
      if (this.closeIfBacklogged(this.#heldBytes())) this.#paced!.stop();
    });
    this.#paced.push(data, size, due);
    if (this.closeIfBacklogged(this.#heldBytes())) this.#paced.stop();
  }

  /**
   * A member joins at its handshake, so messages can reach it before its
   * socket opens: they wait for the open, within the slow-reader limit.
   *
   * @param size `null` for a notice of the server's own
   */
  #keepEarly(data: string | ArrayBuffer, size: number | null): void {
    this.#early ??= [];
    this.#early.push([data, size]);
    this.#earlyBytes += size ?? (data as string).length;
    const limit = this.#server.config.sendHighWaterBytes;
    if (this.#earlyBytes > limit) {
      // Closed as a slow reader once open; the room need not wait for it.
      this.#early = [];
      this.#membership?.leave();
    }
  }

  #sendEarly(): void {
    const early = this.#early!;
    this.#early = null;
    if (early.length === 0) {
      const limit = this.#server.config.sendHighWaterBytes;
      return this.#closeForLimit(
        CLOSE_TRY_AGAIN_LATER,
        "slow_reader",
        `Client is not reading: over ${limit} bytes queued`,
      );
    }
    for (const [data, size] of early) {
      if (size === null) this.notify(data as string);
      else this.deliver(data, size);
    }
  }

  /** Bytes held here by pacing, which count towards the slow-reader limit. */
  #heldBytes(): number {
    return (this.#paced?.heldBytes ?? 0) + (this.#relayHeld?.heldBytes ?? 0);
  }

  #closeForLimit(code: number, kind: string, reason: string): void {
    this.#server.metrics.countRejection(kind);
    this.#socket.close(code, reason);
  }

  #print(data: string | ArrayBuffer, size: number): void {
    const shown = typeof data === "string"
      ? `text ${escapeText(data)}`
      : `binary ${hexPreview(new Uint8Array(data))}`;
    this.#server.logger.print(
      `#${this.#peer.id} ← ${formatBytes(size)} ${shown}`,
    );
  }

  #closed(event: CloseEvent): void {
    // After an idle timeout Deno 2.9 dispatches close twice: its own 1001,
    // then 1005 once the socket's read loop ends. The first one counts.
    this.#socket.removeEventListener("close", this);
    this.#runner?.stop();
    this.#paced?.stop();
    // Held messages were accepted from the client: they still reach the room.
    this.#relayHeld?.flushUntil(Infinity);
    this.#membership?.leave();
    const server = this.#server;
    // Deno reports a connection lost without a close frame as code 0 on some
    // paths; RFC 6455 §7.1.5 names that 1006.
    const code = event.code === 0 ? CLOSE_ABNORMAL : event.code;
    server.metrics.countClose(code);
    server.forget(this);
    const dropped = this.#runner?.dropped ?? 0;
    server.logger.info("close", {
      ...this.#peer,
      durationMs: Math.round(performance.now() - this.#opened),
      messagesIn: this.#messagesIn,
      bytesIn: this.#bytesIn,
      messagesOut: this.#messagesOut,
      bytesOut: this.#bytesOut,
      ...(dropped > 0 ? { delayedEchoesDropped: dropped } : {}),
      code,
      reason: event.reason,
      wasClean: event.wasClean,
    });
  }
}
