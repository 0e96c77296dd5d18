/**
 * Runs a script on a live connection, one step after another, and reports
 * each step as it starts and ends. The first failure stops the run; every
 * wait has its timeout and the whole run a limit, so a run always ends. The
 * page and `deno task script` both run scripts with this module.
 * Browser-safe.
 *
 * @module
 */

import {
  DEFAULT_STEP_TIMEOUT_MS,
  describeStep,
  type Repeat,
  type Script,
  showClose,
  showExpectation,
  type Step,
} from "./script.ts";
import { checkExpectation, payloadData } from "./script_formats.ts";
import { checkClose, type Mismatch } from "./script_match.ts";
import type { ScriptIo } from "./script_io.ts";
import type { StepReport } from "./script_report.ts";

export type { StepReport };

/** Options of {@linkcode runScript}. */
export interface RunOptions {
  /** Longest the whole run may take, in milliseconds. @default {600000} */
  timeoutMs?: number;
  /** Called when each step starts and when it ends. */
  onStep?: (report: StepReport) => void;
  /** Aborting fails the current step and ends the run. */
  signal?: AbortSignal;
  /**
   * When the run limit starts counting, on `performance.now()`'s clock, so
   * time spent connecting can count too. @default {performance.now()}
   */
  startedAt?: number;
}

/** Defaults of {@linkcode RunOptions}. */
export const DEFAULT_RUN_OPTIONS = { timeoutMs: 600_000 } as const;

/** How a run ended: every expectation held, or the first failure. */
export type RunResult =
  | { ok: true; ms: number }
  | { ok: false; ms: number; failure: StepReport & { message: string } };

interface Run {
  io: ScriptIo;
  /** The script's `.proto` source, for Protobuf payloads. */
  proto?: string;
  deadline: number;
  limitMs: number;
  signal?: AbortSignal;
  onStep: (report: StepReport) => void;
}

/** Why a step failed: a mismatch, or a plain reason. */
type Failure = Mismatch | { reason: string };

/**
 * Runs `script.steps` on `io`. Never rejects: a failure, a timeout, the run
 * limit or an abort is a result with `ok: false`.
 */
export async function runScript(
  script: Script,
  io: ScriptIo,
  options: RunOptions = {},
): Promise<RunResult> {
  const limitMs = options.timeoutMs ?? DEFAULT_RUN_OPTIONS.timeoutMs;
  const started = options.startedAt ?? performance.now();
  const run: Run = {
    io,
    proto: script.proto,
    limitMs,
    deadline: started + limitMs,
    signal: options.signal,
    onStep: options.onStep ?? (() => {}),
  };
  const failure = await runSteps(script.steps, "", run);
  const ms = performance.now() - started;
  return failure ? { ok: false, ms, failure } : { ok: true, ms };
}

type FailedReport = StepReport & { message: string };

/** A step's failure and, for a repeat, the inner step that failed. */
type Outcome = { failure: Failure; inner?: FailedReport } | null;

async function runSteps(
  steps: Step[],
  prefix: string,
  run: Run,
): Promise<FailedReport | null> {
  for (const [i, step] of steps.entries()) {
    const path = `${prefix}${i + 1}`;
    const label = describeStep(step);
    run.onStep({ path, step, label, status: "pending" });
    const started = performance.now();
    const outcome = await runStep(step, path, run);
    const ms = performance.now() - started;
    if (!outcome) {
      run.onStep({ path, step, label, status: "passed", ms });
      continue;
    }
    const { failure, inner } = outcome;
    const report = { path, step, label, status: "failed", ms } as const;
    const message = inner?.message ?? failureMessage(path, label, failure);
    const failed = "reason" in failure
      ? { ...report, message }
      : { ...report, ...failure, message };
    run.onStep(failed);
    return inner ?? failed;
  }
  return null;
}

async function runStep(step: Step, path: string, run: Run): Promise<Outcome> {
  const stop = stopReason(run);
  if (stop) return { failure: { reason: stop } };
  if ("repeat" in step) return await runRepeat(step.repeat, path, run);
  try {
    const failure = await runAction(step, run);
    return failure ? { failure } : null;
  } catch (error) {
    // An adapter that throws (a socket that cannot send, say) fails the step.
    return { failure: { reason: (error as Error).message } };
  }
}

async function runRepeat(
  repeat: Repeat,
  path: string,
  run: Run,
): Promise<Outcome> {
  const started = performance.now();
  const rounds = "times" in repeat
    ? repeat.times
    : Math.ceil(repeat.forMs / repeat.everyMs);
  for (let round = 1; round <= rounds; round++) {
    if ("everyMs" in repeat) {
      const due = started + (round - 1) * repeat.everyMs;
      const stop = await sleep(due - performance.now(), run);
      if (stop) return { failure: { reason: stop } };
    }
    const inner = await runSteps(repeat.steps, `${path}.${round}.`, run);
    if (inner) {
      return { failure: { reason: `step ${inner.path} failed` }, inner };
    }
  }
  return null;
}

async function runAction(step: Step, run: Run): Promise<Failure | null> {
  if ("send" in step) {
    run.io.send(await payloadData(step.send, run.proto));
    return null;
  }
  if ("close" in step) {
    run.io.close(step.close.code, step.close.reason);
    return null;
  }
  if ("wait" in step) {
    const stop = await sleep(step.wait, run);
    return stop ? { reason: stop } : null;
  }
  if ("expect" in step) {
    const timeoutMs = step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const limited = isLimited(timeoutMs, run);
    const got = await run.io.next(budget(timeoutMs, run), run.signal);
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
    const got = await run.io.next(wait, run.signal);
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
function stopReason(run: Run, limited = false): string | null {
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
function sleep(ms: number, run: Run): Promise<string | null> {
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

function failureMessage(path: string, label: string, failure: Failure) {
  const what = "reason" in failure
    ? failure.reason
    : `expected ${failure.expected}, received ${failure.received}${
      failure.diff ? `; ${failure.diff.join("; ")}` : ""
    }`;
  return `Step ${path} (${label}) failed: ${what}`;
}
