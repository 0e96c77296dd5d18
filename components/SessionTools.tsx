import {
  type ReadonlySignal,
  type Signal,
  useSignal,
  useSignalEffect,
} from "@preact/signals";
import type { ConnectionItem } from "../client/connection_list.ts";
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Connection } from "../client/connection.ts";
import type { SendMode } from "../client/draft.ts";
import {
  loadPresets,
  type Preset,
  presetData,
  savePresets,
  shortcutIndex,
} from "../client/presets.ts";
import { SendCapture } from "../client/send_capture.ts";
import { LazyDetails } from "./LazyDetails.tsx";
import { restoreConnections } from "./MultiSlot.tsx";
import type { ShareLinkProps } from "./ShareLink.tsx";

/** Props of {@linkcode SessionTools}: the island's connection and fields. */
export interface SessionToolsProps {
  connection: Connection;
  /** Every connection, once there are several (see use_connection.ts). */
  items: ReadonlySignal<readonly ConnectionItem[]>;
  url: Signal<string>;
  protocols: Signal<string>;
  mode: Signal<SendMode>;
  draft: Signal<string>;
}

const chunk = () => import("./session_chunk.ts");

/**
 * What makes a session repeatable: presets (sent with a click, Alt+1-9, or
 * on every open), a link that restores the session, the script panel and
 * the session as code.
 * What every page load needs (sending presets) is here; the panels and the
 * link's code load on demand.
 */
export function SessionTools(props: SessionToolsProps) {
  const { connection, url, protocols } = props;
  const presets = useSignal<Preset[]>([]);
  const script = useSignal("");
  const running = useSignal(false);
  const sendProblem = useSignal("");
  const restored = useSignal({ ok: true, text: "" });
  const openPresets = useSignal(false);
  const openScript = useSignal(false);
  // From the start: the Code view, loaded later, shows what came before.
  const [capture] = useState(() => new SendCapture(connection));
  const [Share, setShare] = useState<ComponentType<ShareLinkProps> | null>(
    null,
  );
  // The selected connection as of the last render, for the Alt+digit
  // handler that is added once.
  const selected = useRef(connection);
  selected.current = connection;

  function setPresets(list: Preset[]) {
    presets.value = list;
    savePresets(localStorage, list);
  }

  function send(preset: Preset, from = selected.current) {
    const data = presetData(preset);
    sendProblem.value = data === null
      ? `Not sent: ${preset.name}: its bytes do not parse`
      : from.send(data)
      ? ""
      : `Not sent: ${preset.name}: the socket is not open; connect first`;
  }

  useEffect(() => {
    presets.value = loadPresets(localStorage);
    // Saved presets are one click away from the start.
    openPresets.value = presets.value.length > 0;
    const onKey = (e: KeyboardEvent) => {
      const preset = presets.peek()[shortcutIndex(e)];
      if (!preset) return;
      e.preventDefault();
      send(preset);
    };
    addEventListener("keydown", onKey);
    // The link code loads only for a link (LINK_PREFIX in session_link.ts).
    if (location.hash.startsWith("#session=")) restore();
    return () => {
      capture.dispose();
      removeEventListener("keydown", onKey);
    };
  }, []);

  // Every open of every connection, reconnects too, sends on the one that
  // opened; not an open a script run makes, whose expectations would meet
  // the presets' echoes first.
  const first = useRef(connection).current;
  useSignalEffect(() => {
    const list = props.items.value;
    const all = list.length ? list.map((item) => item.connection) : [first];
    const removers = all.map((c) =>
      c.addListener("open", () => {
        if (running.peek()) return;
        for (const p of presets.peek()) if (p.onOpen) send(p, c);
      })
    );
    return () => removers.forEach((remove) => remove());
  });

  /** Fills the fields from the link in the address bar; connects nothing. */
  async function restore() {
    const { decodeSession, mergePresets } = await chunk();
    const read = await decodeSession(location.hash);
    if (!read) return;
    const { session, problems } = read;
    if (session.url !== undefined) url.value = session.url;
    if (session.protocols !== undefined) protocols.value = session.protocols;
    if (session.connections) restoreConnections(session.connections);
    if (session.presets?.length) {
      setPresets(mergePresets(presets.peek(), session.presets));
      openPresets.value = true;
    }
    if (session.script) {
      script.value = session.script;
      openScript.value = true;
    }
    // The address bar no longer holds the link once its parts are fields.
    history.replaceState(null, "", location.pathname + location.search);
    restored.value = problems.length
      ? { ok: false, text: problems.join("; ") }
      : { ok: true, text: "Restored from the link; press Connect to connect." };
  }

  return (
    <>
      {restored.value.text && (
        <p
          class={restored.value.ok ? "hint" : "problem"}
          role="status"
          data-testid="link-restore"
        >
          {restored.value.text}
        </p>
      )}
      <LazyDetails
        class="presets-panel"
        summary="Presets"
        open={openPresets.value}
        load={() => chunk().then((m) => m.PresetBar)}
        props={{
          presets,
          mode: props.mode,
          draft: props.draft,
          onSend: send,
          onChange: setPresets,
          problem: sendProblem.value,
        }}
      />
      <LazyDetails
        class="script"
        summary="Script"
        open={openScript.value}
        load={() => chunk().then((m) => m.ScriptPanel)}
        props={{
          connection,
          items: props.items,
          showTabs: restoreConnections,
          script,
          url,
          protocols,
          presets,
          running,
          onPresets: (list: Preset[]) =>
            chunk().then((m) =>
              setPresets(m.mergePresets(presets.value, list))
            ),
        }}
      />
      <LazyDetails
        class="code-details"
        summary="Code"
        load={() => import("./CodeView.tsx").then((m) => m.CodeView)}
        props={{ connection, capture, script, url, protocols }}
      />
      {Share
        ? (
          <Share
            session={() => ({
              url: url.value,
              protocols: protocols.value,
              presets: presets.value,
              script: script.value,
            })}
            items={props.items}
            selected={connection}
          />
        )
        : (
          <div class="row">
            <button
              type="button"
              class="secondary"
              // A component is a function: wrapped, so that setState
              // stores it rather than calling it as an updater.
              onClick={() => chunk().then((m) => setShare(() => m.ShareLink))}
            >
              Copy link
            </button>
            <p class="hint grow">
              Connection, presets and script in a link; nothing connects until
              Connect.
            </p>
          </div>
        )}
    </>
  );
}
