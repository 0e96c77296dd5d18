/**
 * A script step's progress, and how it reads: as the command's line
 * (`✓ 2 expect equals "hello" 0.4 ms`) and as a mark on the page's timeline.
 * Browser-safe.
 *
 * @module
 */

import type { Step } from "./script.ts";
import type { TraceEntry } from "./trace.ts";

/** A step starting (`pending`) or ending (`passed` or `failed`). */
export interface StepReport {
  /** Where the step is, counted from 1: `"2"`, or `"10.3.1"` for the first step of a repeat's third round. */
  path: string;
  step: Step;
  /** The step in one line, e.g. `expect equals "hello"`. */
  label: string;
  status: "pending" | "passed" | "failed";
  /** Milliseconds the step took, once it ended. */
  ms?: number;
  /** Set when it failed: what the step expected and what came. */
  expected?: string;
  received?: string;
  /** For a JSON expectation, each difference by path. */
  diff?: string[];
  /** Set when it failed: the whole failure in one line, as the command prints it. */
  message?: string;
}

/** A step's result as a trace mark, for the timeline and the export. */
export function stepMark(report: StepReport, at: number): TraceEntry {
  const time = report.ms === undefined ? "" : ` ${formatStepMs(report.ms)}`;
  return {
    at,
    kind: "mark",
    label: `step ${report.path}`,
    detail: report.message ?? `${report.label}${time}`,
    ...(report.status === "pending" ? {} : { ok: report.status === "passed" }),
  };
}

/** A step's end as a log entry: the command's line, or the failure message. */
export function stepEntry(report: StepReport): {
  text: string;
  step: { path: string; passed: boolean; ms: number };
} {
  return {
    text: report.message ?? stepLine(report),
    step: {
      path: report.path,
      passed: report.status === "passed",
      ms: report.ms ?? 0,
    },
  };
}

/** A step's time as the command prints it: `0.4 ms`. */
export function formatStepMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** A step's end as the command prints it: `✓ 2 expect equals "hello" 0.4 ms`. */
export function stepLine(report: StepReport): string {
  const mark = report.status === "passed"
    ? "✓"
    : report.status === "failed"
    ? "✗"
    : "…";
  const time = report.ms === undefined ? "" : ` ${formatStepMs(report.ms)}`;
  return `${mark} ${report.path} ${report.label}${time}`;
}
