import type { Signal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { ENTRY_KINDS, type EntryKind } from "../client/event_log.ts";
import type { LogFilter } from "../client/log_filter.ts";
import type { LogViewOptions } from "./LogEntry.tsx";
import { NumberField } from "./NumberField.tsx";
import { formatUi } from "./format_slot.ts";

/** What the log's toolbar edits and reports. */
export interface LogToolbarProps {
  filter: Signal<LogFilter>;
  view: Signal<LogViewOptions>;
  /** The cap as typed, and why it is refused ("" when it is fine). */
  cap: Signal<string>;
  capError: string;
  shown: number;
  kept: number;
  dropped: number;
  /** The filter by connection, once there are several. */
  connection?: ComponentChildren;
  onExport: () => void;
  onClear: () => void;
}

/** Search, filters, view options, export and clear for the log. */
export function LogToolbar(props: LogToolbarProps) {
  const { filter, view, cap } = props;
  const f = filter.value;
  const set = (change: Partial<LogFilter>) =>
    filter.value = { ...filter.value, ...change };
  function toggleKind(kind: EntryKind, on: boolean) {
    set({
      kinds: ENTRY_KINDS.filter((k) =>
        k === kind ? on : filter.value.kinds.includes(k)
      ),
    });
  }
  const filtered = props.shown !== props.kept;
  // With the format controls loaded, the menu lists the formats too.
  const Menu = formatUi.value?.BinaryAsMenu;
  return (
    <div class="log-tools">
      <div class="row">
        <label class="grow">
          Search the log
          <input
            type="search"
            name="search"
            value={f.search}
            onInput={(e) => set({ search: e.currentTarget.value })}
            spellcheck={false}
          />
        </label>
        <label>
          Direction
          <select
            name="direction"
            value={f.direction}
            onChange={(e) =>
              set({
                direction: e.currentTarget.value as LogFilter["direction"],
              })}
          >
            <option value="all">All</option>
            <option value="in">In</option>
            <option value="out">Out</option>
            <option value="none">State changes</option>
          </select>
        </label>
        {props.connection}
        <button type="button" class="secondary" onClick={props.onExport}>
          {filtered ? `Export ${props.shown} shown` : "Export"} as NDJSON
        </button>
        <button type="button" class="secondary" onClick={props.onClear}>
          Clear log
        </button>
      </div>
      <details class="options">
        <summary>Log options</summary>
        <fieldset>
          <legend>Event types</legend>
          {ENTRY_KINDS.map((kind) => (
            <label key={kind} class="check">
              <input
                type="checkbox"
                name={`kind-${kind}`}
                checked={f.kinds.includes(kind)}
                onChange={(e) => toggleKind(kind, e.currentTarget.checked)}
              />
              {kind}
            </label>
          ))}
        </fieldset>
        <div class="row">
          <NumberField
            label="Keep at most (entries)"
            name="cap"
            size={7}
            value={cap}
            invalid={props.capError !== ""}
            describedBy="cap-error"
          />
          <label>
            Binary as
            {Menu ? <Menu value={view} /> : (
              <select
                name="binary-as"
                value={view.value.binaryAs}
                onChange={(e) =>
                  view.value = {
                    ...view.value,
                    binaryAs: e.currentTarget
                      .value as LogViewOptions["binaryAs"],
                  }}
              >
                <option value="hex">Hex dump</option>
                <option value="text">UTF-8 text</option>
              </select>
            )}
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="pretty-json"
              checked={view.value.prettyJson}
              onChange={(e) =>
                view.value = {
                  ...view.value,
                  prettyJson: e.currentTarget.checked,
                }}
            />
            Pretty-print JSON
          </label>
        </div>
        <p id="cap-error" class="hint invalid">{props.capError}</p>
      </details>
      <p class="hint" data-testid="log-count">
        {filtered
          ? `Showing ${props.shown} of ${props.kept} entries`
          : `${props.kept} entries`}
        {props.dropped > 0 && ` · ${props.dropped} older dropped`}
      </p>
    </div>
  );
}
