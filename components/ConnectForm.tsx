import type { Signal } from "@preact/signals";

/** What the connect form shows and edits. */
export interface ConnectFormProps {
  url: Signal<string>;
  protocols: Signal<string>;
  reconnect: Signal<boolean>;
  /** Recently used URLs, newest first. */
  recentUrls: readonly string[];
  /** A socket is connecting or open. */
  active: boolean;
  onConnect: (event: Event) => void;
  onDisconnect: () => void;
}

/** URL, subprotocols, the reconnect switch, and Connect or Disconnect. */
export function ConnectForm(props: ConnectFormProps) {
  const { url, protocols, reconnect } = props;
  return (
    <form class="connect" onSubmit={props.onConnect}>
      <div class="row">
        <label class="grow">
          URL
          <input
            type="url"
            name="url"
            value={url}
            list="recent-urls"
            onInput={(e) => url.value = e.currentTarget.value}
            required
            spellcheck={false}
          />
          <datalist id="recent-urls">
            {props.recentUrls.map((item) => <option key={item} value={item} />)}
          </datalist>
        </label>
        <label>
          Subprotocols
          <input
            name="protocols"
            value={protocols}
            placeholder="e.g. graphql-ws, mqtt"
            onInput={(e) => protocols.value = e.currentTarget.value}
            spellcheck={false}
          />
        </label>
        {props.active
          ? (
            // The same button becomes Connect (type submit) as the state
            // changes; cancelling the click keeps it from submitting too.
            // Keeping the element keeps focus on it.
            <button
              type="button"
              onClick={(e) => {
                e.preventDefault();
                props.onDisconnect();
              }}
            >
              Disconnect
            </button>
          )
          : <button type="submit">Connect</button>}
      </div>
      <label class="check">
        <input
          type="checkbox"
          name="reconnect"
          checked={reconnect}
          onChange={(e) => reconnect.value = e.currentTarget.checked}
        />
        Reconnect automatically when the connection drops
      </label>
    </form>
  );
}
