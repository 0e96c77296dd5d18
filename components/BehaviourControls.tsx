/**
 * The controls of the Server behaviour panel: a behaviour's switch, a
 * parameter's field and a modifier's switch, each showing the server's words
 * when the value is wrong.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import {
  BEHAVIOUR_DEFAULTS,
  type BehaviourParam,
  type BehaviourValues,
} from "../client/behaviour_url.ts";

/** One behaviour: a switch for its parameter, then its fields when on. */
export function Behaviour(
  { name, label, values, set, explain, children }: {
    name: BehaviourParam;
    label: string;
    values: BehaviourValues;
    set: (name: BehaviourParam, value: string | null) => void;
    /** What the parameter does, shown whether it is on or not. */
    explain: ComponentChildren;
    /** The parameter's fields, shown while it is on. */
    children?: ComponentChildren;
  },
) {
  const on = values[name] !== undefined;
  return (
    <fieldset class="behaviour">
      <legend>
        <label class="check">
          <input
            type="checkbox"
            checked={on}
            onChange={(e) =>
              set(
                name,
                e.currentTarget.checked ? BEHAVIOUR_DEFAULTS[name] : null,
              )}
          />
          {label}
        </label>
      </legend>
      {on && children}
      <p class="hint explain">{explain}</p>
    </fieldset>
  );
}

/** A parameter's value as typed, with the server's words when it is wrong. */
export function Field(
  { name, label, size, value, problem, onInput }: {
    name: BehaviourParam;
    label: string;
    size: number;
    value: string;
    problem?: string;
    onInput: (value: string) => void;
  },
) {
  const id = `behaviour-${name}-problem`;
  return (
    <>
      <label>
        {label}
        <input
          name={name}
          size={size}
          inputMode={name === "reason" || name === "room"
            ? undefined
            : "numeric"}
          value={value}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? id : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </label>
      {problem && <p class="problem" id={id}>{problem}</p>}
    </>
  );
}

/** A modifier that is on or off, with the server's words when it is wrong. */
export function Switch(
  { name, label, on, problem, onChange }: {
    name: BehaviourParam;
    label: string;
    on: boolean;
    problem?: string;
    onChange: (on: boolean) => void;
  },
) {
  const id = `behaviour-${name}-problem`;
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          name={name}
          checked={on}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? id : undefined}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      {problem && <p class="problem" id={id}>{problem}</p>}
    </>
  );
}
