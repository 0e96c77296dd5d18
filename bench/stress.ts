/**
 * `deno task stress [--memory [--clients=N]] [--memory-return …]`: thousands of well-behaved
 * echo clients, each checking
 * every echo byte for byte, while abusive clients flood connections, send
 * oversized messages, flood messages, never read, send malformed handshakes
 * and foreign origins. Against the project started as `deno task start`
 * starts it, on 127.0.0.1, with the limits printed below. Bounded to two
 * minutes; exits non-zero when a well-behaved client missed an echo, a limit
 * was not enforced, or the server answered 5xx or died.
 *
 * With `--memory`, it runs only bench/memory.ts: clients sending
 * maximum-size messages and never reading, against the default limits, and
 * prints the server's peak RSS. With `--memory-return`, it runs only
 * bench/memory_return.ts: whether RSS comes back after a crowd of
 * connections leaves, under each candidate malloc or V8 setting.
 *
 * @module
 */

import { formatBytes } from "../core/format.ts";
import { integerFlag, parseFlags } from "./flags.ts";
import { runMemoryScenario } from "./memory.ts";
import { CANDIDATES, runMemoryReturn } from "./memory_return.ts";
import {
  floodConnections,
  foreignOrigins,
  malformedHandshakes,
  type Outcomes,
  sendAndWatch,
  slowReaders,
} from "./abusers.ts";
import { closeSockets, openSockets } from "./load_client.ts";
import { openFileLimit, rssBytes } from "./proc.ts";
import type { RawSocket } from "./raw_socket.ts";
import { startProject, stopAll } from "./servers.ts";

const USAGE =
  "deno task stress [--memory [--clients=N]] [--memory-return [--connections=N] [--watch=MS] [--candidates=a,b]]";
