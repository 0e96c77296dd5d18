import type { Signal } from "@preact/signals";
import type { JSX } from "preact";
import { LARGE_DRAFT_CHARS, type SendMode } from "../client/draft.ts";
import { checkJson } from "../client/json_text.ts";
import { formatBytes } from "../core/format.ts";
import { LazyDetails } from "./LazyDetails.tsx";

// The binary formats are typed as JSON too: they take JSON's hint.
const HINTS: Partial<Record<SendMode, string>> = {
  text: "Enter sends, Shift+Enter starts a new line.",
  json: "Checked as you type; Format indents it. Enter sends.",
  hex: "Bytes as hex pairs, e.g. 48 65 6c 6c 6f or 0x48,0x65.",
  base64: "Bytes as base64, standard or URL-safe; padding optional.",
  file: "The file's bytes go as one binary message.",
};

/** Modes typed as JSON, which Format indents. */
const JSON_MODES: readonly SendMode[] = ["json", "msgpack", "cbor", "protobuf"];

/** What the composer shows and edits. */
export interface ComposerProps {
  mode: Signal<SendMode>;
  draft: Signal<string>;
  /**
   * A pasted draft too long to edit in the page, held apart from the
   * textarea; `null` when there is none.
   */
  large: Signal<string | null>;
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
  const { mode, draft, large, file, error, canSend, recent } = props;
  function onKeyDown(e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      props.onSend();
    }
  }
  // Chromium takes seconds to lay out megabytes in a textarea (and the
  // page would check them on every key): a paste that makes the draft that
  // long is held as it is, to send or discard.
  function onPaste(e: JSX.TargetedClipboardEvent<HTMLTextAreaElement>) {
    const pasted = e.clipboardData?.getData("text/plain") ?? "";
    const area = e.currentTarget;
    const kept = area.value.length - (area.selectionEnd - area.selectionStart);
    if (kept + pasted.length <= LARGE_DRAFT_CHARS) return;
    e.preventDefault();
    large.value = area.value.slice(0, area.selectionStart) + pasted +
      area.value.slice(area.selectionEnd);
    draft.value = "";
  }
  // Format indents JSON that parses; it leaves anything else as typed.
  function format() {
    if (checkJson(draft.value) === null) {
      draft.value = JSON.stringify(JSON.parse(draft.value), null, 2);
    }
  }
  const isFile = mode.value === "file";
  const held = large.value;
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
            <option value="msgpack">MessagePack</option>
            <option value="cbor">CBOR</option>
            <option value="protobuf">Protobuf</option>
          </select>
        </label>
        {!isFile && held === null && recent.length > 0 && (
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
      {/* The log reads Protobuf with it too; it opens for sending in it. */}
      <LazyDetails
        class="proto-schema"
        summary="Protobuf schema"
        load={() => import("./ProtoFields.tsx").then((m) => m.ProtoFields)}
        props={{}}
        open={mode.value === "protobuf"}
      />
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
        : held !== null
        ? (
          <div class="large-draft" role="group" aria-label="Message">
            <p id="large-draft-size">
              Pasted text, {held.length.toLocaleString("en-US")}{" "}
              characters: too long to edit here, sent as it is.
            </p>
            <button
              type="button"
              class="secondary"
              aria-describedby="large-draft-size"
              onClick={() => large.value = null}
            >
              Discard
            </button>
          </div>
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
              onPaste={onPaste}
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
            : HINTS[mode.value] ?? HINTS.json)}
        </p>
        {JSON_MODES.includes(mode.value) && (
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
