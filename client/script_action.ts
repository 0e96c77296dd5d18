/**
 * What one step does on its connection (send, close, wait, expect, expect a
 * close) within the run's limits: every wait is cut short by its timeout,
 * the run limit or an abort, and says which. The runner in `script_run.ts`
 * sequences steps over these. Browser-safe.
 *
 * @module
 */

import {
  DEFAULT_STEP_TIMEOUT_MS,
  showClose,
  showExpectation,
  type Step,
} from "./script.ts";
import { checkExpectation, payloadData } from "./script_formats.ts";
import { checkClose, type Mismatch } from "./script_match.ts";
import type { ScriptIo } from "./script_io.ts";
import type { StepReport } from "./script_report.ts";

/** A run in progress, as each step sees it. */
export interface Run {
  ios: ReadonlyMap<string, ScriptIo>;
  /** Whether steps name their connection in their labels and messages. */
  named: boolean;
  /** The script's `.proto` source, for Protobuf payloads. */
  proto?: string;
  deadline: number;
  limitMs: number;
  signal?: AbortSignal;
  onStep: (report: StepReport) => void;
}

/** Why a step failed: a mismatch, or a plain reason. */
export type Failure = Mismatch | { reason: string };

/** Does `step` (not a repeat) on `io`; the failure, or `null` when it held. */
export async function runAction(
  step: Step,
  io: ScriptIo,
  run: Run,
): Promise<Failure | null> {
  if ("send" in step) {
    io.send(await payloadData(step.send, run.proto));
    return null;
  }
  if ("close" in step) {
    io.close(step.close.code, step.close.reason);
    return null;
  }
  if ("wait" in step) {
    const stop = await sleep(step.wait, run);
    return stop ? { reason: stop } : null;
  }
  if ("expect" in step) {
    const timeoutMs = step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const limited = isLimited(timeoutMs, run);
    const got = await io.next(budget(timeoutMs, run), run.signal);
    const expected = showExpectation(step.expect);
    if (got === "timeout") return timedOut(expected, timeoutMs, limited, run);
    if ("closed" in got) return { expected, received: showClose(got.closed) };
    return await checkExpectation(step.expect, got.data, run.proto);
  }
  if ("repeat" in step) throw new TypeError("runAction got a repeat");
  // Messages that arrive before the close are skipped: a server may push or
  // echo until it has seen the close frame.
  const timeoutMs = step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const limited = isLimited(timeoutMs, run);
  const end = performance.now() + budget(timeoutMs, run);
  const expected = showClose(step.expectClose);
  while (true) {
    const wait = Math.max(0, end - performance.now());
    const got = await io.next(wait, run.signal);
    if (got === "timeout") return timedOut(expected, timeoutMs, limited, run);
    if ("closed" in got) return checkClose(step.expectClose, got.closed);
  }
}

/** Milliseconds a wait of `ms` may take before the run limit. */
function budget(ms: number, run: Run): number {
  return Math.max(0, Math.min(ms, run.deadline - performance.now()));
}

/** Whether the run limit comes before a wait of `ms` would end. */
function isLimited(ms: number, run: Run): boolean {
  return run.deadline - performance.now() < ms;
}

/** Why the run must stop now, if it must. */
export function stopReason(run: Run, limited = false): string | null {
  if (run.signal?.aborted) return "stopped";
  // A timer may fire a fraction of a millisecond before the deadline.
  if (limited || performance.now() >= run.deadline) {
    return `the run limit of ${run.limitMs} ms was reached`;
  }
  return null;
}

function timedOut(
  expected: string,
  timeoutMs: number,
  limited: boolean,
  run: Run,
): Failure {
  const stop = stopReason(run, limited);
  return stop
    ? { reason: stop }
    : { expected, received: `nothing within ${timeoutMs} ms` };
}

/** Waits `ms`, cut short by the run limit or the signal; says which. */
export function sleep(ms: number, run: Run): Promise<string | null> {
  const { signal } = run;
  if (ms <= 0 || signal?.aborted) return Promise.resolve(stopReason(run));
  const limited = isLimited(ms, run);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve(stopReason(run, limited));
    };
    const timer = setTimeout(done, budget(ms, run));
    signal?.addEventListener("abort", done);
  });
}
