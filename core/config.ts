/**
 * Server configuration: every setting, its default, and the one place where
 * environment variables are read and validated.
 *
 * @module
 */

/** Log levels, from most to least verbose. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

/** How much the server writes to its log. */
export type LogLevel = typeof LOG_LEVELS[number];

/** Every setting of the echo server, resolved. */
export interface Config {
  /** TCP port to listen on; 0 picks a free one. @default {8000} */
  port: number;
  /** Interface to listen on. @default {"0.0.0.0"} */
  hostname: string;
  /** Server processes' worker count for `deno task start`. @default {1} */
  workers: number;
  /**
   * Origins allowed to open a WebSocket; `null` allows every origin.
   * Requests without an `Origin` header (non-browser clients) are always
   * allowed. @default {null}
   */
  allowedOrigins: string[] | null;
  /**
   * Subprotocols the server may select; `null` selects whatever the client
   * offers first, as a test tool should. @default {null}
   */
  subprotocols: string[] | null;
  /**
   * Largest message echoed; larger ones close with 1009. With
   * `sendHighWaterBytes` it bounds what a client that sends and never reads
   * costs: Deno holds what it queued for the client and, until the garbage
   * collector runs, what it received from it, so about twice the two
   * together, ~20 MiB by default. Ten such clients then stay far under
   * 512 MiB of RSS (Deno Deploy allows 768 MB). @default {1048576}
   */
  maxMessageBytes: number;
  /** Messages per second one connection may send, on average. @default {100000} */
  messageRate: number;
  /** Messages one connection may send in a burst above the rate. @default {100000} */
  messageBurst: number;
  /**
   * Bytes per second one connection's echoes may move while another
   * connection is interactive (has sent a message of at most 16 KiB within
   * the last second); echoes beyond it wait, and count towards
   * `sendHighWaterBytes` while they do. A bulk transfer alone runs at full
   * speed. 0 turns pacing off. @default {16777216}
   */
  byteRate: number;
  /** Bytes a connection may move at once above `byteRate`. @default {4194304} */
  byteBurst: number;
  /** Open WebSockets at most; more get HTTP 503. @default {10000} */
  maxConnections: number;
  /** Seconds without a pong before a peer is dropped; 0 disables. @default {60} */
  idleTimeoutSeconds: number;
  /**
   * Bytes queued for one client before it counts as a slow reader and is
   * closed with 1013. Must be at least `maxMessageBytes`. @default {8388608}
   */
  sendHighWaterBytes: number;
  /** Milliseconds to wait for close handshakes at shutdown. @default {4000} */
  shutdownGraceMs: number;
  /** Least severe log level written. @default {"info"} */
  logLevel: LogLevel;
  /** Print every received message (escaped, truncated). @default {false} */
  logMessages: boolean;
  /**
   * Whether the echo paths answer the behaviour parameters (`?delay`,
   * `?status`, `?close`, `?push`, `?handshake`…); a public deployment may
   * turn them off, and a request using one then gets 400. @default {true}
   */
  testControls: boolean;
  /**
   * Return freed native memory to the system (glibc's `malloc_trim`) once
   * many connections have closed. Needs FFI, which `deno task start` then
   * grants (`--allow-ffi`); Deno counts FFI as every permission, hence off by
   * default. @default {false}
   */
  memoryTrim: boolean;
  /**
   * Whether the echo paths answer `?room=` (with `self` and `presence`); a
   * deployment that wants a pure echo turns them off, and a request using
   * one then gets 400. @default {true}
   */
  rooms: boolean;
  /** Members one room may have, across every worker and process. @default {1000} */
  maxRoomMembers: number;
  /**
   * Redis that carries rooms between server processes (`redis://HOST:PORT`
   * or `rediss://`, with optional user, password and database); `null`
   * keeps rooms within this process. @default {null}
   */
  redisUrl: string | null;
  /**
   * This server process's id on the room buses, shared by its workers so
   * that they skip each other's Redis copies (they hear each other over
   * their own channel). `deno task start` sets `ECHO_INSTANCE_ID` itself;
   * `null` lets each worker pick one. @default {null}
   */
  instanceId: string | null;
}

/** The defaults, resolved in this one place. */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 8000,
  hostname: "0.0.0.0",
  workers: 1,
  allowedOrigins: null,
  subprotocols: null,
  maxMessageBytes: 1024 * 1024,
  messageRate: 100_000,
  messageBurst: 100_000,
  byteRate: 16 * 1024 * 1024,
  byteBurst: 4 * 1024 * 1024,
  maxConnections: 10_000,
  idleTimeoutSeconds: 60,
  sendHighWaterBytes: 8 * 1024 * 1024,
  shutdownGraceMs: 4_000,
  logLevel: "info",
  logMessages: false,
  testControls: true,
  memoryTrim: false,
  rooms: true,
  maxRoomMembers: 1000,
  redisUrl: null,
  instanceId: null,
});

/** Deno caps a single frame at 64 MiB, so a larger limit could never apply. */
const MAX_MESSAGE_BYTES_CEILING = 64 * 1024 * 1024;

/** RFC 7230 token characters, which is what a subprotocol name must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** An environment, as `Deno.env.toObject()` returns it. */
export type Env = Record<string, string | undefined>;

/**
 * Resolves the configuration from environment variables.
 *
 * @throws {RangeError} naming the variable, the value and the accepted form
 */
