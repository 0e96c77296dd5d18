import { formatCountdown } from "../client/backoff.ts";

/** The pending reconnect: which attempt, how long until it, how to stop it. */
export function ReconnectNotice(
  { attempt, remainingMs, onStop }: {
    attempt: number;
    remainingMs: number;
    onStop: () => void;
  },
) {
  return (
    <div class="reconnect row" role="status">
      <p class="grow" data-testid="reconnect-countdown">
        Connection lost. Reconnect attempt {attempt} in{" "}
        <span class="countdown">{formatCountdown(remainingMs)}</span>
      </p>
      <button type="button" class="secondary" onClick={onStop}>
        Stop reconnecting
      </button>
    </div>
  );
}
