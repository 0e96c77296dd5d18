/**
 * A small structured logger: one JSON object per line through `console.log`,
 * filtered by level and written in batches.
 *
 * @module
 */

import { LOG_LEVELS, type LogLevel } from "./config.ts";

/** Fields of one log record. */
export type LogFields = Record<string, unknown>;

/** Writes records at or above its level. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** Writes a plain line for people watching the terminal, not for machines. */
  print(line: string): void;
  /** Writes out whatever is batched; call before exiting. */
  flush(): void;
}

/** Where log lines go; tests pass an array's push. */
export type LogSink = (line: string) => void;

/** How long a log line may wait to be written with others. */
const FLUSH_INTERVAL_MS = 20;
/** Lines that are written at once, without waiting for the interval. */
const FLUSH_LINES = 1024;

/**
 * A sink that writes lines in batches, one `console.log` call per batch:
 * Deno Deploy collects what goes through `console`, and a write per line
 * stalled the echo loop (with `LOG_MESSAGES` on, throughput fell to 0.42×;
 * two lines per handshake cost a tenth of the handshake rate). A line waits
 * at most 20 ms. `deno run -A bench/log_batching.ts` measures the gain.
 */
export function createBatchedSink(
  write: (text: string) => void = console.log,
): LogSink & { flush(): void } {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("\n");
    pending = [];
    write(text);
  };
  const sink = (line: string) => {
    pending.push(line);
    if (pending.length >= FLUSH_LINES) flush();
    else timer ??= setTimeout(flush, FLUSH_INTERVAL_MS);
  };
  return Object.assign(sink, { flush });
}

/** Creates a logger that drops records below `level`. */
export function createLogger(
  level: LogLevel,
  sink: LogSink & { flush?(): void } = createBatchedSink(),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at = (name: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(name) < threshold) return;
    sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level: name,
        event,
        ...fields,
      }),
    );
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    print: sink,
    flush: () => sink.flush?.(),
  };
}
