/**
 * Metrics across `deno serve --parallel` workers. Each worker is an isolate
 * with its own counters; the one that answers `/metrics` asks the others over
 * a BroadcastChannel and renders every worker's counters, labelled by worker.
 *
 * @module
 */

import type { LabelledSnapshot, Metrics, MetricsSnapshot } from "./metrics.ts";

const CHANNEL = "echo-metrics";

/** How long to wait for the other workers' answers. */
const GATHER_TIMEOUT_MS = 250;

type Message =
  | { type: "ask"; nonce: string }
  | {
    type: "answer";
    nonce: string;
    worker: string;
    snapshot: MetricsSnapshot;
  };

/** Collects counters from every worker of one server process. */
export class WorkerMetrics {
  readonly #metrics: Metrics;
  readonly #worker: string;
  readonly #workers: number;
  readonly #channel: BroadcastChannel | undefined;
  readonly #pending = new Map<string, (answer: LabelledSnapshot) => void>();

  /**
   * @param metrics this worker's counters
   * @param worker this worker's label
   * @param workers how many workers the process runs; 1 needs no channel
   */
  constructor(metrics: Metrics, worker: string, workers: number) {
    this.#metrics = metrics;
    this.#worker = worker;
    this.#workers = workers;
    if (workers > 1) {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e) => this.#receive(e.data);
    }
  }

  /** Every worker's counters; those that do not answer in time are left out. */
  async gather(): Promise<LabelledSnapshot[]> {
    const own: LabelledSnapshot = {
      labels: this.#channel ? { worker: this.#worker } : {},
      snapshot: this.#metrics.snapshot(),
    };
    if (!this.#channel) return [own];
    const nonce = crypto.randomUUID();
    const sets = [own];
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.#pending.set(nonce, (answer) => {
        sets.push(answer);
        if (sets.length === this.#workers) resolve();
      });
      timer = setTimeout(resolve, GATHER_TIMEOUT_MS);
      this.#channel!.postMessage({ type: "ask", nonce } satisfies Message);
    });
    clearTimeout(timer);
    this.#pending.delete(nonce);
    return sets.sort((a, b) => a.labels.worker.localeCompare(b.labels.worker));
  }

  /** Stops listening, so the process can exit. */
  close(): void {
    this.#channel?.close();
  }

  #receive(message: Message): void {
    if (message.type === "ask") {
      this.#channel!.postMessage(
        {
          type: "answer",
          nonce: message.nonce,
          worker: this.#worker,
          snapshot: this.#metrics.snapshot(),
        } satisfies Message,
      );
    } else {
      this.#pending.get(message.nonce)?.({
        labels: { worker: message.worker },
        snapshot: message.snapshot,
      });
    }
  }
}
