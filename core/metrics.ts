/**
 * Counters of the echo server, rendered in the Prometheus text exposition
 * format (version 0.0.4).
 *
 * @module
 */

/** The content type Prometheus expects for the text format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * The server's counters. Plain fields, incremented on the hot path: a metric
 * costs one addition per message, never an allocation.
 */
export class Metrics {
  openConnections = 0;
  connectionsTotal = 0;
  messagesIn = 0;
  messagesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  readonly closesByCode: Map<number, number> = new Map();
  readonly rejectionsByReason: Map<string, number> = new Map();

  /** Counts a close with its code (1005 when the peer sent none). */
  countClose(code: number): void {
    this.closesByCode.set(code, (this.closesByCode.get(code) ?? 0) + 1);
  }

  /** Counts a refused handshake or a limit that closed a socket. */
  countRejection(reason: string): void {
    this.rejectionsByReason.set(
      reason,
      (this.rejectionsByReason.get(reason) ?? 0) + 1,
    );
  }

  /**
   * Renders every counter.
   *
   * @param labels added to every sample, e.g. `{ worker: "0" }` when several
   * workers each expose their own counters
   */
  render(labels: Record<string, string> = {}): string {
    const base = Object.entries(labels);
    const sample = (
      name: string,
      value: number,
      extra: [string, string][] = [],
    ) => {
      const all = [...base, ...extra];
      const text = all.length === 0
        ? ""
        : `{${all.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
      return `${name}${text} ${value}\n`;
    };
    const metric = (
      name: string,
      type: "counter" | "gauge",
      help: string,
      samples: string,
    ) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${samples}`;

    return [
      metric(
        "echo_open_connections",
        "gauge",
        "WebSocket connections open now.",
        sample("echo_open_connections", this.openConnections),
      ),
      metric(
        "echo_connections_total",
        "counter",
        "WebSocket connections accepted.",
        sample("echo_connections_total", this.connectionsTotal),
      ),
      metric(
        "echo_messages_received_total",
        "counter",
        "Messages received from clients.",
        sample("echo_messages_received_total", this.messagesIn),
      ),
      metric(
        "echo_messages_sent_total",
        "counter",
        "Messages echoed to clients.",
        sample("echo_messages_sent_total", this.messagesOut),
      ),
      metric(
        "echo_received_bytes_total",
        "counter",
        "Payload bytes received from clients.",
        sample("echo_received_bytes_total", this.bytesIn),
      ),
      metric(
        "echo_sent_bytes_total",
        "counter",
        "Payload bytes echoed to clients.",
        sample("echo_sent_bytes_total", this.bytesOut),
      ),
      metric(
        "echo_closes_total",
        "counter",
        "WebSocket connections closed, by close code.",
        [...this.closesByCode].map(([code, n]) =>
          sample("echo_closes_total", n, [["code", String(code)]])
        ).join(""),
      ),
      metric(
        "echo_rejections_total",
        "counter",
        "Handshakes refused and connections closed by a limit, by reason.",
        [...this.rejectionsByReason].map(([reason, n]) =>
          sample("echo_rejections_total", n, [["reason", reason]])
        ).join(""),
      ),
    ].join("");
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(
    /"/g,
    '\\"',
  );
}
