import assert from "node:assert/strict";
import { DEFAULT_CONFIG, parseConfig } from "./config.ts";

Deno.test("config - an empty environment gives the defaults", () => {
  assert.deepEqual(parseConfig({}), DEFAULT_CONFIG);
});

Deno.test("config - every variable is read", () => {
  const config = parseConfig({
    PORT: "8080",
    HOSTNAME: "127.0.0.1",
    WORKERS: "2",
    ALLOWED_ORIGINS: "https://a.example, http://localhost:3000",
    SUBPROTOCOLS: "graphql-ws,mqtt",
    MAX_MESSAGE_BYTES: "65536",
    MESSAGE_RATE: "50",
    MESSAGE_BURST: "100",
    BYTE_RATE: "0",
    BYTE_BURST: "65536",
    MAX_CONNECTIONS: "20",
    IDLE_TIMEOUT_SECONDS: "0",
    SEND_HIGH_WATER_BYTES: "131072",
    SHUTDOWN_GRACE_MS: "250",
    LOG_LEVEL: "WARN",
    LOG_MESSAGES: "true",
    TEST_CONTROLS: "false",
    MEMORY_TRIM: "true",
    ROOMS: "false",
    MAX_ROOM_MEMBERS: "20",
    REDIS_URL: "redis://:secret@127.0.0.1:6380/2",
    ECHO_INSTANCE_ID: "proc-1",
  });
  assert.deepEqual(config, {
    port: 8080,
    hostname: "127.0.0.1",
    workers: 2,
    allowedOrigins: ["https://a.example", "http://localhost:3000"],
    subprotocols: ["graphql-ws", "mqtt"],
    maxMessageBytes: 65536,
    messageRate: 50,
    messageBurst: 100,
    byteRate: 0,
    byteBurst: 65536,
    maxConnections: 20,
    idleTimeoutSeconds: 0,
    sendHighWaterBytes: 131072,
    shutdownGraceMs: 250,
    logLevel: "warn",
    logMessages: true,
    testControls: false,
    memoryTrim: true,
    rooms: false,
    maxRoomMembers: 20,
    redisUrl: "redis://:secret@127.0.0.1:6380/2",
    instanceId: "proc-1",
  });
});

Deno.test("config - WORKERS=auto is one per core; * means no restriction", () => {
  const config = parseConfig({
    WORKERS: "auto",
    ALLOWED_ORIGINS: "*",
    SUBPROTOCOLS: "*",
  });
  assert.equal(config.workers, navigator.hardwareConcurrency);
  assert.equal(config.allowedOrigins, null);
  assert.equal(config.subprotocols, null);
});

const BAD_VALUES: [Record<string, string>, string][] = [
  [{ PORT: "abc" }, 'Cannot start: PORT is "abc", expected an integer 0-65535'],
  [
    { PORT: "70000" },
    'Cannot start: PORT is "70000", expected an integer 0-65535',
  ],
  [{ PORT: "-1" }, 'Cannot start: PORT is "-1", expected an integer 0-65535'],
  [
    { PORT: "80.5" },
    'Cannot start: PORT is "80.5", expected an integer 0-65535',
  ],
  [
    { MAX_MESSAGE_BYTES: "0" },
    'Cannot start: MAX_MESSAGE_BYTES is "0", expected an integer 1-67108864',
  ],
  [
    { MAX_MESSAGE_BYTES: "100000000" },
    'Cannot start: MAX_MESSAGE_BYTES is "100000000", expected an integer 1-67108864',
  ],
  [
    { WORKERS: "0" },
    'Cannot start: WORKERS is "0", expected "auto" or an integer 1-256',
  ],
  [
    { LOG_LEVEL: "loud" },
    'Cannot start: LOG_LEVEL is "loud", expected one of debug, info, warn, error, silent',
  ],
  [
    { LOG_MESSAGES: "maybe" },
    'Cannot start: LOG_MESSAGES is "maybe", expected true or false',
  ],
  [
    { BYTE_RATE: "fast" },
    'Cannot start: BYTE_RATE is "fast", expected an integer 0-1099511627776',
  ],
  [
    { TEST_CONTROLS: "public" },
    'Cannot start: TEST_CONTROLS is "public", expected true or false',
  ],
  [
    { ROOMS: "sometimes" },
    'Cannot start: ROOMS is "sometimes", expected true or false',
  ],
  [
    { MAX_ROOM_MEMBERS: "0" },
    'Cannot start: MAX_ROOM_MEMBERS is "0", expected an integer 1-1000000',
  ],
  [
    { HOSTNAME: "my host" },
    'Cannot start: HOSTNAME is "my host", expected a host name or an IP address',
  ],
];

Deno.test("config - a bad number, range, level or flag names the variable and the accepted form", () => {
  for (const [env, message] of BAD_VALUES) {
    assert.throws(() => parseConfig(env), { name: "RangeError", message });
  }
});

Deno.test("config - a malformed origin is refused", () => {
  for (
    const value of [
      "example.com",
      "https://a.example/",
      "ftp://a.example",
      "https://a.example/path",
    ]
  ) {
    assert.throws(
      () => parseConfig({ ALLOWED_ORIGINS: value }),
      {
        name: "RangeError",
        message: new RegExp(
          `^Cannot start: ALLOWED_ORIGINS is "${
            value.replace(/[/.]/g, "\\$&")
          }", expected a comma-separated list of origins`,
        ),
      },
    );
  }
});

Deno.test("config - a malformed subprotocol list is refused", () => {
  assert.throws(() => parseConfig({ SUBPROTOCOLS: "graphql ws" }), {
    name: "RangeError",
    message:
      /^Cannot start: SUBPROTOCOLS is "graphql ws", expected a comma-separated list of subprotocol tokens/,
  });
});

Deno.test("config - the send high-water mark must hold the largest message", () => {
  assert.throws(
    () =>
      parseConfig({ MAX_MESSAGE_BYTES: "2000", SEND_HIGH_WATER_BYTES: "1000" }),
    {
      name: "RangeError",
      message:
        /^Cannot start: SEND_HIGH_WATER_BYTES is "1000", expected at least MAX_MESSAGE_BYTES \(2000\)/,
    },
  );
});

Deno.test("config - a REDIS_URL that does not parse is refused with the accepted form", () => {
  for (
    const value of [
      "localhost:6379",
      "http://127.0.0.1:6379",
      "redis://",
      "redis://127.0.0.1:6379/db",
      "redis://127.0.0.1:99999",
    ]
  ) {
    assert.throws(() => parseConfig({ REDIS_URL: value }), {
      name: "RangeError",
      message: new RegExp(
        `^Cannot start: REDIS_URL is "${
          value.replace(/[/.:]/g, "\\$&")
        }", expected a Redis URL such as "redis://127\\.0\\.0\\.1:6379"`,
      ),
    });
  }
  for (
    const value of ["redis://localhost", "rediss://u:p@cache.example:6380/1"]
  ) {
    assert.equal(parseConfig({ REDIS_URL: value }).redisUrl, value);
  }
});
