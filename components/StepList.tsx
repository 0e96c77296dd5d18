import type { StepReport } from "../client/script_report.ts";
import { formatStepMs } from "../client/script_report.ts";

/** Most step rows shown; a long repeat keeps its newest. */
export const MAX_STEP_ROWS = 500;

const STATUS = {
  pending: { mark: "…", word: "running" },
  passed: { mark: "✓", word: "passed" },
  failed: { mark: "✗", word: "failed" },
} as const;

/**
 * A script run's steps as they start and end: pending, passed with its
 * time, or failed with what was expected, what came and, for JSON, each
 * difference.
 */
export function StepList(
  { reports, hidden }: { reports: readonly StepReport[]; hidden: number },
) {
  return (
    <>
      {hidden > 0 && <p class="hint">{hidden} earlier steps are not shown.</p>}
      {/* Scrolls when long, so it must take focus. */}
      <ol class="steps" aria-label="Script steps" tabIndex={0}>
        {reports.map((r) => (
          <li key={r.path} class={`step ${r.status}`} data-path={r.path}>
            <span class="mark" aria-hidden="true">{STATUS[r.status].mark}</span>
            <span class="path">{r.path}</span>
            <span class="label">{r.label}</span>
            <span class="status">
              {STATUS[r.status].word}
              {r.ms !== undefined && ` in ${formatStepMs(r.ms)}`}
            </span>
            {r.status === "failed" && r.expected !== undefined && (
              <dl class="mismatch">
                <dt>Expected</dt>
                <dd>{r.expected}</dd>
                <dt>Received</dt>
                <dd>{r.received}</dd>
                {r.diff?.map((line) => (
                  <>
                    <dt>Differs</dt>
                    <dd>{line}</dd>
                  </>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
