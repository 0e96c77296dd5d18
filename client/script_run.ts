/**
 * Runs a script on live connections (one, or the script's named ones), one
 * step after another, and reports each step as it starts and ends. The first
 * failure stops the run; every wait has its timeout and the whole run a
 * limit, so a run always ends. The page and `deno task script` both run
 * scripts with this module.
 * Browser-safe.
 *
 * @module
 */

import {
  connectionNames,
  describeStep,
  type Repeat,
  type Script,
  type Step,
} from "./script.ts";
import {
  type Failure,
  type Run,
  runAction,
  sleep,
  stopReason,
} from "./script_action.ts";
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

/**
 * Where a run acts: one connection, or a script's named connections by
 * name (every name the script declares).
 */
export type RunIo = ScriptIo | ReadonlyMap<string, ScriptIo>;

/**
 * Runs `script.steps` on `io`: for a script with `connections`, a map from
 * each declared name to its connection. A step without `on` acts on the
 * first declared. Never rejects: a failure, a timeout, the run limit or an
 * abort is a result with `ok: false`.
 */
export async function runScript(
  script: Script,
  io: RunIo,
  options: RunOptions = {},
): Promise<RunResult> {
  const limitMs = options.timeoutMs ?? DEFAULT_RUN_OPTIONS.timeoutMs;
  const started = options.startedAt ?? performance.now();
  const names = connectionNames(script);
  const run: Run = {
    ios: io instanceof Map ? io : new Map([[names[0] ?? "", io as ScriptIo]]),
    named: names.length > 0,
    proto: script.proto,
    limitMs,
    deadline: started + limitMs,
    signal: options.signal,
    onStep: options.onStep ?? (() => {}),
  };
  const failure = await runSteps(script.steps, "", run, names[0] ?? "");
  const ms = performance.now() - started;
  return failure ? { ok: false, ms, failure } : { ok: true, ms };
}

type FailedReport = StepReport & { message: string };

/** A step's failure and, for a repeat, the inner step that failed. */
type Outcome = { failure: Failure; inner?: FailedReport } | null;

/** Runs `steps`; `on` is the connection a step acts on when it names none. */
async function runSteps(
  steps: Step[],
  prefix: string,
  run: Run,
  on: string,
): Promise<FailedReport | null> {
  for (const [i, step] of steps.entries()) {
    const path = `${prefix}${i + 1}`;
    const target = step.on ?? on;
    // A wait acts on no connection and a repeat on its steps': they name
    // one only when the script does.
    const acts = !("wait" in step || "repeat" in step);
    const label = describeStep(
      step,
      run.named && (acts || step.on) ? target : undefined,
    );
    run.onStep({ path, step, label, status: "pending" });
    const started = performance.now();
    const outcome = await runStep(step, path, run, target);
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

async function runStep(
  step: Step,
  path: string,
  run: Run,
  on: string,
): Promise<Outcome> {
  const stop = stopReason(run);
  if (stop) return { failure: { reason: stop } };
  if ("repeat" in step) return await runRepeat(step.repeat, path, run, on);
  try {
    const io = run.ios.get(on);
    if (!io) return { failure: { reason: `no connection named "${on}"` } };
    const failure = await runAction(step, io, run);
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
  on: string,
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
    const inner = await runSteps(repeat.steps, `${path}.${round}.`, run, on);
    if (inner) {
      return { failure: { reason: `step ${inner.path} failed` }, inner };
    }
  }
  return null;
}

function failureMessage(path: string, label: string, failure: Failure) {
  const what = "reason" in failure
    ? failure.reason
    : `expected ${failure.expected}, received ${failure.received}${
      failure.diff ? `; ${failure.diff.join("; ")}` : ""
    }`;
  return `Step ${path} (${label}) failed: ${what}`;
}
