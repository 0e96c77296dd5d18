/**
 * Runs a speed test on its own WebSocket, so the session's log and RTT
 * figures stay as they were. Browser-safe (the standard WebSocket API only).
 *
 * @module
 */

import {
  isExactEcho,
  speedTestPayload,
  type SpeedTestReport,
  speedTestReport,
  type SpeedTestSettings,
} from "./speed.ts";

/** What {@linkcode runSpeedTest} needs besides the settings. */
export interface SpeedRunOptions {
  url: string;
  protocols?: string[];
  /** Called now and then with the number of messages echoed so far. */
  onProgress?: (done: number) => void;
  /** Aborting closes the test's socket and ends the run early. */
  signal?: AbortSignal;
}

/** How a run ended: its figures, and why it stopped early if it did. */
export interface SpeedRunResult {
  report: SpeedTestReport;
  /** Set when the run did not finish, e.g. the socket closed. */
  stopped?: string;
}

/** The close reason the test's socket sends when the run ends. */
const DONE_REASON = "Speed test done";

/**
 * Sends `settings.count` messages with at most `settings.inFlight` awaiting
 * their echo, checks every echo byte for byte, and reports the rates and
 * round-trip times. Never rejects: a failure is a result with `stopped`.
 */
export function runSpeedTest(
  settings: SpeedTestSettings,
  options: SpeedRunOptions,
): Promise<SpeedRunResult> {
  const { count, size, inFlight, binary } = settings;
  const sentAt = new Float64Array(count);
  const rtts = new Float64Array(count);
  let sent = 0;
  let echoed = 0;
  let started = 0;
  let finished = 0;
  let lastProgress = 0;

  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(options.url, options.protocols);
    } catch (error) {
      return resolve(finish((error as Error).message));
    }
    ws.binaryType = "arraybuffer";

    function finish(stopped?: string): SpeedRunResult {
      finished ||= performance.now();
      options.signal?.removeEventListener("abort", abort);
      const report = speedTestReport(
        rtts.subarray(0, echoed),
        size,
        echoed === 0 ? 0 : finished - started,
      );
      return stopped ? { report, stopped } : { report };
    }
    function end(stopped?: string) {
      ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState <= WebSocket.OPEN) ws.close(1000, DONE_REASON);
      resolve(finish(stopped));
    }
    function abort() {
      end(`Stopped after ${echoed} of ${count} messages`);
    }
    function pump() {
      while (sent < count && sent - echoed < inFlight) {
        const payload = speedTestPayload(sent, size, binary);
        sentAt[sent++] = performance.now();
        ws.send(payload);
      }
    }

    if (options.signal?.aborted) return resolve(finish("Stopped"));
    options.signal?.addEventListener("abort", abort);
    ws.onopen = () => {
      started = performance.now();
      pump();
    };
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      const now = performance.now();
      if (!isExactEcho(e.data, echoed, settings)) {
        return end(`Echo of message ${echoed + 1} differs from what was sent`);
      }
      rtts[echoed] = now - sentAt[echoed];
      echoed++;
      if (echoed === count) {
        finished = now;
        return end();
      }
      if (now - lastProgress > 100) {
        lastProgress = now;
        options.onProgress?.(echoed);
      }
      pump();
    };
    // The error event carries no detail; the close event that follows does.
    ws.onerror = () => {};
    ws.onclose = (e) => {
      end(
        `Socket closed (code ${e.code}${
          e.reason ? `, "${e.reason}"` : ""
        }) after ${echoed} of ${count} messages`,
      );
    };
  });
}
