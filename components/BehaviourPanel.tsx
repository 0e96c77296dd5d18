import type { Signal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import {
  BEHAVIOUR_DEFAULTS,
  type BehaviourParam,
  behaviourProblems,
  type BehaviourValues,
  readBehaviours,
  withBehaviour,
} from "../client/behaviour_url.ts";

/** Props of {@linkcode BehaviourPanel}. */
export interface BehaviourPanelProps {
  /** The URL the client connects to; the panel reads and writes its query. */
  url: Signal<string>;
}

/**
 * The server's behaviours as controls: each writes its query parameter into
 * the URL the client connects to, and shows what the URL asks for now, so
 * the learner sees the query string without typing it. Loaded on demand.
 */
export function BehaviourPanel({ url }: BehaviourPanelProps) {
  const values = readBehaviours(url.value);
  if (values === null) {
    return <p class="hint">Enter a ws: or wss: URL above to choose these.</p>;
  }
  const problems = behaviourProblems(values);
  const set = (name: BehaviourParam, value: string | null) =>
    url.value = withBehaviour(url.value, name, value);
  const field = (
    name: BehaviourParam,
    label: string,
    size: number,
    optional = false,
  ) => (
    <Field
      name={name}
      label={label}
      size={size}
      value={values[name] ?? ""}
      problem={problems[name]}
      // An optional field left empty is no parameter: the server's default.
      onInput={(value) => set(name, optional && value === "" ? null : value)}
    />
  );
  const row = { values, set };
  return (
    <div class="behaviours">
      <p class="hint">
        This server also answers these query parameters on its echo paths
        (<code>/api/ws</code> and{" "}
        <code>/</code>); other servers ignore them or refuse. Each choice writes
        its parameter into the URL above: connect to see it in the log and on
        the timeline.
      </p>
      <Behaviour
        {...row}
        name="delay"
        label="Delay each echo"
        explain={
          <>
            <code>?delay=MS</code>: each echo leaves that long after its message
            arrived, in order. A slow server: RTTs grow by the delay.
          </>
        }
      >
        {field("delay", "Delay (ms)", 6)}
      </Behaviour>
      <Behaviour
        {...row}
        name="status"
        label="Refuse the handshake"
        explain={
          <>
            <code>?status=CODE</code>: nothing is upgraded. The browser reports
            only <code>error</code>{" "}
            and close 1006, so the page then fetches the same URL with a plain
            GET and logs the status and body.
          </>
        }
      >
        {field("status", "HTTP status", 4)}
      </Behaviour>
      <Behaviour
        {...row}
        name="close"
        label="Close from the server"
        explain={
          <>
            <code>?close=CODE&after=N&reason=TEXT</code>: after N echoes the
            server starts the closing handshake; watch 2 CLOSING and the code.
          </>
        }
      >
        {field("close", "Server close code", 5)}
        {field("after", "After N echoes", 5, true)}
        {field("reason", "Server close reason", 14, true)}
      </Behaviour>
      <Behaviour
        {...row}
        name="push"
        label="Push messages"
        explain={
          <>
            <code>?push=MS&count=N</code>: the server talks first with{" "}
            <code>{'{"push":N,"time":…}'}</code>, labelled push in the log and
            never matched to a send for RTT.
          </>
        }
      >
        {field("push", "Every (ms)", 6)}
        {field("count", "Count (empty: no end)", 6, true)}
      </Behaviour>
      <Behaviour
        {...row}
        name="handshake"
        label="Report the handshake"
        explain={
          <>
            <code>?handshake=1</code>: the first message is the opening request
            as the server saw it; the Handshake panel lists its headers.
          </>
        }
      />
    </div>
  );
}

/** One behaviour: a switch for its parameter, then its fields when on. */
function Behaviour(
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
function Field(
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
          inputMode={name === "reason" ? undefined : "numeric"}
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
