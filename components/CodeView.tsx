import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  absoluteSocketUrl,
  sessionFromCapture,
  sessionFromScript,
} from "../client/code_source.ts";
import type { Connection } from "../client/connection.ts";
import { parseProtocolList } from "../client/event_log.ts";
import { parseScript } from "../client/script_parse.ts";
import type { SendCapture } from "../client/send_capture.ts";
import {
  CODE_TARGETS,
  type CodeSession,
  type CodeTarget,
  sessionCode,
} from "../client/session_code.ts";

/** Props of {@linkcode CodeView}: the page's connection and fields. */
export interface CodeViewProps {
  connection: Connection;
  /** What the page sent on its socket, recorded since the page loaded. */
  capture: SendCapture;
  /** The Script panel's text. */
  script: Signal<string>;
  url: Signal<string>;
  protocols: Signal<string>;
}

type Source = "session" | "script";

/**
 * The session as code, loaded when the Code disclosure first opens: what
 * the page did on its socket, or the script, as a short program in each
 * language with a tab of its own and a Copy button.
 */
export function CodeView(props: CodeViewProps) {
  const { connection, capture, script, url, protocols } = props;
  const target = useSignal<CodeTarget>("browser");
  const source = useSignal<Source>("session");
  const status = useSignal("");
  // The capture is a plain object: a flush of the connection is the moment
  // it may have changed.
  const version = useSignal(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => connection.subscribe(() => version.value++), []);

  void version.value;
  const base = location.href;
  let session: CodeSession | null = null;
  let problem = "";
  if (source.value === "script") {
    try {
      session = sessionFromScript(parseScript(script.value), url.value, base);
    } catch (error) {
      problem = `No code for the script: ${(error as Error).message}`;
    }
  } else {
    const captured = capture.session;
    const list = parseProtocolList(protocols.value);
    session = captured ? sessionFromCapture(captured, base) : {
      url: absoluteSocketUrl(url.value, base),
      protocols: typeof list === "string" ? [] : list,
      messages: [],
      notes: ["Nothing sent yet: connect and send, and the code follows."],
    };
  }
  const code = session ? sessionCode(target.value, session) : "";

  function choose(index: number) {
    const next = CODE_TARGETS[
      (index + CODE_TARGETS.length) %
      CODE_TARGETS.length
    ];
    target.value = next.id;
    status.value = "";
    tabs.current[CODE_TARGETS.indexOf(next)]?.focus();
  }

  // Tabs as the ARIA pattern has them: arrows move between tabs, Home and
  // End go to the ends, and only the selected tab is in the Tab order.
  function onKey(event: KeyboardEvent, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: CODE_TARGETS.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    choose(moves[event.key]);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      status.value = "Copied";
    } catch {
      // Selected, it is one keystroke from the clipboard anyway.
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      status.value = "The clipboard refused it; the code is selected to copy";
    }
  }

  const label = CODE_TARGETS.find((t) => t.id === target.value)!.label;
  return (
    <div class="code-view">
      <fieldset class="code-source">
        <legend>Code for</legend>
        {([
          ["session", "What this page did on its socket"],
          ["script", "The script in the Script panel"],
        ] as const).map(([value, text]) => (
          <label key={value} class="check">
            <input
              type="radio"
              name="code-source"
              value={value}
              checked={source.value === value}
              onChange={() => {
                source.value = value;
                status.value = "";
              }}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <div role="tablist" aria-label="Language" class="code-tabs">
        {CODE_TARGETS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => void (tabs.current[i] = el)}
            type="button"
            role="tab"
            id={`code-tab-${t.id}`}
            aria-selected={t.id === target.value}
            aria-controls="code-panel"
            tabIndex={t.id === target.value ? 0 : -1}
            onClick={() => choose(i)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="code-panel"
        aria-labelledby={`code-tab-${target.value}`}
      >
        {problem ? <p class="problem">{problem}</p> : (
          <pre
            ref={pre}
            class="code-block"
            // Scrolls sideways: reachable by keyboard.
            tabIndex={0}
            aria-label={`${label} code`}
            data-testid="code"
          ><code>{code}</code></pre>
        )}
        <div class="row">
          <button
            type="button"
            class="secondary"
            disabled={!!problem}
            onClick={copy}
          >
            Copy {label} code
          </button>
          <p
            class="hint grow"
            role="status"
            aria-live="polite"
            data-testid="code-status"
          >
            {status.value}
          </p>
        </div>
      </div>
    </div>
  );
}
