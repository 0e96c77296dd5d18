import { useComputed, useSignal, useSignalEffect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { draftProblem, draftToSend, type SendMode } from "../client/draft.ts";
import {
  defaultSocketUrl,
  parseProtocolList,
  validateClose,
} from "../client/event_log.ts";
import { HISTORY, loadHistory, rememberIn } from "../client/history.ts";
import { CloseForm } from "../components/CloseForm.tsx";
import { Composer } from "../components/Composer.tsx";
import { ConnectForm } from "../components/ConnectForm.tsx";
import { formatUi } from "../components/format_slot.ts";
import { InspectPanels } from "../components/InspectPanels.tsx";
import { LazyDetails } from "../components/LazyDetails.tsx";
import { LogPane } from "../components/LogPane.tsx";
import { MultiSlot } from "../components/MultiSlot.tsx";
import { ReconnectNotice } from "../components/ReconnectNotice.tsx";
import { SessionTools } from "../components/SessionTools.tsx";
import { useOnChange } from "../components/use_on_change.ts";
import { StatusBar } from "../components/StatusBar.tsx";
import { TimelineSlot } from "../components/TimelineSlot.tsx";
import { useConnection } from "../components/use_connection.ts";
import type { SendVia } from "../components/ConnectionTabs.tsx";

/** Props the server renders the island with. */
export interface EchoClientProps {
  /** Path of the echo endpoint on this host, e.g. `/api/ws`. */
  path: string;
}

/** A problem to show, and which fields editing makes it go away. */
interface Problem {
  about: "connect" | "send" | "close";
  text: string;
}

/** A complete WebSocket client showing everything the API does. */
export default function EchoClient({ path }: EchoClientProps) {
  const url = useSignal(path);
  const protocols = useSignal("");
  const reconnect = useSignal(false);
  const draft = useSignal("");
  // Never rendered, only measured: see Composer's paste.
  const large = useSignal<string | null>(null);
  const mode = useSignal<SendMode>("text");
  const file = useSignal<File | null>(null);
  const closeCode = useSignal("1000");
  const closeReason = useSignal("");
  const problem = useSignal<Problem | null>(null);
  const recentUrls = useSignal<string[]>([]);
  const recentDrafts = useSignal<string[]>([]);
  const { connection, current, snap, now, items } = useConnection((opened) => {
    problem.value = null;
    recentUrls.value = rememberIn(
      localStorage,
      "urls",
      recentUrls.value,
      opened,
    );
  });

  useEffect(() => {
    url.value = defaultSocketUrl(location);
    recentUrls.value = loadHistory(localStorage, HISTORY.urls.key);
    recentDrafts.value = loadHistory(localStorage, HISTORY.drafts.key);
  }, []);

  const state = useComputed(() => snap.value.readyState);
  const isActive = useComputed(() => state.value === 0 || state.value === 1);

  useSignalEffect(() => void (current.value.reconnect = reconnect.value));
  // A problem goes as soon as the field it is about changes.
  const clearOn = (about: Problem["about"]) => {
    if (problem.peek()?.about === about) problem.value = null;
  };
  useOnChange(() => (url.value, protocols.value), () => clearOn("connect"));
  useOnChange(
    () => (draft.value, large.value, mode.value),
    () => clearOn("send"),
  );
  useOnChange(
    () => (closeCode.value, closeReason.value),
    () => clearOn("close"),
  );
  // A problem is about the connection it was raised on, not the next one.
  useOnChange(() => current.value, () => problem.value = null);

  const draftError = useComputed(() =>
    draftProblem(mode.value, large.value ?? draft.value, file.value)
  );
  const trace = useComputed(() => snap.value.trace);

  function connect(event: Event) {
    event.preventDefault();
    const list = parseProtocolList(protocols.value);
    if (typeof list === "string") {
      return void (problem.value = { about: "connect", text: list });
    }
    problem.value = null;
    const error = connection.connect(url.value, list);
    if (error) problem.value = { about: "connect", text: error };
  }

  async function send(via?: SendVia) {
    if (draftError.value) return;
    if (!via && state.value !== 1) {
      const text = "Not sent: the socket is not open; connect first";
      return void (problem.value = { about: "send", text });
    }
    const sentDraft = large.value ?? draft.value;
    // The format controls load right after the page is interactive.
    const proto = formatUi.value?.protoDraft() ?? { schema: "", type: "" };
    const message = await draftToSend(mode.value, sentDraft, file.value, proto)
      .catch((error: Error) => `Not sent: ${error.message}`);
    if (typeof message === "string" || message === null) {
      if (message === null && mode.value !== "file") return;
      const text = message ?? "Choose a file";
      return void (problem.value = { about: "send", text });
    }
    // Reading a file takes a moment, in which the socket may have closed.
    const sent = (via ?? connection.send.bind(connection))(
      message.data,
      message.readAs,
    );
    if (!sent && via) {
      const text = "Not sent: no connection is open; connect one first";
      return void (problem.value = { about: "send", text });
    }
    if (!sent || mode.value === "file") return;
    recentDrafts.value = rememberIn(
      localStorage,
      "drafts",
      recentDrafts.value,
      sentDraft,
    );
    draft.value = "";
    large.value = null;
  }

  function close(event: Event) {
    event.preventDefault();
    if (!isActive.value) return;
    const error = validateClose(closeCode.value, closeReason.value);
    if (error) return void (problem.value = { about: "close", text: error });
    const code = closeCode.value.trim();
    connection.close(
      code === "" ? undefined : Number(code),
      closeReason.value || undefined,
    );
  }

  const s = snap.value;
  return (
    <section class="client" aria-label="WebSocket client">
      <div class="controls">
        <MultiSlot
          {...{ current, url, protocols, reconnect, items }}
          onSend={send}
        />
        <ConnectForm
          url={url}
          protocols={protocols}
          reconnect={reconnect}
          recentUrls={recentUrls.value}
          active={isActive.value}
          onConnect={connect}
          onDisconnect={() =>
            connection.close(1000, "Disconnected by the user")}
        />
        <LazyDetails
          class="behaviour-panel"
          summary="Server behaviour"
          load={() =>
            import("../components/BehaviourPanel.tsx").then((m) =>
              m.BehaviourPanel
            )}
          props={{ url }}
        />
        {s.retry && (
          <ReconnectNotice
            retry={s.retry}
            now={now}
            onStop={() => connection.stopRetrying()}
          />
        )}
        <StatusBar
          readyState={s.readyState}
          buffered={s.bufferedAmount}
          protocol={s.protocol}
          rtt={s.rtt}
        />
        <p class="problem" role="alert">{problem.value?.text}</p>
        <Composer
          mode={mode}
          draft={draft}
          large={large}
          file={file}
          error={draftError.value}
          canSend={state.value === 1}
          recent={recentDrafts.value}
          onSend={() => send()}
        />
        <CloseForm
          code={closeCode}
          reason={closeReason}
          active={isActive.value}
          onClose={close}
        />
        <SessionTools
          connection={connection}
          items={items}
          url={url}
          protocols={protocols}
          mode={mode}
          draft={draft}
        />
        <InspectPanels
          snap={s}
          url={url.value}
          protocols={protocols.value}
        />
      </div>
      <div class="workspace">
        <TimelineSlot trace={trace} now={now} items={items} />
        <LogPane
          log={s.log}
          items={items}
          onCap={(max) => connection.setMaxEntries(max)}
          onClear={() => connection.clearLog()}
        />
      </div>
    </section>
  );
}
