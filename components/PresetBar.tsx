import { type Signal, useSignal } from "@preact/signals";
import type { SendMode } from "../client/draft.ts";
import {
  describePreset,
  draftPayload,
  nameProblem,
  presetShortcut,
  withPreset,
} from "../client/preset_edit.ts";
import type { Preset } from "../client/presets.ts";

/** Props of {@linkcode PresetBar}. */
export interface PresetBarProps {
  presets: Signal<Preset[]>;
  /** The composer's message, which Save keeps. */
  mode: Signal<SendMode>;
  draft: Signal<string>;
  onSend: (preset: Preset) => void;
  onChange: (presets: Preset[]) => void;
  /** Why the last preset was not sent, or "". */
  problem: string;
}

/**
 * Saved messages, loaded when the Presets panel first opens: each one's
 * Send button (Alt+1 to Alt+9 for the first nine), whether it goes on every
 * open, and a form that saves the composer's message under a name (a name
 * in use is replaced).
 */
export function PresetBar(props: PresetBarProps) {
  const { presets } = props;
  const name = useSignal("");
  const saveProblem = useSignal("");
  function save(event: Event) {
    event.preventDefault();
    const problem = saveAs(name.value.trim());
    saveProblem.value = problem;
    if (!problem) name.value = "";
  }
  function saveAs(title: string): string {
    const problem = nameProblem(title, []);
    if (problem) return `Not saved: ${problem}`;
    const draft = draftPayload(props.mode.value, props.draft.value);
    if ("problem" in draft) return `Not saved: ${draft.problem}`;
    const old = presets.value.find((p) => p.name === title);
    props.onChange(
      withPreset(presets.value, { ...old, name: title, send: draft.send }),
    );
    return "";
  }
  const list = presets.value;
  const update = (index: number, change: Partial<Preset> | null) =>
    props.onChange(
      change === null
        ? list.filter((_, i) => i !== index)
        : list.map((p, i) => i === index ? { ...p, ...change } : p),
    );
  return (
    <div class="presets">
      {list.length > 0 && (
        <ul class="preset-list">
          {list.map((preset, i) => {
            const key = presetShortcut(i);
            return (
              <li key={preset.name}>
                <button
                  type="button"
                  class="secondary"
                  title={describePreset(preset)}
                  aria-keyshortcuts={key ?? undefined}
                  onClick={() => props.onSend(preset)}
                >
                  Send {preset.name}
                </button>
                {key && <kbd>{key}</kbd>}
                <label class="check">
                  <input
                    type="checkbox"
                    checked={preset.onOpen === true}
                    aria-label={`Send ${preset.name} on every open`}
                    onChange={(e) =>
                      update(i, {
                        onOpen: e.currentTarget.checked || undefined,
                      })}
                  />
                  on open
                </label>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Delete preset ${preset.name}`}
                  onClick={() => update(i, null)}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form class="row" onSubmit={save}>
        <label class="grow">
          Preset name
          <input
            name="preset-name"
            value={name}
            maxLength={40}
            aria-invalid={saveProblem.value !== ""}
            aria-describedby="preset-hint"
            onInput={(e) => {
              name.value = e.currentTarget.value;
              saveProblem.value = "";
            }}
          />
        </label>
        <button type="submit" class="secondary">Save message as preset</button>
      </form>
      <p
        id="preset-hint"
        class={saveProblem.value || props.problem ? "problem" : "hint"}
        role="status"
      >
        {saveProblem.value || props.problem ||
          "Saves the composer's message; on open sends it whenever a socket opens."}
      </p>
    </div>
  );
}
