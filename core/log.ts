/**
 * A small structured logger: one JSON object per line on standard output,
 * filtered by level.
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
}

/** Where log lines go; tests pass an array's push. */
export type LogSink = (line: string) => void;

/** Creates a logger that drops records below `level`. */
export function createLogger(
  level: LogLevel,
  sink: LogSink = (line) => console.log(line),
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
  };
}
