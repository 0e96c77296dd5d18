import { READY_STATE_NAMES } from "../client/event_log.ts";
import { formatMs } from "../client/rtt.ts";
import type { TraceEntry } from "../client/trace.ts";

/**
 * The session's readyStates in order, each with how long it lasted: the
 * plain-text stand-in where the timeline is drawn.
 */
export function StateTrail(
  { trace, now }: { trace: readonly TraceEntry[]; now: number },
) {
  const states = trace.filter((e) => e.kind === "state");
  if (states.length === 0) return null;
  return (
    <ol class="state-trail" aria-label="readyState history">
      {states.map((entry, i) => {
        const end = states[i + 1]?.at ?? (entry.state === 3 ? entry.at : now);
        return (
          <li key={i} class={`state-${entry.state}`} title={entry.cause}>
            {entry.state} {READY_STATE_NAMES[entry.state]}{" "}
            <span class="lasted">
              {entry.state === 3 && i === states.length - 1
                ? ""
                : formatMs(Math.max(0, end - entry.at))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