const flags = parseFlags(Deno.args, {
  memory: { type: "boolean" },
  clients: { type: "string" },
  "memory-return": { type: "boolean" },
  connections: { type: "string" },
  watch: { type: "string" },
  candidates: { type: "string" },
}, USAGE);
if (flags.clients !== undefined && !flags.memory) {
  console.error("--clients applies only with --memory");
  Deno.exit(2);
}
const returnOnly = [flags.connections, flags.watch, flags.candidates];
if (returnOnly.some((v) => v !== undefined) && !flags["memory-return"]) {
  console.error(
    "--connections, --watch and --candidates apply only with --memory-return",
  );
  Deno.exit(2);
}
if (flags["memory-return"]) {
  Deno.addSignalListener("SIGINT", () => {
    console.error("\nInterrupted: stopping every process it started");
    stopAll();
    Deno.exit(130);
  });
  const keys = flags.candidates?.split(",");
  const known = CANDIDATES.map((c) => c.key);
  const unknown = keys?.filter((k) => !known.includes(k)) ?? [];
  if (unknown.length > 0) {
    console.error(
      `--candidates names ${
        JSON.stringify(unknown.join(","))
      }, expected some of ${known.join(",")}`,
    );
    Deno.exit(2);
  }
  const problems = await runMemoryReturn(
    integerFlag("connections", flags.connections, 19_000),
    integerFlag("watch", flags.watch, 30_000),
    keys,
  );
  stopAll();
  console.log(
    problems.length === 0
      ? "Result: PASS"
      : `Result: FAIL\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  Deno.exit(problems.length === 0 ? 0 : 1);
}
if (flags.memory) {
  const problems = await runMemoryScenario({
    clients: integerFlag("clients", flags.clients, 10),
  });
  console.log(
    problems.length === 0
      ? "Result: PASS"
      : `Result: FAIL\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  Deno.exit(problems.length === 0 ? 0 : 1);
}

const TIME_LIMIT_MS = 120_000;
const GOOD_ORIGIN = "http://good.example";
const SETTINGS: Record<string, string> = {
  MAX_CONNECTIONS: "3000",
  MESSAGE_RATE: "200",
  MESSAGE_BURST: "400",
  MAX_MESSAGE_BYTES: "65536",
  SEND_HIGH_WATER_BYTES: "1048576",
  ALLOWED_ORIGINS: GOOD_ORIGIN,
  LOG_LEVEL: "warn",
};
const MAX_CONNECTIONS = Number(SETTINGS.MAX_CONNECTIONS);
const MESSAGES_PER_CLIENT = 150;
const TICK_MS = 50;
const IN_FLIGHT = 2;

const began = performance.now();
const problems: string[] = [];
const fdLimit = openFileLimit();
// This process holds every client socket; stay well under its fd limit.
const wellBehaved = Math.min(2000, Math.floor((fdLimit - 1500) / 2));
const flood = Math.min(1500, fdLimit - wellBehaved - 500);

const limit = setTimeout(() => {
  console.error(`stress: over its ${TIME_LIMIT_MS / 1000} s limit; stopping`);
  stopAll();
  Deno.exit(3);
}, TIME_LIMIT_MS);
Deno.addSignalListener("SIGINT", () => {
  console.error(
    "\nInterrupted: stopping every process the stress test started",
  );
  stopAll();
  Deno.exit(130);
});

console.log(
  `Settings: ${
    Object.entries(SETTINGS).map(([k, v]) => `${k}=${v}`).join(" ")
  }`,
);
console.log(
  `ulimit -n ${fdLimit}; ${wellBehaved} well-behaved clients × ${MESSAGES_PER_CLIENT} messages (one per ${TICK_MS} ms, at most ${IN_FLIGHT} in flight), flood of ${flood} more connections`,
);

const server = await startProject("project", SETTINGS);
const startRss = rssBytes(server.pid);
let peakRss = startRss;
let endRss = NaN;
const sampler = setInterval(() => {
  const rss = rssBytes(server.pid);
  if (rss > peakRss) peakRss = rss;
}, 100);
const seen = new Map<string, Outcomes>();

try {
  // 1. The well-behaved clients connect first, so no flood can refuse them.
  const failures: string[] = [];
  const shapes = [
    { binary: false, bytes: 64 },
    { binary: true, bytes: 1024 },
    { binary: true, bytes: 16 * 1024 },
  ];
  const good: RawSocket[] = [];
  for (const [i, shape] of shapes.entries()) {
    const share = Math.floor(wellBehaved / shapes.length) +
      (i < wellBehaved % shapes.length ? 1 : 0);
    good.push(
      ...await openSockets(
        { port: server.port },
        share,
        shape,
        failures,
        { readBufferBytes: 32 * 1024, idBase: i * wellBehaved },
      ),
    );
  }
  console.log(`${good.length} well-behaved clients connected`);

  // 2. Their traffic runs while every kind of abuse happens at once.
  // Paced, one message per client per tick, so it lasts through the abuse.
  const queued = new Map(good.map((socket) => [socket, 0]));
  const ticker = setInterval(() => {
    for (const [socket, n] of queued) {
      if (n < MESSAGES_PER_CLIENT && socket.inFlight < IN_FLIGHT) {
        queued.set(socket, n + 1);
        socket.send(1);
      }
    }
  }, TICK_MS);
  const traffic = Promise.all(
    good.map((socket) =>
      waitForEchoes(
        socket,
        MESSAGES_PER_CLIENT,
        MESSAGES_PER_CLIENT * TICK_MS * 3,
      )
    ),
  ).finally(() => clearInterval(ticker));
  const shape64k = { binary: true, bytes: 65_536 };
  const abuse = await Promise.all([
    sendAndWatch(server.port, 20, { binary: true, bytes: 65_537 }, 1, 5_000),
    sendAndWatch(server.port, 10, { binary: false, bytes: 100_000 }, 1, 5_000),
    sendAndWatch(server.port, 20, { binary: false, bytes: 32 }, 2_000, 5_000),
    slowReaders(server.port, 5, shape64k, 300, 6_000),
    malformedHandshakes(server.port, 20),
    foreignOrigins(server.port, 50, "http://evil.example"),
  ]);
  const [tooBigBinary, tooBigText, rateFlood, slow, malformed, origins] = abuse;
  seen.set("oversized binary (65,537 B)", tooBigBinary);
  seen.set("oversized text (100,000 B)", tooBigText);
  seen.set("message flood (2,000 at once)", rateFlood);
  seen.set("never-reading clients", slow);
  seen.set("malformed handshakes", malformed.outcomes);
  seen.set("foreign Origin", origins);
  problems.push(...malformed.unexpected.map((u) => `malformed: ${u}`));

  // 3. The connection flood, while the well-behaved clients still talk.
  const flooded = await floodConnections(server.port, flood);
  seen.set(`connection flood (${flood})`, flooded.outcomes);
  await closeSockets(flooded.held, []);

  await traffic;
  const complete = good.filter((s) =>
    s.failure === null && s.echoed === MESSAGES_PER_CLIENT
  ).length;
  for (const s of good) if (s.failure) failures.push(s.failure);
  await closeSockets(good, failures);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  endRss = rssBytes(server.pid);

  const metrics = await fetchMetrics(server.port);
  const rejected = (reason: string) =>
    Number(
      metrics.find((l) => l.includes(`reason="${reason}"`))?.split(" ")[1] ??
        0,
    );
  expect(tooBigBinary, ["close 1009"], 20, "oversized binary → 1009");
  expect(tooBigText, ["close 1009"], 10, "oversized text → 1009");
  // A client still sending when the server closes may get a TCP reset
  // instead of the close frame; the server's count says the limit fired.
  const cut = ["reset before a close frame", "dropped without a close frame"];
  expect(rateFlood, ["close 1008", ...cut], 20, "message flood → 1008");
  expect(slow, ["close 1013", ...cut], 5, "never-reading client → 1013");
  expect(origins, ["HTTP 403"], 50, "foreign Origin → 403");
  for (
    const [reason, want] of [
      ["message_too_big", 30],
      ["rate", 20],
      ["slow_reader", 5],
      ["origin", 50],
    ] as const
  ) {
    if (rejected(reason) !== want) {
      problems.push(
        `/metrics rejections{${reason}} ${rejected(reason)}, expected ${want}`,
      );
    }
  }
  const refused = flooded.outcomes.get("HTTP 503") ?? 0;
  const accepted = flooded.outcomes.get("HTTP 101") ?? 0;
  if (refused === 0) problems.push("connection flood: no 503 at the limit");
  if (good.length + accepted > MAX_CONNECTIONS) {
    problems.push(
      `connection flood: ${good.length + accepted} open, over MAX_CONNECTIONS`,
    );
  }

  const allEchoed = complete === good.length && good.length === wellBehaved &&
    failures.length === 0;
  if (!allEchoed) problems.push("a well-behaved client missed an echo");
  if (failures.length > 0) problems.push(...failures.slice(0, 5));

  console.log("\nWhat the clients saw:");
  for (const [name, outcomes] of seen) {
    console.log(`  ${name}: ${formatOutcomes(outcomes)}`);
  }
  console.log("\nServer /metrics:");
  for (const line of metrics) console.log(`  ${line}`);
  console.log(
    `\nWell-behaved clients: ${complete}/${good.length} got all ${MESSAGES_PER_CLIENT} echoes byte-exact: ${
      allEchoed ? "yes" : "NO"
    }`,
  );
} catch (error) {
  problems.push(`stress: ${(error as Error).message}`);
} finally {
  clearInterval(sampler);
  const alive = !Number.isNaN(rssBytes(server.pid));
  if (!alive) problems.push("the server process died");
  await server.stop();
  stopAll();
  clearTimeout(limit);
}

console.log(
  `Server RSS: ${formatBytes(startRss)} at start, peak ${
    formatBytes(peakRss)
  } (sampled every 100 ms), ${formatBytes(endRss)} 1 s after all closed`,
);
console.log(`Duration: ${((performance.now() - began) / 1000).toFixed(1)} s`);
if (server.stderr().trim()) {
  console.log(`Server stderr (last lines):\n${server.stderr().trim()}`);
}
console.log(
  problems.length === 0
    ? "Result: PASS"
    : `Result: FAIL\n${problems.map((p) => `  - ${p}`).join("\n")}`,
);
Deno.exit(problems.length === 0 ? 0 : 1);

function expect(
  outcomes: Outcomes,
  labels: string[],
  want: number,
  what: string,
) {
  const got = labels.reduce((n, label) => n + (outcomes.get(label) ?? 0), 0);
  if (got !== want) {
    problems.push(`${what}: ${got}/${want} (${formatOutcomes(outcomes)})`);
  }
}

function formatOutcomes(outcomes: Outcomes): string {
  return [...outcomes].map(([label, n]) => `${label} ×${n}`).join(", ");
}

async function waitForEchoes(socket: RawSocket, n: number, timeoutMs: number) {
  const end = performance.now() + timeoutMs;
  while (socket.echoed < n && socket.failure === null && !socket.ended) {
    if (performance.now() > end) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function fetchMetrics(port: number): Promise<string[]> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text.split("\n").filter((line) =>
    /^echo_(rejections|closes|connections|open|messages)/.test(line)
  );
}
