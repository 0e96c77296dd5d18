/**
 * Where a load-client run aims and what it reports, shared by the load
 * client and the scenarios it runs in modules of their own (flood, crowd),
 * so that none of them imports another for these shapes.
 *
 * @module
 */

/** Where the server is, and which process to measure. */
export interface TargetOptions {
  port: number;
  /** @default {"/api/ws"} */
  path?: string;
  /** The server's process, whose CPU time and memory are read. */
  serverPid?: number;
}

/** What a run measured; `failures` empty means every echo was verified. */
export interface ScenarioResult {
  /** Measured seconds. */
  seconds: number;
  /** Echoes (or handshake cycles) completed in the measured window. */
  operations: number;
  /** Echoed payload bytes in the measured window. */
  bytes: number;
  /** Round trips in microseconds, as `Histogram.toJSON` pairs. */
  latency: [number, number][];
  clientCpuSeconds: number;
  serverCpuSeconds: number;
  /** Messages sent and echoes verified over the whole run. */
  sent: number;
  echoed: number;
  rssBefore?: number;
  rssAfter?: number;
  rssAfterClose?: number;
  /** Figures of one scenario's own, e.g. `reconnects`, `open.rss`. */
  details?: Record<string, number>;
  /** How connections ended or failed, e.g. `close 1008 "rate"` ×3. */
  outcomes?: Record<string, number>;
  /** What a reader must know, e.g. that the load generator ran short. */
  notes?: string[];
  failures: string[];
}
