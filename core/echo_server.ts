/**
 * The echo server's core: validates handshakes, enforces limits, echoes every
 * message, counts everything, and drains on shutdown. Framework-free; a route
 * hands it the request.
 *
 * @module
 */

import type { Config } from "./config.ts";
import {
  CLOSE_ABNORMAL,
  CLOSE_GOING_AWAY,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_POLICY_VIOLATION,
  CLOSE_TRY_AGAIN_LATER,
} from "./close_codes.ts";
import { type BehaviourHost, BehaviourRunner } from "./behaviour_runner.ts";
import { type Behaviours, parseBehaviours } from "./behaviours.ts";
import { escapeText, formatBytes, hexPreview } from "./format.ts";
import { handshakeReport } from "./handshake_report.ts";
import { isRejection, type Rejection, validateHandshake } from "./handshake.ts";
import type { Logger } from "./log.ts";
import { Metrics } from "./metrics.ts";
import { selectSubprotocol } from "./subprotocol.ts";
import { TokenBucket } from "./token_bucket.ts";
import { utf8Length } from "./utf8.ts";

/** Settings the echo server reads; a subset of {@linkcode Config}. */
export type EchoServerConfig = Pick<
  Config,
  | "allowedOrigins"
  | "subprotocols"
  | "maxMessageBytes"
  | "messageRate"
  | "messageBurst"
  | "maxConnections"
  | "idleTimeoutSeconds"
  | "sendHighWaterBytes"
  | "shutdownGraceMs"
  | "logMessages"
  | "testControls"
>;

/** What {@linkcode EchoServer} needs besides its settings. */
export interface EchoServerOptions {
  config: EchoServerConfig;
  logger: Logger;
  /** Counters to add to; a fresh set when omitted. */
  metrics?: Metrics;
  /** Prefix of connection ids, to tell workers apart in logs. */
  idPrefix?: string;
}

/**
 * The close reason sent to every client at shutdown: the same words
 * `deno serve` uses when it closes WebSockets on SIGINT or SIGTERM itself.
 */
const SHUTDOWN_REASON = "Server shutting down";

/** Seconds a client refused for capacity should wait before retrying. */
const RETRY_AFTER_SECONDS = "1";

/**
 * Of the shutdown grace period, what delayed echoes may not use: the close
 * handshake that follows them needs a moment before the process exits.
 */
const CLOSE_HANDSHAKE_MARGIN_MS = 250;

/** Answers WebSocket upgrades with an echo, within the configured limits. */
export class EchoServer {
  /** The counters this server adds to. */
  readonly metrics: Metrics;
  readonly #config: EchoServerConfig;
  readonly #logger: Logger;
  readonly #idPrefix: string;
  readonly #sessions = new Set<EchoSession>();
  #nextId = 1;
  #shuttingDown = false;
  #onDrained: (() => void) | undefined;

  constructor(options: EchoServerOptions) {
    this.#config = options.config;
    this.#logger = options.logger;
    this.metrics = options.metrics ?? new Metrics();
    this.#idPrefix = options.idPrefix ?? "";
  }

  /** WebSockets accepted and not yet closed. */
  get openConnections(): number {
    return this.#sessions.size;
  }

