import type { Signal } from "@preact/signals";
import type { JSX } from "preact";
import type { SendMode } from "../client/draft.ts";
import { checkJson } from "../client/json_text.ts";
import { formatBytes } from "../core/format.ts";

const HINTS: Record<SendMode, string> = {
  text: "Enter sends, Shift+Enter starts a new line.",
  json: "Checked as you type; Format indents it. Enter sends.",
  hex: "Bytes as hex pairs, e.g. 48 65 6c 6c 6f or 0x48,0x65.",
  base64: "Bytes as base64, standard or URL-safe; padding optional.",
  file: "The file's bytes go as one binary message.",
};

/** What the composer shows and edits. */
export interface ComposerProps {
  mode: Signal<SendMode>;
  draft: Signal<string>;
  file: Signal<File | null>;
  /** Why the draft cannot be sent, or "" when it can. */
  error: string;
  /** The socket is open. */
  canSend: boolean;
  /** Recently sent drafts, newest first. */
  recent: readonly string[];
  onSend: () => void;
}

/** The message composer: text, JSON, hex, base64 or a file. */
export function Composer(props: ComposerProps) {
  const { mode, draft, file, error, canSend, recent } = props;
  function onKeyDown(e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      props.onSend();
    }
  }
  // Format indents JSON that parses; it leaves anything else as typed.
  function format() {
    if (checkJson(draft.value) === null) {
      draft.value = JSON.stringify(JSON.parse(draft.value), null, 2);
    }
  }
  const isFile = mode.value === "file";
  return (
    <div class="composer">
      <div class="row">
        <label>
          Send as
          <select
            name="mode"
            value={mode}
            onChange={(e) => mode.value = e.currentTarget.value as SendMode}
          >
            <option value="text">Text</option>
            <option value="json">JSON</option>
            <option value="hex">Binary (hex)</option>
            <option value="base64">Binary (base64)</option>
            <option value="file">Binary (file)</option>
          </select>
        </label>
        {!isFile && recent.length > 0 && (
          <label class="grow">
            Recent messages
            <select
              name="recent"
              value=""
              onChange={(e) => {
                if (e.currentTarget.value) draft.value = e.currentTarget.value;
                e.currentTarget.value = "";
              }}
            >
              <option value="">Pick one to edit…</option>
              {recent.map((item) => (
                <option key={item} value={item}>
                  {item.length > 60 ? `${item.slice(0, 60)}…` : item}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {isFile
        ? (
          <label>
            File
            <input
              type="file"
              name="file"
              aria-describedby="composer-hint"
              aria-invalid={error !== ""}
              onChange={(e) => file.value = e.currentTarget.files?.[0] ?? null}
            />
          </label>
        )
        : (
          <label>
            Message
            <textarea
              name="message"
              rows={3}
              value={draft}
              onInput={(e) => draft.value = e.currentTarget.value}
              onKeyDown={onKeyDown}
              aria-describedby="composer-hint"
              aria-invalid={error !== ""}
              spellcheck={false}
            />
          </label>
        )}
      <div class="row actions">
        <p
          id="composer-hint"
          class={error ? "hint grow invalid" : "hint grow"}
          aria-live="polite"
        >
          {error || (isFile && file.value
            ? `${file.value.name}, ${formatBytes(file.value.size)}`
            : HINTS[mode.value])}
        </p>
        {mode.value === "json" && (
          <button type="button" class="secondary" onClick={format}>
            Format
          </button>
        )}
        <button
          type="button"
          onClick={props.onSend}
          disabled={!canSend || error !== ""}
        >
          Send
        </button>
      </div>
    </div>
  );
}
