import { READY_STATE_NAMES } from "../client/event_log.ts";
import { formatMs, type RttSummary } from "../client/rtt.ts";

/** What the status bar reports. */
export interface StatusBarProps {
  readyState: number | null;
  buffered: number;
  protocol: string;
  /** Round trips on this connection; shown while it is open. */
  rtt: RttSummary | null;
}

/** readyState, bufferedAmount, the protocol, and round-trip times. */
export function StatusBar(
  { readyState, buffered, protocol, rtt }: StatusBarProps,
) {
  const stateName = readyState === null
    ? "no socket"
    : `${readyState} ${READY_STATE_NAMES[readyState]}`;
  return (
    <dl class="status">
      <div>
        <dt>readyState</dt>
        <dd data-testid="ready-state" class={`state-${readyState}`}>
          {stateName}
        </dd>
      </div>
      <div>
        <dt>bufferedAmount</dt>
        <dd data-testid="buffered-amount">{buffered} B</dd>
      </div>
      <div>
        <dt>protocol</dt>
        <dd data-testid="protocol">{protocol || "none"}</dd>
      </div>
      {readyState === 1 && rtt && (
        <div data-testid="rtt-summary">
          <dt>RTT</dt>
          <dd>
            last {formatMs(rtt.last)} · median {formatMs(rtt.p50)} · p99{" "}
            {formatMs(rtt.p99)} <span class="count">({rtt.count})</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
