/**
 * The scenarios at the server's limits: a flood of maximum-size messages
 * next to one well-behaved client, and a crowd of WebSockets held at once
 * with the memory they leave behind. Each starts its servers afresh.
 *
 * @module
 */

import type { ExtraRow, ScenarioSpec, Timing } from "./scenario_spec.ts";
import { DEFAULT_CONFIG } from "../core/config.ts";

/** Clients flooding at once, and their messages in flight each. */
export const FLOODERS = 10;
export const FLOOD_IN_FLIGHT = 4;
/** The crowd's active clients, and the beat they send on. */
export const CROWD_ACTIVE = 200;
export const CROWD_INTERVAL_MS = 10;
/** Descriptors a process needs beyond its sockets. */
const SPARE_FILES = 1024;
const MIB = 1024 * 1024;

const detail = (key: string, scale = 1): ExtraRow["of"] => (run) =>
  (run.result.details?.[key] ?? NaN) / scale;

/** The flood and the crowd, in the order they run. */
export const LIMIT_SCENARIOS: ScenarioSpec[] = [
  {
    key: "flood",
    title:
      `Flood: ${FLOODERS} clients × ${FLOOD_IN_FLIGHT} in flight, 1 MiB text (MAX_MESSAGE_BYTES), beside 1 client's 32 B ping-pong`,
    unit: "flood MB/s",
    higherIsBetter: true,
    latency: true,
    fresh: () => ({}),
    // The flood starts first and outlasts the well-behaved client's window.
    scenario: (t) => ({
      kind: "flood",
      flooders: FLOODERS,
      inFlight: FLOOD_IN_FLIGHT,
      shape: { binary: false, bytes: DEFAULT_CONFIG.maxMessageBytes },
      warmupMs: t.warmupMs,
      durationMs: t.durationMs + 1000,
    }),
    bystander: (t) => ({
      kind: "echo",
      connections: 1,
      inFlight: 1,
      shape: { binary: false, bytes: 32 },
      warmupMs: t.warmupMs + 500,
      durationMs: t.durationMs,
    }),
    figure: (r) => r.bytes / r.seconds / 1e6,
    rows: [
      { label: "well-behaved max µs", of: (run) => run.maxUs },
      { label: "well-behaved samples", of: (run) => run.samples },
      { label: "flooder reconnects", of: detail("reconnects") },
    ],
  },
  {
    key: "crowd",
    title:
      `Crowd: WebSockets held (--crowd=N), ${CROWD_ACTIVE} of them sending 32 B text every ${CROWD_INTERVAL_MS} ms`,
    unit: "KiB/conn",
    higherIsBetter: false,
    latency: true,
    fresh: (t) => ({
      env: {
        MAX_CONNECTIONS: String(Math.max(20_000, t.crowdConnections + 1000)),
      },
      probe: true,
      openFiles: t.crowdConnections + SPARE_FILES,
    }),
    clientOpenFiles: (t) => t.crowdConnections + SPARE_FILES,
    scenario: (t: Timing) => ({
      kind: "crowd",
      connections: t.crowdConnections,
      active: CROWD_ACTIVE,
      intervalMs: CROWD_INTERVAL_MS,
      warmupMs: t.warmupMs,
      durationMs: t.durationMs,
      settleMs: 1000,
      watchMs: t.watchMs,
      memoryProbe: true,
    }),
    figure: (r) =>
      (r.rssAfter! - r.rssBefore!) / (r.details?.held ?? NaN) / 1024,
    rows: [
      { label: "held", of: detail("held") },
      { label: "handshake failures", of: detail("handshakeFailures") },
      { label: "seconds to open all", of: detail("openSeconds") },
      { label: "seconds, first tenth", of: detail("firstTenthSeconds") },
      { label: "seconds, last tenth", of: detail("lastTenthSeconds") },
      { label: "RSS before, MiB", of: detail("before.rss", MIB) },
      { label: "RSS all open, MiB", of: detail("open.rss", MIB) },
      { label: "RSS 1 s after all closed, MiB", of: detail("closed.rss", MIB) },
      {
        label: "RSS at the end of the watch, MiB",
        of: detail("watched.rss", MIB),
      },
      { label: "lowest RSS in the watch, MiB", of: detail("minRss", MIB) },
      {
        label: "s until RSS ≤ 1.5× before",
        of: (run) => detail("backAfterMs")(run) / 1000,
      },
      { label: "heapUsed before, MiB", of: detail("before.heapUsed", MIB) },
      { label: "heapUsed all open, MiB", of: detail("open.heapUsed", MIB) },
      {
        label: "heapUsed end of watch, MiB",
        of: detail("watched.heapUsed", MIB),
      },
      {
        label: "heapTotal end of watch, MiB",
        of: detail("watched.heapTotal", MIB),
      },
      { label: "external all open, MiB", of: detail("open.external", MIB) },
      {
        label: "external end of watch, MiB",
        of: detail("watched.external", MIB),
      },
      { label: "RssAnon end of watch, MiB", of: detail("watched.anon", MIB) },
      { label: "RssFile end of watch, MiB", of: detail("watched.file", MIB) },
    ],
  },
];
