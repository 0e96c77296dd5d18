import type { ReadonlySignal } from "@preact/signals";
import { formatCountdown } from "../client/backoff.ts";
import type { PendingRetry } from "../client/connection.ts";

/** The pending reconnect: why, which attempt, how long until it, and Stop. */
export function ReconnectNotice(
  { retry, now, onStop }: {
    retry: PendingRetry;
    /** The connection clock's `now()`, ticking while a retry waits. */
    now: ReadonlySignal<number>;
    onStop: () => void;
  },
) {
  return (
    <div class="reconnect row" role="status">
      <p class="grow" data-testid="reconnect-countdown">
        {retry.afterOpen ? "Connection lost." : "Could not connect."}{" "}
        Reconnect attempt {retry.attempt} in{" "}
        <Countdown at={retry.at} now={now} />
      </p>
      <button type="button" class="secondary" onClick={onStop}>
        Stop reconnecting
      </button>
    </div>
  );
}

/** Reads the ticking clock here, so only this text renders each tick. */
function Countdown(
  { at, now }: { at: number; now: ReadonlySignal<number> },
) {
  return <span class="countdown">{formatCountdown(at - now.value)}</span>;
}
