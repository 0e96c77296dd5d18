import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatMs } from "../client/rtt.ts";
import { runSpeedTest, type SpeedRunResult } from "../client/speed_run.ts";
import { parseSpeedTest, type SpeedTestSettings } from "../client/speed.ts";
import { formatBytes } from "../core/format.ts";
import { NumberField } from "./NumberField.tsx";
import { RttChart } from "./RttChart.tsx";

/**
 * The body of the speed-test panel, loaded when the panel first opens (see
 * the island's LazyDetails). The speed test: N messages of S bytes with K in flight, on a socket of its
 * own to the given URL, every echo checked byte for byte.
 */
export function SpeedTest(
  { url, protocols }: { url: string; protocols: string[] | string },
) {
  const count = useSignal("1000");
  const size = useSignal("1024");
  const inFlight = useSignal("10");
  const binary = useSignal(true);
  const running = useSignal<SpeedTestSettings | null>(null);
  const progress = useSignal(0);
  const result = useSignal<SpeedRunResult | null>(null);
  const problem = useSignal("");
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);
  // A refusal goes as soon as a setting changes.
  useSignalEffect(() => {
    void (count.value, size.value, inFlight.value, binary.value);
    problem.value = "";
  });

  async function run(event: Event) {
    event.preventDefault();
    const settings = parseSpeedTest({
      count: count.value,
      size: size.value,
      inFlight: inFlight.value,
      binary: binary.value,
    });
    // A refusal replaces the last run's figures: they are not its answer.
    result.value = null;
    if (typeof settings === "string") return void (problem.value = settings);
    if (typeof protocols === "string") return void (problem.value = protocols);
    problem.value = "";
    progress.value = 0;
    running.value = settings;
    abort.current = new AbortController();
    result.value = await runSpeedTest(settings, {
      url,
      protocols,
      signal: abort.current.signal,
      onProgress: (done) => progress.value = done,
    });
    running.value = null;
  }

  const r = result.value;
  return (
    <>
      <form class="row" onSubmit={run}>
        <NumberField label="Messages" name="count" size={7} value={count} />
        <NumberField label="Size (bytes)" name="size" size={8} value={size} />
        <NumberField
          label="In flight"
          name="in-flight"
          size={5}
          value={inFlight}
        />
        <label>
          Type
          <select
            name="speed-type"
            value={binary.value ? "binary" : "text"}
            onChange={(e) => binary.value = e.currentTarget.value === "binary"}
          >
            <option value="binary">Binary</option>
            <option value="text">Text</option>
          </select>
        </label>
        {running.value
          ? (
            <button
              type="button"
              class="secondary"
              onClick={() => abort.current?.abort()}
            >
              Stop
            </button>
          )
          : <button type="submit">Run</button>}
      </form>
      <p class="hint">
        Runs on its own connection to{" "}
        {url}. At most 100000 messages, 1 MiB each, 1000 in flight, 256 MiB in
        all.
      </p>
      <p class="problem" role="alert">{problem}</p>
      {running.value && (
        <label>
          Progress
          <progress
            max={running.value.count}
            value={progress.value}
          />
        </label>
      )}
      {r && (
        <div class="speed-result" data-testid="speed-result" role="status">
          {r.stopped && <p class="problem">{r.stopped}</p>}
          <dl class="figures">
            <div>
              <dt>Echoed</dt>
              <dd data-testid="speed-messages">
                {r.report.messages} messages, {formatBytes(r.report.bytes)}
              </dd>
            </div>
            <div>
              <dt>Messages/s</dt>
              <dd data-testid="speed-rate">
                {Math.round(r.report.messagesPerSecond)}
              </dd>
            </div>
            <div>
              <dt>MB/s</dt>
              <dd data-testid="speed-throughput">
                {r.report.megabytesPerSecond.toFixed(2)}
              </dd>
            </div>
            {r.report.messages > 0 && (
              <>
                <div>
                  <dt>p50</dt>
                  <dd>{formatMs(r.report.p50)}</dd>
                </div>
                <div>
                  <dt>p90</dt>
                  <dd>{formatMs(r.report.p90)}</dd>
                </div>
                <div>
                  <dt>p99</dt>
                  <dd>{formatMs(r.report.p99)}</dd>
                </div>
                <div>
                  <dt>max</dt>
                  <dd>{formatMs(r.report.max)}</dd>
                </div>
              </>
            )}
          </dl>
          <RttChart report={r.report} />
        </div>
      )}
    </>
  );
}
