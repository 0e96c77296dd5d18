import { batch, useComputed, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { backoffDelay } from "../client/backoff.ts";
import { draftBytes, draftProblem, type SendMode } from "../client/draft.ts";
import {
  defaultSocketUrl,
  type EntryKind,
  type LogEntry,
  parseProtocolList,
  validateClose,
} from "../client/event_log.ts";
import {
  HISTORY,
  loadHistory,
  MAX_DRAFT_CHARS,
  remember,
  saveHistory,
} from "../client/history.ts";
import { checkJson } from "../client/json_text.ts";
import {
  appendCapped,
  EMPTY_LOG,
  filterEntries,
  isFiltering,
  LOG_CAP_RANGE,
  type LogFilter,
  parseLogCap,
  SHOW_ALL,
} from "../client/log_filter.ts";
import { exportFileName, toNdjson } from "../client/ndjson.ts";
import { RttTracker, summarizeRtt } from "../client/rtt.ts";
import { CloseForm } from "../components/CloseForm.tsx";
import { Composer } from "../components/Composer.tsx";
import { ConnectForm } from "../components/ConnectForm.tsx";
import { LogToolbar } from "../components/LogToolbar.tsx";
import { LogView, type LogViewOptions } from "../components/LogView.tsx";
import { ReconnectNotice } from "../components/ReconnectNotice.tsx";
import { SpeedTest } from "../components/SpeedTest.tsx";
import { StatusBar } from "../components/StatusBar.tsx";

/** Props the server renders the island with. */
export interface EchoClientProps {
  /** Path of the echo endpoint on this host, e.g. `/api/ws`. */
  path: string;
}

/** Where a socket goes; kept so a reconnect reaches the same place. */
interface Target {
  url: string;
  protocols: string[];
}

/** Milliseconds between log renders: a burst of messages renders once. */
const FLUSH_MS = 50;

/** A complete WebSocket client showing everything the API does. */
export default function EchoClient({ path }: EchoClientProps) {
  const url = useSignal(path);
  const protocols = useSignal("");
  const reconnect = useSignal(false);
  const socket = useSignal<WebSocket | null>(null);
  const readyState = useSignal<number | null>(null);
  const buffered = useSignal(0);
  const protocol = useSignal("");
  const log = useSignal(EMPTY_LOG);
  const filter = useSignal<LogFilter>(SHOW_ALL);
  const view = useSignal<LogViewOptions>({ binaryAs: "hex", prettyJson: true });
  const cap = useSignal(String(LOG_CAP_RANGE.default));
  const draft = useSignal("");
  const mode = useSignal<SendMode>("text");
  const file = useSignal<File | null>(null);
  const closeCode = useSignal("1000");
  const closeReason = useSignal("");
  const problem = useSignal("");
  const rtt = useSignal(summarizeRtt([]));
  const retry = useSignal<{ attempt: number; at: number } | null>(null);
  const now = useSignal(0);
  const recentUrls = useSignal<string[]>([]);
  const recentDrafts = useSignal<string[]>([]);

  const nextId = useRef(1);
  const pending = useRef<LogEntry[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(
    undefined,
  );
  const tracker = useRef(new RttTracker());
  const target = useRef<Target | null>(null);
  const attempts = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(
    undefined,
  );
  /** The user closed on purpose: no reconnect. */
  const leaving = useRef(false);

  useEffect(() => {
    url.value = defaultSocketUrl(location);
    recentUrls.value = loadHistory(localStorage, HISTORY.urls.key);
    recentDrafts.value = loadHistory(localStorage, HISTORY.drafts.key);
    // Where the user leaves with a socket open, say goodbye properly.
    const leave = () => {
      leaving.current = true;
      socket.peek()?.close(1000, "Page closed");
    };
    addEventListener("pagehide", leave);
    return () => {
      removeEventListener("pagehide", leave);
      clearTimeout(retryTimer.current);
      clearTimeout(flushTimer.current);
    };
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

  // The countdown to the next reconnect attempt ticks while one is pending.
  useEffect(() => {
    if (!retry.value) return;
    now.value = Date.now();
    const timer = setInterval(() => now.value = Date.now(), 100);
    return () => clearInterval(timer);
  }, [retry.value]);

  const maxEntries = useComputed(() => {
    const parsed = parseLogCap(cap.value);
    return typeof parsed === "number" ? parsed : null;
  });
  useEffect(() => {
    if (maxEntries.value !== null) {
      log.value = appendCapped(log.value, [], maxEntries.value);
    }
  }, [maxEntries.value]);

  const shown = useComputed(() =>
    filterEntries(log.value.entries, filter.value)
  );
  const isOpen = useComputed(() => readyState.value === WebSocket.OPEN);
  const isActive = useComputed(() =>
    readyState.value === WebSocket.CONNECTING ||
    readyState.value === WebSocket.OPEN
  );
  const draftError = useComputed(() =>
    draftProblem(mode.value, draft.value, file.value)
  );

  function flush() {
    flushTimer.current = undefined;
    const added = pending.current;
    pending.current = [];
    batch(() => {
      log.value = appendCapped(
        log.value,
        added,
        maxEntries.value ?? LOG_CAP_RANGE.default,
      );
      rtt.value = summarizeRtt(tracker.current.samples);
    });
  }

  function record(
    kind: EntryKind,
    direction: LogEntry["direction"],
    detail: Partial<LogEntry> = {},
  ) {
    pending.current.push({
      id: nextId.current++,
      time: Date.now(),
      kind,
      direction,
      ...detail,
    });
    flushTimer.current ??= setTimeout(flush, FLUSH_MS);
  }

  function open(to: Target) {
    let ws: WebSocket;
    try {
      ws = new WebSocket(to.url, to.protocols);
    } catch (error) {
      problem.value = (error as Error).message;
      return;
    }
    ws.binaryType = "arraybuffer";
    tracker.current = new RttTracker();
    rtt.value = null;
    const sync = () => {
      readyState.value = ws.readyState;
      buffered.value = ws.bufferedAmount;
    };
    ws.onopen = () => {
      sync();
      attempts.current = 0;
      protocol.value = ws.protocol;
      recentUrls.value = remember(recentUrls.value, to.url, HISTORY.urls.max);
      saveHistory(localStorage, HISTORY.urls.key, recentUrls.value);
      const detail = ws.protocol ? `protocol "${ws.protocol}"` : "no protocol";
      record("open", "none", { text: `Connected to ${ws.url}, ${detail}` });
    };
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      const rttMs = tracker.current.received(performance.now());
      if (typeof e.data === "string") {
        record("message", "in", {
          text: e.data,
          size: new TextEncoder().encode(e.data).length,
          rtt: rttMs,
        });
      } else {
        const bytes = new Uint8Array(e.data);
        record("message", "in", { bytes, size: bytes.length, rtt: rttMs });
      }
    };
    // The API gives no detail on purpose (it would leak network information).
    ws.onerror = () => {
      sync();
      record("error", "none", {
        text: "error event (the API gives no detail)",
      });
    };
    ws.onclose = (e) => {
      sync();
      tracker.current.reset();
      record("close", "none", {
        close: { code: e.code, reason: e.reason, wasClean: e.wasClean },
      });
      if (reconnect.peek() && !leaving.current) scheduleRetry();
    };
    socket.value = ws;
    sync();
  }

  function scheduleRetry() {
    const to = target.current;
    if (!to) return;
    const delay = backoffDelay(attempts.current++);
    retry.value = { attempt: attempts.current, at: Date.now() + delay };
    record("info", "none", {
      text: `Reconnect attempt ${attempts.current} in ${
        (delay / 1000).toFixed(1)
      } s`,
    });
    retryTimer.current = setTimeout(() => {
      retry.value = null;
      open(to);
    }, delay);
  }

  function stopRetrying() {
    if (!retry.peek()) return;
    clearTimeout(retryTimer.current);
    retry.value = null;
    attempts.current = 0;
    record("info", "none", { text: "Stopped reconnecting" });
  }

  // Turning the switch off while a retry is pending cancels it.
  useEffect(() => {
    if (!reconnect.value) stopRetrying();
  }, [reconnect.value]);

  function connect(event: Event) {
    event.preventDefault();
    problem.value = "";
    const list = parseProtocolList(protocols.value);
    if (typeof list === "string") return void (problem.value = list);
    stopRetrying();
    leaving.current = false;
    attempts.current = 0;
    target.current = { url: url.value, protocols: list };
    open(target.current);
  }

  function disconnect() {
    leaving.current = true;
    stopRetrying();
    socket.value?.close(1000, "Disconnected by the user");
  }

  /** The composer's content as a message; `null` when there is none. */
  async function composed(): Promise<string | Uint8Array<ArrayBuffer> | null> {
    switch (mode.value) {
      case "hex":
      case "base64": {
        const bytes = draftBytes(mode.value, draft.value);
        return typeof bytes === "string" ? null : bytes;
      }
      case "file":
        return file.value
          ? new Uint8Array(await file.value.arrayBuffer())
          : null;
      default:
        return draft.value;
    }
  }

  async function send() {
    const ws = socket.value;
    if (draftError.value) return;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      problem.value = "Not sent: the socket is not open; connect first";
      return;
    }
    const sentDraft = draft.value;
    const data = await composed();
    if (data === null) {
      if (mode.value === "file") problem.value = "Choose a file to send";
      return;
    }
    // Reading a file takes a moment, in which the socket may have closed.
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(data);
    tracker.current.sent(performance.now());
    if (typeof data === "string") {
      record("send", "out", {
        text: data,
        size: new TextEncoder().encode(data).length,
      });
    } else {
      record("send", "out", { bytes: data, size: data.length });
    }
    problem.value = "";
    buffered.value = ws.bufferedAmount;
    if (mode.value === "file") return;
    if (sentDraft.length <= MAX_DRAFT_CHARS) {
      recentDrafts.value = remember(
        recentDrafts.value,
        sentDraft,
        HISTORY.drafts.max,
      );
      saveHistory(localStorage, HISTORY.drafts.key, recentDrafts.value);
    }
    draft.value = "";
  }

  function formatDraft() {
    if (checkJson(draft.value) === null) {
      draft.value = JSON.stringify(JSON.parse(draft.value), null, 2);
    }
  }

  function close(event: Event) {
    event.preventDefault();
    const ws = socket.value;
    if (!ws) return;
    const error = validateClose(closeCode.value, closeReason.value);
    if (error) return void (problem.value = error);
    problem.value = "";
    leaving.current = true;
    stopRetrying();
    const code = closeCode.value.trim() === ""
      ? undefined
      : Number(closeCode.value);
    ws.close(code, closeReason.value || undefined);
    readyState.value = ws.readyState;
  }

  function exportLog() {
    const filtering = isFiltering(filter.value);
    const text = toNdjson(shown.value, filtering ? 0 : log.value.dropped);
    const href = URL.createObjectURL(
      new Blob([text], { type: "application/x-ndjson" }),
    );
    const a = document.createElement("a");
    a.href = href;
    a.download = exportFileName(Date.now());
    a.click();
    // The download has its own reference by now; the URL can go.
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  }

  const protocolList = parseProtocolList(protocols.value);

  return (
    <section class="client" aria-label="WebSocket client">
      <ConnectForm
        url={url}
        protocols={protocols}
        reconnect={reconnect}
        recentUrls={recentUrls.value}
        active={isActive.value}
        onConnect={connect}
        onDisconnect={disconnect}
      />
      {retry.value && (
        <ReconnectNotice
          attempt={retry.value.attempt}
          remainingMs={retry.value.at - now.value}
          onStop={stopRetrying}
        />
      )}
      <StatusBar
        readyState={readyState.value}
        buffered={buffered.value}
        protocol={protocol.value}
        rtt={rtt.value}
      />
      <p class="problem" role="alert">{problem}</p>
      <Composer
        mode={mode}
        draft={draft}
        file={file}
        error={draftError.value}
        canSend={isOpen.value}
        recent={recentDrafts.value}
        onSend={send}
        onFormat={formatDraft}
      />
      <CloseForm
        code={closeCode}
        reason={closeReason}
        active={isActive.value}
        onClose={close}
      />
      <LogToolbar
        filter={filter}
        view={view}
        cap={cap}
        capError={maxEntries.value === null
          ? parseLogCap(cap.value) as string
          : ""}
        shown={shown.value.length}
        kept={log.value.entries.length}
        dropped={log.value.dropped}
        onExport={exportLog}
        onClear={() => log.value = EMPTY_LOG}
      />
      <LogView entries={shown.value} options={view.value} />
      <SpeedTest url={url.value} protocols={protocolList} />
    </section>
  );
}