export function parseConfig(env: Env): Config {
  const d = DEFAULT_CONFIG;
  const config: Config = {
    port: integer(env, "PORT", d.port, 0, 65_535),
    hostname: hostname(env, "HOSTNAME", d.hostname),
    workers: workers(env, "WORKERS", d.workers),
    allowedOrigins: origins(env, "ALLOWED_ORIGINS"),
    subprotocols: tokens(env, "SUBPROTOCOLS"),
    maxMessageBytes: integer(
      env,
      "MAX_MESSAGE_BYTES",
      d.maxMessageBytes,
      1,
      MAX_MESSAGE_BYTES_CEILING,
    ),
    messageRate: integer(env, "MESSAGE_RATE", d.messageRate, 1, 10_000_000),
    messageBurst: integer(env, "MESSAGE_BURST", d.messageBurst, 1, 10_000_000),
    byteRate: integer(env, "BYTE_RATE", d.byteRate, 0, 2 ** 40),
    byteBurst: integer(env, "BYTE_BURST", d.byteBurst, 1, 2 ** 40),
    maxConnections: integer(
      env,
      "MAX_CONNECTIONS",
      d.maxConnections,
      1,
      1_000_000,
    ),
    idleTimeoutSeconds: integer(
      env,
      "IDLE_TIMEOUT_SECONDS",
      d.idleTimeoutSeconds,
      0,
      86_400,
    ),
    sendHighWaterBytes: integer(
      env,
      "SEND_HIGH_WATER_BYTES",
      d.sendHighWaterBytes,
      1,
      1024 * 1024 * 1024,
    ),
    shutdownGraceMs: integer(
      env,
      "SHUTDOWN_GRACE_MS",
      d.shutdownGraceMs,
      0,
      600_000,
    ),
    logLevel: logLevel(env, "LOG_LEVEL", d.logLevel),
    logMessages: boolean(env, "LOG_MESSAGES", d.logMessages),
    testControls: boolean(env, "TEST_CONTROLS", d.testControls),
    memoryTrim: boolean(env, "MEMORY_TRIM", d.memoryTrim),
    rooms: boolean(env, "ROOMS", d.rooms),
    maxRoomMembers: integer(
      env,
      "MAX_ROOM_MEMBERS",
      d.maxRoomMembers,
      1,
      1_000_000,
    ),
    redisUrl: redisUrl(env, "REDIS_URL"),
    instanceId: instanceId(env, "ECHO_INSTANCE_ID"),
  };
  if (config.sendHighWaterBytes < config.maxMessageBytes) {
    throw new RangeError(
      `Cannot start: SEND_HIGH_WATER_BYTES is "${config.sendHighWaterBytes}", expected at least MAX_MESSAGE_BYTES (${config.maxMessageBytes}) so that the largest message can be echoed`,
    );
  }
  return config;
}

/**
 * Reads the configuration from the process environment, or ends the program
 * with exit code 2 and one plain line saying what is wrong.
 */
export function loadConfig(): Config {
  try {
    return parseConfig(Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function invalid(name: string, value: string, expected: string): RangeError {
  return new RangeError(
    `Cannot start: ${name} is "${value}", expected ${expected}`,
  );
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(name, value, `an integer ${min}-${max}`);
  }
  return n;
}

function workers(env: Env, name: string, fallback: number): number {
  const value = present(env, name);
  if (value === "auto") return navigator.hardwareConcurrency;
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= 256)) {
    throw invalid(name, value, `"auto" or an integer 1-256`);
  }
  return n;
}

function hostname(env: Env, name: string, fallback: string): string {
  const value = present(env, name);
  if (value === undefined) return fallback;
  if (!/^[A-Za-z0-9.:\-\[\]]+$/.test(value)) {
    throw invalid(name, value, "a host name or an IP address");
  }
  return value.replace(/^\[(.*)\]$/, "$1");
}

function list(value: string): string[] {
  return value.split(",").map((item) => item.trim()).filter(Boolean);
}

function origins(env: Env, name: string): string[] | null {
  const value = present(env, name);
  if (value === undefined || value === "*") return null;
  return list(value).map((origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // reported below with the accepted form
    }
    if (
      !url || !/^https?:$/.test(url.protocol) || url.origin !== origin
    ) {
      throw invalid(
        name,
        value,
        'a comma-separated list of origins such as "https://example.com" (scheme, host and optional port, no path or trailing slash), or "*"',
      );
    }
    return url.origin;
  });
}

function tokens(env: Env, name: string): string[] | null {
  const value = present(env, name);
  if (value === undefined || value === "*") return null;
  const items = list(value);
  if (items.length === 0 || !items.every((item) => TOKEN.test(item))) {
    throw invalid(
      name,
      value,
      'a comma-separated list of subprotocol tokens such as "graphql-ws,mqtt", or "*"',
    );
  }
  return items;
}

function logLevel(env: Env, name: string, fallback: LogLevel): LogLevel {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level) throw invalid(name, value, `one of ${LOG_LEVELS.join(", ")}`);
  return level;
}

function redisUrl(env: Env, name: string): string | null {
  const value = present(env, name);
  if (value === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below with the accepted form
  }
  const db = url?.pathname.replace(/^\//, "") ?? "";
  if (
    !url || !/^rediss?:$/.test(url.protocol) || url.hostname === "" ||
    !/^\d*$/.test(db) || url.search !== "" || url.hash !== ""
  ) {
    throw invalid(
      name,
      value,
      'a Redis URL such as "redis://127.0.0.1:6379" (redis:// or rediss://, optional user:password@ and /database number)',
    );
  }
  return value;
}

function instanceId(env: Env, name: string): string | null {
  const value = present(env, name);
  if (value === undefined) return null;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) {
    throw invalid(name, value, "1-64 characters of A-Z a-z 0-9 . _ -");
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = present(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw invalid(name, value, "true or false");
}
