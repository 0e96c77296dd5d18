import type { Signal } from "@preact/signals";
import {
  type BehaviourParam,
  behaviourProblems,
  readBehaviours,
  withBehaviour,
} from "../client/behaviour_url.ts";
import { Behaviour, Field, Switch } from "./BehaviourControls.tsx";

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
      <Behaviour
        {...row}
        name="room"
        label="Join a room"
        explain={
          <>
            <code>?room=NAME</code>: what a member sends reaches every other
            member, labelled room in the log and never matched to a send for
            RTT; open this page in a second tab to be the other member.{" "}
            <code>self=0</code>: no echo of your own messages.{" "}
            <code>presence=1</code>: a notice{" "}
            <code>{'{"room":…,"event":"join",…}'}</code>{" "}
            when a member joins or leaves, labelled presence.
          </>
        }
      >
        {field("room", "Room", 16)}
        <Switch
          name="self"
          label="Receive my own messages"
          on={values.self !== "0"}
          problem={problems.self}
          onChange={(on) =>
            set("self", on ? null : "0")}
        />
        <Switch
          name="presence"
          label="Tell me who joins and leaves"
          on={values.presence !== undefined}
          problem={problems.presence}
          onChange={(on) => set("presence", on ? "1" : null)}
        />
      </Behaviour>
    </div>
  );
}
