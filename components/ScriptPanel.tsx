import { type ReadonlySignal, type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Connection } from "../client/connection.ts";
import type { ConnectionItem } from "../client/connection_list.ts";
import type { LinkConnections } from "../client/link_connections.ts";
import type { PageRunResult } from "../client/connection_io.ts";
import { runOnPage } from "../client/connections_run.ts";
import type { Preset } from "../client/presets.ts";
import type { Script } from "../client/script.ts";
import { parseScript } from "../client/script_parse.ts";
import { Recorder } from "../client/script_recorder.ts";
import {
  recordSources,
  SessionRecording,
} from "../client/session_recording.ts";
import { formatStepMs, type StepReport } from "../client/script_report.ts";
import example from "../examples/echo.script.json" with { type: "json" };
import { pageActors } from "./script_actors.ts";
import { MAX_STEP_ROWS, StepList } from "./StepList.tsx";

/** Props of {@linkcode ScriptPanel}; the island owns the shared state. */
export interface ScriptPanelProps {
  connection: Connection;
  /** Every connection once there are several: a recording records each. */
  items: ReadonlySignal<readonly ConnectionItem[]>;
  /** The editor's text, which a link restores and copies. */
  script: Signal<string>;
  url: Signal<string>;
  protocols: Signal<string>;
  presets: Signal<Preset[]>;
  /** Adds a script file's presets to the page's. */
  onPresets: (presets: Preset[]) => void;
  /** Shows tabs with these connections, for a script's actors. */
  showTabs: (connections: LinkConnections) => void;
  /** True while a run goes: presets are not sent on the open it makes. */
  running: Signal<boolean>;
}

/**
 * The script runner and recorder, loaded when its panel first opens: edit,
 * open or save a script, run it on the live connection (connecting to its
 * URL when no socket is open), see each step, record a session as a script.
 */
export function ScriptPanel(props: ScriptPanelProps) {
  const { connection, items, script, url, protocols, presets } = props;
  const { running } = props;
  const reports = useSignal<StepReport[]>([]);
  const hidden = useSignal(0);
  const outcome = useSignal<{ ok: boolean; text: string } | null>(null);
  const recording = useSignal(false);
  const abort = useRef<AbortController | null>(null);
  const stopRecording = useRef<(() => void) | null>(null);
  useEffect(() => () => {
    abort.current?.abort();
    stopRecording.current?.();
  }, []);

  /** The editor's script, or `null` after saying what is wrong with it. */
  function parsed(verb: string): Script | null {
    try {
      return parseScript(script.value);
    } catch (error) {
      outcome.value = {
        ok: false,
        text: `Not ${verb}: ${(error as Error).message}`,
      };
      return null;
    }
  }

  async function run() {
    const parsedScript = parsed("run");
    if (!parsedScript) return;
    const rows = new Map<string, number>();
    let list: StepReport[] = [];
    reports.value = [];
    hidden.value = 0;
    outcome.value = { ok: true, text: "Running…" };
    abort.current = new AbortController();
    running.value = true;
    const result = await runOnPage(connection, parsedScript, {
      url: url.value,
      // A script's connections run on tabs of their names, in view.
      actors: (targets) => pageActors(targets, props),
      signal: abort.current.signal,
      onConnect: (to, list) => {
        url.value = to;
        protocols.value = list.join(", ");
      },
      onStep: (report) => {
        const at = rows.get(report.path);
        if (at === undefined) {
          rows.set(report.path, list.length);
          list.push(report);
        } else list[at] = report;
        if (list.length > MAX_STEP_ROWS * 2) {
          const drop = list.length - MAX_STEP_ROWS;
          hidden.value += drop;
          list = list.slice(drop);
          rows.clear();
          list.forEach((r, i) => rows.set(r.path, i));
        }
        reports.value = list.slice(-MAX_STEP_ROWS);
      },
    });
    running.value = false;
    abort.current = null;
    outcome.value = summary(result, parsedScript);
  }

  function toggleRecording() {
    if (recording.value) {
      stopRecording.current?.();
      stopRecording.current = null;
      recording.value = false;
      return;
    }
    const recorder = new Recorder();
    const session = new SessionRecording(
      recorder,
      () => script.value = recorder.toJson(),
    );
    const fields = { url: url.value, protocols: protocols.value };
    const stop = items.subscribe((list) =>
      session.add(recordSources(list, connection, fields))
    );
    stopRecording.current = () => {
      stop();
      session.stop();
    };
    recording.value = true;
    outcome.value = null;
    script.value = "";
  }

  async function open(file: File | undefined) {
    if (!file) return;
    script.value = await file.text();
    const opened = parsed("opened");
    if (opened?.presets?.length) props.onPresets(opened.presets);
    if (opened) outcome.value = null;
  }

  function loadExample() {
    const { $schema: _, ...rest } = example;
    script.value = JSON.stringify({ ...rest, url: url.value }, null, 2) + "\n";
    outcome.value = null;
  }

  function save() {
    const saved = parsed("saved");
    if (!saved) return;
    const file = {
      $schema: new URL("/static/script.schema.json", location.href).href,
      ...saved,
      ...(presets.value.length ? { presets: presets.value } : {}),
    };
    const href = URL.createObjectURL(
      new Blob([JSON.stringify(file, null, 2) + "\n"], {
        type: "application/json",
      }),
    );
    const a = document.createElement("a");
    a.href = href;
    a.download = "session.script.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  }

  const busy = running.value;
  return (
    <div class="script-panel">
      <label>
        Script (JSON)
        <textarea
          name="script"
          rows={10}
          value={script}
          readOnly={recording.value}
          spellcheck={false}
          onInput={(e) => script.value = e.currentTarget.value}
          aria-describedby="script-result"
        />
      </label>
      <div class="row actions">
        <label class="file-pick">
          Open a script file
          <input
            type="file"
            name="script-file"
            accept=".json,application/json"
            onChange={(e) => open(e.currentTarget.files?.[0])}
          />
        </label>
        <button type="button" class="secondary" onClick={loadExample}>
          Load example
        </button>
        <button type="button" class="secondary" onClick={save}>
          Save as file
        </button>
        <button
          type="button"
          class="secondary"
          aria-pressed={recording.value}
          disabled={busy}
          onClick={toggleRecording}
        >
          {recording.value ? "Stop recording" : "Record"}
        </button>
        {busy
          ? (
            <button type="button" onClick={() => abort.current?.abort()}>
              Stop
            </button>
          )
          : (
            <button type="button" disabled={recording.value} onClick={run}>
              Run script
            </button>
          )}
      </div>
      <p
        id="script-result"
        class={outcome.value && !outcome.value.ok ? "problem" : "hint"}
        role="status"
        data-testid="script-result"
      >
        {recording.value
          ? "Recording: what you send and what comes back is written above."
          : outcome.value?.text}
      </p>
      <StepList reports={reports.value} hidden={hidden.value} />
    </div>
  );
}

/** The run's last line, as `deno task script` prints it. */
function summary(result: PageRunResult, script: Script) {
  if (result.ok) {
    return {
      ok: true,
      text: `Passed: ${script.steps.length} steps in ${
        formatStepMs(result.ms)
      }`,
    };
  }
  if ("connectError" in result) return { ok: false, text: result.connectError };
  if ("invalid" in result) return { ok: false, text: result.invalid };
  return { ok: false, text: result.failure.message };
}