  /** True once {@linkcode shutdown} has begun. */
  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /**
   * Answers a WebSocket opening handshake: 101 and an echo session, or the
   * status and plain reason of the first thing wrong with it.
   */
  upgrade(request: Request, info?: Deno.ServeHandlerInfo): Response {
    const handshake = validateHandshake(request);
    if (isRejection(handshake)) return this.#reject(handshake, info);
    const config = this.#config;
    if (this.#shuttingDown) {
      return this.#reject({
        status: 503,
        kind: "shutting_down",
        reason: "The server is shutting down",
        headers: { "Retry-After": RETRY_AFTER_SECONDS },
      }, info);
    }
    const origin = handshake.origin;
    if (
      config.allowedOrigins !== null && origin !== null &&
      !config.allowedOrigins.includes(origin)
    ) {
      return this.#reject({
        status: 403,
        kind: "origin",
        reason: `Origin ${JSON.stringify(origin)} is not allowed`,
      }, info);
    }
    let behaviours: Behaviours | null;
    try {
      behaviours = parseBehaviours(request.url, {
        enabled: config.testControls,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return this.#reject(
        { status: 400, kind: "behaviour", reason: error.message },
        info,
      );
    }
    if (behaviours?.status != null) {
      return this.#refuseAsAsked(behaviours.status, info);
    }
    if (this.#sessions.size >= config.maxConnections) {
      return this.#reject({
        status: 503,
        kind: "capacity",
        reason:
          `The server is at its limit of ${config.maxConnections} connections`,
        headers: { "Retry-After": RETRY_AFTER_SECONDS },
      }, info);
    }
    const protocol = selectSubprotocol(handshake.offered, config.subprotocols);
    // Deno forgets the connection's address and headers once the request is
    // upgraded.
    const remote = remoteOf(info);
    const report = behaviours?.handshake
      ? handshakeReport(request, remote, protocol ?? "")
      : null;
    let upgraded: { socket: WebSocket; response: Response };
    try {
      upgraded = Deno.upgradeWebSocket(request, {
        protocol,
        idleTimeout: config.idleTimeoutSeconds,
      });
    } catch (error) {
      // Validation above covers what Deno checks; this keeps any gap a 400.
      return this.#reject({
        status: 400,
        kind: "upgrade",
        reason: `The upgrade failed: ${(error as Error).message}`,
      }, info);
    }
    const session = new EchoSession(this, upgraded.socket, {
      id: `${this.#idPrefix}${this.#nextId++}`,
      remote,
      origin,
      protocol: protocol ?? null,
    }, behaviours && { behaviours, report });
    this.#sessions.add(session);
    this.metrics.openConnections = this.#sessions.size;
    this.metrics.connectionsTotal++;
    return upgraded.response;
  }

  /**
   * Answers a request that is no upgrade on an echo path: the refusal that
   * `?status` asks for, so a browser, which cannot read a refused handshake's
   * status, can fetch it; `null` when the request asks for none.
   */
  refusal(request: Request, info?: Deno.ServeHandlerInfo): Response | null {
    let behaviours: Behaviours | null;
    try {
      behaviours = parseBehaviours(request.url, {
        enabled: this.#config.testControls,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return this.#reject(
        { status: 400, kind: "behaviour", reason: error.message },
        info,
      );
    }
    return behaviours?.status != null
      ? this.#refuseAsAsked(behaviours.status, info)
      : null;
  }

  /**
   * Stops accepting, closes every socket with 1001, and waits up to the grace
   * period for their close handshakes. Echoes waiting for a delay that falls
   * within the grace period are sent first; later ones are dropped.
   */
  async shutdown(
    graceMs: number = this.#config.shutdownGraceMs,
  ): Promise<void> {
    this.#shuttingDown = true;
    if (this.#sessions.size === 0) return;
    const drained = new Promise<void>((resolve) => this.#onDrained = resolve);
    const echoGraceMs = Math.max(0, graceMs - CLOSE_HANDSHAKE_MARGIN_MS);
    for (const session of this.#sessions) session.shutdown(echoGraceMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([drained, timeout]);
    clearTimeout(timer);
  }

  /** @internal Settings and sinks, for sessions. */
  get config(): EchoServerConfig {
    return this.#config;
  }

  /** @internal */
  get logger(): Logger {
    return this.#logger;
  }

  /** @internal Called by a session once its socket has closed. */
  forget(session: EchoSession): void {
    this.#sessions.delete(session);
    this.metrics.openConnections = this.#sessions.size;
    if (this.#sessions.size === 0) this.#onDrained?.();
  }

  #refuseAsAsked(status: number, info?: Deno.ServeHandlerInfo): Response {
    return this.#reject({
      status,
      kind: "status_requested",
      reason:
        `Refused with ${status} because the URL asks for ?status=${status}`,
    }, info);
  }

  #reject(rejection: Rejection, info?: Deno.ServeHandlerInfo): Response {
    this.metrics.countRejection(rejection.kind);
    this.#logger.debug("reject", {
      remote: remoteOf(info),
      status: rejection.status,
      kind: rejection.kind,
      reason: rejection.reason,
    });
    return new Response(`${rejection.reason}\n`, {
      status: rejection.status,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        ...rejection.headers,
      },
    });
  }
}

/** Who is on the other end of a session, for its log lines. */
interface Peer {
  id: string;
  remote: string | null;
  origin: string | null;
  protocol: string | null;
}

/** What a connection asked for besides the echo, resolved at its handshake. */
interface SessionBehaviours {
  behaviours: Behaviours;
  /** The handshake report to send first, when asked for. */
  report: string | null;
}

/** One echoing WebSocket and its own limits and counts. */
class EchoSession implements BehaviourHost {
  readonly #server: EchoServer;
  readonly #socket: WebSocket;
  readonly #peer: Peer;
  readonly #bucket: TokenBucket;
  readonly #opened = performance.now();
  /** Only connections that asked for behaviours have one. */
  readonly #runner: BehaviourRunner | null;
  #messagesIn = 0;
  #bytesIn = 0;
  #messagesOut = 0;
  #bytesOut = 0;

  constructor(
    server: EchoServer,
    socket: WebSocket,
    peer: Peer,
    extra: SessionBehaviours | null,
  ) {
    this.#server = server;
    this.#socket = socket;
    this.#peer = peer;
    const { messageRate, messageBurst } = server.config;
    this.#bucket = new TokenBucket(messageRate, messageBurst);
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
   * Closes with 1001 for shutdown, after the delayed echoes due within
   * `echoGraceMs`.
   */
  shutdown(echoGraceMs: number): void {
    if (this.#runner) {
      this.#runner.drain(echoGraceMs, CLOSE_GOING_AWAY, SHUTDOWN_REASON);
    } else {
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
  }

  /** @internal Sends a message of the server's own: a push or the report. */
  sendOwn(text: string): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(text);
    this.#server.metrics.pushesOut++;
  }

  /** @internal Closes with 1013 when over the slow-reader limit. */
  closeIfBacklogged(held: number): boolean {
    const limit = this.#server.config.sendHighWaterBytes;
    if (this.#socket.bufferedAmount + held <= limit) return false;
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
    if (!this.#bucket.take()) {
      return this.#closeForLimit(
        CLOSE_POLICY_VIOLATION,
        "rate",
        `Message rate exceeds ${config.messageRate}/s (burst ${config.messageBurst})`,
      );
    }
    if (config.logMessages) this.#print(data, size);
    if (this.#runner) return this.#runner.received(data, size);
    socket.send(data);
    this.#messagesOut++;
    this.#bytesOut += size;
    metrics.messagesOut++;
    metrics.bytesOut += size;
    if (socket.bufferedAmount > config.sendHighWaterBytes) {
      this.#closeForLimit(
        CLOSE_TRY_AGAIN_LATER,
        "slow_reader",
        `Client is not reading: over ${config.sendHighWaterBytes} bytes queued`,
      );
    }
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

function remoteOf(info?: Deno.ServeHandlerInfo): string | null {
  const addr = info?.remoteAddr;
  if (!addr || addr.transport !== "tcp") return null;
  return addr.hostname.includes(":")
    ? `[${addr.hostname}]:${addr.port}`
    : `${addr.hostname}:${addr.port}`;
}
