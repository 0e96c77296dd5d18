/**
 * Counters of the echo server, rendered in the Prometheus text exposition
 * format (version 0.0.4).
 *
 * @module
 */

/** The content type Prometheus expects for the text format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** The counters as plain data, to send between workers. */
export interface MetricsSnapshot {
  openConnections: number;
  connectionsTotal: number;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  pushesOut: number;
  acceptExhausted: number;
  rooms: number;
  roomMembers: number;
  roomDeliveries: number;
  busMessagesIn: number;
  busMessagesOut: number;
  /** 1 when every room bus is up, 0 when one is down, null without any. */
  busUp: number | null;
  closesByCode: [number, number][];
  rejectionsByReason: [string, number][];
  /** `Deno.memoryUsage()` when the snapshot was taken. */
  memory: Deno.MemoryUsage;
}

/** One set of counters and the labels that tell it apart, e.g. its worker. */
export interface LabelledSnapshot {
  labels: Record<string, string>;
  snapshot: MetricsSnapshot;
}

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
  /** Messages of the server's own: pushes and handshake reports. */
  pushesOut = 0;
  /** Times the accept loop ended for lack of file descriptors. */
  acceptExhausted = 0;
  /** Rooms with a member on this node. */
  rooms = 0;
  /** Room members on this node. */
  roomMembers = 0;
  /** Messages delivered to room members from other members. */
  roomDeliveries = 0;
  /** Room bus messages received from other nodes. */
  busMessagesIn = 0;
  /** Room bus messages sent to other nodes, counted once per bus. */
  busMessagesOut = 0;
  /** Reads whether the room buses are up; set when there are buses. */
  busUp: (() => number) | null = null;
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

  /** The counters now, as plain data. */
  snapshot(): MetricsSnapshot {
    return {
      openConnections: this.openConnections,
      connectionsTotal: this.connectionsTotal,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      pushesOut: this.pushesOut,
      acceptExhausted: this.acceptExhausted,
      rooms: this.rooms,
      roomMembers: this.roomMembers,
      roomDeliveries: this.roomDeliveries,
      busMessagesIn: this.busMessagesIn,
      busMessagesOut: this.busMessagesOut,
      busUp: this.busUp?.() ?? null,
      closesByCode: [...this.closesByCode],
      rejectionsByReason: [...this.rejectionsByReason],
      memory: Deno.memoryUsage(),
    };
  }
}

type Sample = [labels: [string, string][], value: number];

const FAMILIES: {
  name: string;
  type: "counter" | "gauge";
  help: string;
  samples: (s: MetricsSnapshot) => Sample[];
}[] = [
  {
    name: "echo_open_connections",
    type: "gauge",
    help: "WebSocket connections open now.",
    samples: (s) => [[[], s.openConnections]],
  },
  {
    name: "echo_connections_total",
    type: "counter",
    help: "WebSocket connections accepted.",
    samples: (s) => [[[], s.connectionsTotal]],
  },
  {
    name: "echo_messages_received_total",
    type: "counter",
    help: "Messages received from clients.",
    samples: (s) => [[[], s.messagesIn]],
  },
  {
    name: "echo_messages_sent_total",
    type: "counter",
    help: "Messages sent to clients: echoes and room deliveries.",
    samples: (s) => [[[], s.messagesOut]],
  },
  {
    name: "echo_received_bytes_total",
    type: "counter",
    help: "Payload bytes received from clients.",
    samples: (s) => [[[], s.bytesIn]],
  },
  {
    name: "echo_sent_bytes_total",
    type: "counter",
    help: "Payload bytes sent to clients: echoes and room deliveries.",
    samples: (s) => [[[], s.bytesOut]],
  },
  {
    name: "echo_server_messages_sent_total",
    type: "counter",
    help: "Messages the server sent of its own: pushes and handshake reports.",
    samples: (s) => [[[], s.pushesOut]],
  },
  {
    name: "echo_accept_exhausted_total",
    type: "counter",
    help:
      "Times accepting stopped for lack of file descriptors (once per burst).",
    samples: (s) => [[[], s.acceptExhausted]],
  },
  {
    name: "echo_rooms",
    type: "gauge",
    help: "Rooms with a member on this node.",
    samples: (s) => [[[], s.rooms]],
  },
  {
    name: "echo_room_members",
    type: "gauge",
    help: "Room members connected to this node.",
    samples: (s) => [[[], s.roomMembers]],
  },
  {
    name: "echo_room_deliveries_total",
    type: "counter",
    help: "Messages delivered to room members from other members.",
    samples: (s) => [[[], s.roomDeliveries]],
  },
  {
    name: "echo_rooms_bus_messages_total",
    type: "counter",
    help:
      "Room bus messages between nodes (workers, processes through Redis), by direction.",
    samples: (s) => [
      [[["direction", "in"]], s.busMessagesIn],
      [[["direction", "out"]], s.busMessagesOut],
    ],
  },
  {
    name: "echo_rooms_bus_up",
    type: "gauge",
    help:
      "1 when every room bus (workers, Redis) can carry messages, 0 when one is down; absent without any.",
    samples: (s) => s.busUp === null ? [] : [[[], s.busUp]],
  },
  {
    name: "echo_memory_bytes",
    type: "gauge",
    help:
      "Memory now: the process's resident set (rss) and this isolate's V8 heap (heap_total, heap_used) and memory held outside it (external), as Deno.memoryUsage() reads them.",
    samples: (s) => [
      [[["kind", "rss"]], s.memory.rss],
      [[["kind", "heap_total"]], s.memory.heapTotal],
      [[["kind", "heap_used"]], s.memory.heapUsed],
      [[["kind", "external"]], s.memory.external],
    ],
  },
  {
    name: "echo_closes_total",
    type: "counter",
    help: "WebSocket connections closed, by close code.",
    samples: (s) =>
      s.closesByCode.map(([code, n]) => [[["code", `${code}`]], n]),
  },
  {
    name: "echo_rejections_total",
    type: "counter",
    help: "Handshakes refused and connections closed by a limit, by reason.",
    samples: (s) =>
      s.rejectionsByReason.map(([reason, n]) => [[["reason", reason]], n]),
  },
];

/**
 * Renders counters in the Prometheus text format, one sample per set and
 * label combination, each metric's HELP and TYPE once.
 */
export function renderMetrics(sets: LabelledSnapshot[]): string {
  let text = "";
  for (const family of FAMILIES) {
    text += `# HELP ${family.name} ${family.help}\n`;
    text += `# TYPE ${family.name} ${family.type}\n`;
    for (const { labels, snapshot } of sets) {
      for (const [extra, value] of family.samples(snapshot)) {
        const all = [...Object.entries(labels), ...extra];
        const rendered = all.length === 0
          ? ""
          : `{${all.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
        text += `${family.name}${rendered} ${value}\n`;
      }
    }
  }
  return text;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(
    /"/g,
    '\\"',
  );
}
