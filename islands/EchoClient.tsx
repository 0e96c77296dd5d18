import { useComputed, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { JSX } from "preact";
import { parseHex } from "../client/bytes.ts";
import {
  defaultSocketUrl,
  type EntryKind,
  type LogEntry,
  parseProtocolList,
  READY_STATE_NAMES,
  validateClose,
} from "../client/event_log.ts";
import { LogView } from "../components/LogView.tsx";

/** Props the server renders the island with. */
export interface EchoClientProps {
  /** Path of the echo endpoint on this host, e.g. `/api/ws`. */
  path: string;
}

type SendMode = "text" | "hex";

/** An interactive WebSocket client showing everything the API does. */
export default function EchoClient({ path }: EchoClientProps) {
  const url = useSignal(path);
  const protocols = useSignal("");
  const socket = useSignal<WebSocket | null>(null);
  const readyState = useSignal<number | null>(null);
  const buffered = useSignal(0);
  const protocol = useSignal("");
  const entries = useSignal<LogEntry[]>([]);
  const draft = useSignal("");
  const mode = useSignal<SendMode>("text");
  const closeCode = useSignal("1000");
  const closeReason = useSignal("");
  const problem = useSignal("");
  const nextId = useRef(1);

  useEffect(() => {
    url.value = defaultSocketUrl(location);
    // Where the user left the page with a socket open, say goodbye properly.
    const leave = () => socket.peek()?.close(1000, "Page closed");
    addEventListener("pagehide", leave);
    return () => removeEventListener("pagehide", leave);
  }, []);

  // bufferedAmount changes without an event; sample it while a socket lives.
  useEffect(() => {
    const ws = socket.value;
    if (!ws) return;
    const timer = setInterval(() => {
      buffered.value = ws.bufferedAmount;
      readyState.value = ws.readyState;
    }, 100);
    return () => clearInterval(timer);
  }, [socket.value]);

  const isOpen = useComputed(() => readyState.value === WebSocket.OPEN);
  const isActive = useComputed(() =>
    readyState.value === WebSocket.CONNECTING ||
    readyState.value === WebSocket.OPEN
  );
  const hexError = useComputed(() => {
    if (mode.value !== "hex") return "";
    const parsed = parseHex(draft.value);
    return typeof parsed === "string" ? parsed : "";
  });

  function log(
    kind: EntryKind,
    direction: LogEntry["direction"],
    detail: Partial<LogEntry> = {},
  ) {
    entries.value = [
      ...entries.value,
      { id: nextId.current++, time: Date.now(), kind, direction, ...detail },
    ];
  }

  function connect(event: Event) {
    event.preventDefault();
    problem.value = "";
    const list = parseProtocolList(protocols.value);
    if (typeof list === "string") return void (problem.value = list);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url.value, list);
    } catch (error) {
      problem.value = (error as Error).message;
      return;
    }
    ws.binaryType = "arraybuffer";
    const sync = () => {
      readyState.value = ws.readyState;
      buffered.value = ws.bufferedAmount;
    };
    ws.onopen = () => {
      sync();
      protocol.value = ws.protocol;
      const detail = ws.protocol ? `protocol "${ws.protocol}"` : "no protocol";
      log("open", "none", { text: `Connected to ${ws.url}, ${detail}` });
    };
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      sync();
      if (typeof e.data === "string") {
        log("message", "in", {
          text: e.data,
          size: new TextEncoder().encode(e.data).length,
        });
      } else {
        const bytes = new Uint8Array(e.data);
        log("message", "in", { bytes, size: bytes.length });
      }
    };
    // The API gives no detail on purpose (it would leak network information).
    ws.onerror = () => {
      sync();
      log("error", "none", { text: "error event (the API gives no detail)" });
    };
    ws.onclose = (e) => {
      sync();
      log("close", "none", {
        close: { code: e.code, reason: e.reason, wasClean: e.wasClean },
      });
    };
    socket.value = ws;
    sync();
  }

  function send() {
    const ws = socket.value;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (mode.value === "hex") {
      const bytes = parseHex(draft.value);
      if (typeof bytes === "string") return;
      ws.send(bytes);
      log("send", "out", { bytes, size: bytes.length });
    } else {
      ws.send(draft.value);
      log("send", "out", {
        text: draft.value,
        size: new TextEncoder().encode(draft.value).length,
      });
    }
    buffered.value = ws.bufferedAmount;
    draft.value = "";
  }

  function close(event: Event) {
    event.preventDefault();
    const ws = socket.value;
    if (!ws) return;
    const error = validateClose(closeCode.value, closeReason.value);
    if (error) return void (problem.value = error);
    problem.value = "";
    const code = closeCode.value.trim() === ""
      ? undefined
      : Number(closeCode.value);
    ws.close(code, closeReason.value || undefined);
    readyState.value = ws.readyState;
  }

  function onKeyDown(e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  const stateName = readyState.value === null
    ? "no socket"
    : `${readyState.value} ${READY_STATE_NAMES[readyState.value]}`;

  return (
    <section class="client" aria-label="WebSocket client">
      <form class="row connect" onSubmit={connect}>
        <label class="grow">
          URL
          <input
            type="url"
            name="url"
            value={url}
            onInput={(e) => url.value = e.currentTarget.value}
            required
            spellcheck={false}
          />
        </label>
        <label>
          Subprotocols
          <input
            name="protocols"
            value={protocols}
            placeholder="e.g. graphql-ws, mqtt"
            onInput={(e) => protocols.value = e.currentTarget.value}
            spellcheck={false}
          />
        </label>
        {isActive.value
          ? (
            <button type="button" onClick={close}>
              Disconnect
            </button>
          )
          : <button type="submit">Connect</button>}
      </form>

      <dl class="status">
        <div>
          <dt>readyState</dt>
          <dd data-testid="ready-state" class={`state-${readyState.value}`}>
            {stateName}
          </dd>
        </div>
        <div>
          <dt>bufferedAmount</dt>
          <dd data-testid="buffered-amount">{buffered} B</dd>
        </div>
        <div>
          <dt>protocol</dt>
          <dd>{protocol.value || "none"}</dd>
        </div>
      </dl>

      <p class="problem" role="alert">{problem}</p>

      <div class="composer">
        <label class="grow">
          Message
          <textarea
            name="message"
            rows={3}
            value={draft}
            onInput={(e) => draft.value = e.currentTarget.value}
            onKeyDown={onKeyDown}
            aria-describedby="composer-hint"
            aria-invalid={hexError.value !== ""}
            spellcheck={false}
          />
        </label>
        <div class="row">
          <label>
            Send as
            <select
              name="mode"
              value={mode}
              onChange={(e) => mode.value = e.currentTarget.value as SendMode}
            >
              <option value="text">Text</option>
              <option value="hex">Binary (hex)</option>
            </select>
          </label>
          <button
            type="button"
            onClick={send}
            disabled={!isOpen.value || hexError.value !== ""}
          >
            Send
          </button>
        </div>
        <p id="composer-hint" class="hint">
          {hexError.value ||
            "Enter sends, Shift+Enter starts a new line."}
        </p>
      </div>

      <form class="row close" onSubmit={close}>
        <label>
          Close code
          <input
            name="code"
            inputMode="numeric"
            value={closeCode}
            onInput={(e) => closeCode.value = e.currentTarget.value}
          />
        </label>
        <label class="grow">
          Reason
          <input
            name="reason"
            value={closeReason}
            onInput={(e) => closeReason.value = e.currentTarget.value}
          />
        </label>
        <button type="submit" disabled={!isActive.value}>Close</button>
        <button type="button" onClick={() => entries.value = []}>
          Clear log
        </button>
      </form>

      <LogView entries={entries.value} />
    </section>
  );
}
