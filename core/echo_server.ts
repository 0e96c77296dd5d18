/**
 * The echo server's core: validates handshakes, enforces limits, echoes every
 * message, counts everything, and drains on shutdown. Framework-free; a route
 * hands it the request.
 *
 * @module
 */

import { type Behaviours, parseBehaviours } from "./behaviours.ts";
import type { EchoServerConfig } from "./echo_config.ts";
import { handshakeReport } from "./handshake_report.ts";
import { isRejection, type Rejection, validateHandshake } from "./handshake.ts";
import type { Logger } from "./log.ts";
import type { MemoryTrimmer } from "./memory_trim.ts";
import { Metrics } from "./metrics.ts";
import { parseRoom, type RoomRequest } from "./room_params.ts";
import type { RoomBus } from "./room_bus.ts";
import { Rooms } from "./rooms.ts";
import { selectSubprotocol } from "./subprotocol.ts";
import { EchoSession, type SessionServer } from "./echo_session.ts";

/** What {@linkcode EchoServer} needs besides its settings. */
export interface EchoServerOptions {
  config: EchoServerConfig;
  logger: Logger;
  /** Counters to add to; a fresh set when omitted. */
  metrics?: Metrics;
  /** Prefix of connection ids, to tell workers apart in logs. */
  idPrefix?: string;
  /** Told the number of open connections as it changes, to trim memory. */
  trimmer?: MemoryTrimmer;
  /** What carries rooms to other workers and processes; none by default. */
  roomBuses?: RoomBus[];
  /** This isolate's id among the rooms' nodes. @default {a random id} */
  node?: string;
  /** This process's id, shared by its workers. @default {`node`} */
  instance?: string;
}

/** Seconds a client refused for capacity should wait before retrying. */
const RETRY_AFTER_SECONDS = "1";

/**
 * Of the shutdown grace period, what delayed echoes may not use: the close
 * handshake that follows them needs a moment before the process exits.
 */
const CLOSE_HANDSHAKE_MARGIN_MS = 250;

/** How long an interactive message keeps bulk connections paced. */
const INTERACTIVE_WINDOW_MS = 1000;

/** Answers WebSocket upgrades with an echo, within the configured limits. */
export class EchoServer implements SessionServer {
  /** The counters this server adds to. */
  readonly metrics: Metrics;
  readonly #config: EchoServerConfig;
  readonly #logger: Logger;
  readonly #idPrefix: string;
  readonly #trimmer: MemoryTrimmer | undefined;
  readonly #sessions = new Set<EchoSession>();
  readonly #rooms: Rooms;
  /** Room member ids start with it when rooms span nodes. */
  readonly #memberPrefix: string;
  #nextId = 1;
  #shuttingDown = false;
  #onDrained: (() => void) | undefined;
  /** When a connection last sent an interactive message, and which one. */
  #interactiveAt = -Infinity;
  #interactiveBy: EchoSession | null = null;

  constructor(options: EchoServerOptions) {
    this.#config = options.config;
    this.#logger = options.logger;
    this.metrics = options.metrics ?? new Metrics();
    this.#idPrefix = options.idPrefix ?? "";
    this.#trimmer = options.trimmer;
    const node = options.node ?? crypto.randomUUID().slice(0, 8);
    const buses = options.roomBuses ?? [];
    this.#rooms = new Rooms({
      maxMembers: this.#config.maxRoomMembers,
      metrics: this.metrics,
      logger: this.#logger,
      node,
      instance: options.instance ?? node,
      buses,
      // Remote senders (null) are no session, so any interactive one counts.
      contended: (sender) =>
        this.othersInteractive(sender as EchoSession | null, performance.now()),
    });
    // Connection ids repeat across processes; member ids must not.
    this.#memberPrefix = buses.length > 0 && this.#idPrefix === ""
      ? `${node}-`
      : "";
  }

  /** The rooms of this node. */
  get rooms(): Rooms {
    return this.#rooms;
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
    let room: RoomRequest | null;
    try {
      room = parseRoom(request.url, { enabled: config.rooms });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return this.#reject(
        { status: 400, kind: "room", reason: error.message },
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
    if (
      room !== null && this.#rooms.members(room.name) >= config.maxRoomMembers
    ) {
      return this.#reject({
        status: 503,
        kind: "room_full",
        reason: `room ${room.name} is full (${config.maxRoomMembers} members)`,
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
    const id = `${this.#idPrefix}${this.#nextId++}`;
    const session = new EchoSession(
      this,
      upgraded.socket,
      { id, remote, origin, protocol: protocol ?? null },
      behaviours && { behaviours, report },
      room && {
        request: room,
        rooms: this.#rooms,
        memberId: `${this.#memberPrefix}${id}`,
      },
    );
    this.#sessions.add(session);
    this.metrics.openConnections = this.#sessions.size;
    this.#trimmer?.observe(this.#sessions.size);
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

  /** Stops the rooms' timer and buses, so the process can exit. */
  close(): Promise<void> {
    return this.#rooms.close();
  }

  /** @internal Settings and sinks, for sessions. */
  get config(): EchoServerConfig {
    return this.#config;
  }

  /** @internal */
  get logger(): Logger {
    return this.#logger;
  }

  /** @internal A session received a message small enough to be interactive. */
  markInteractive(session: EchoSession, now: number): void {
    this.#interactiveAt = now;
    this.#interactiveBy = session;
  }

  /** @internal Whether another connection was interactive a moment ago. */
  othersInteractive(session: EchoSession | null, now: number): boolean {
    return this.#interactiveBy !== session &&
      now - this.#interactiveAt < INTERACTIVE_WINDOW_MS;
  }

  /** @internal Called by a session once its socket has closed. */
  forget(session: EchoSession): void {
    this.#sessions.delete(session);
    this.metrics.openConnections = this.#sessions.size;
    this.#trimmer?.observe(this.#sessions.size);
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

function remoteOf(info?: Deno.ServeHandlerInfo): string | null {
  const addr = info?.remoteAddr;
  if (!addr || addr.transport !== "tcp") return null;
  return addr.hostname.includes(":")
    ? `[${addr.hostname}]:${addr.port}`
    : `${addr.hostname}:${addr.port}`;
}
