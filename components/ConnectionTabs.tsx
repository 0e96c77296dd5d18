import { batch, type Signal, useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import {
  Connection,
  type ConnectionSnapshot,
  type MessageData,
} from "../client/connection.ts";
import {
  type ConnectionItem,
  ConnectionList,
} from "../client/connection_list.ts";
import { defaultSocketUrl, READY_STATE_NAMES } from "../client/event_log.ts";
import type { LinkConnections } from "../client/link_connections.ts";
import type { ReadAs } from "../client/read_as.ts";
import { explainRefusals } from "../client/refusal.ts";
import { connectionsNamed } from "../client/script_tabs.ts";
import { registerTabs } from "./tabs_registry.ts";

/** Sends one message on whichever sockets it chooses; whether any sent it. */
export type SendVia = (data: MessageData, readAs?: ReadAs) => boolean;

/** Props of {@linkcode ConnectionTabs}. */
export interface ConnectionTabsProps {
  /** The connection the page's controls act on; switching sets it. */
  current: Signal<Connection>;
  /** The connect form's fields, which hold the selected connection's. */
  url: Signal<string>;
  protocols: Signal<string>;
  reconnect: Signal<boolean>;
  /** Where every connection is published, for the log, timeline and link. */
  items: Signal<readonly ConnectionItem[]>;
  /** Sends the composer's message through `via`. */
  onSend: (via: SendVia) => void;
  /** A link's connections to start from, instead of adding B. */
  saved?: LinkConnections;
}

/**
 * A connection's state in words, as the tabs show it: its readyState, or
 * "reconnecting" while a retry waits, which a closed socket alone hides.
 */
function stateWord({ readyState, retry }: ConnectionSnapshot): string {
  if (retry !== null) return "reconnecting";
  return readyState === null
    ? "no socket"
    : READY_STATE_NAMES[readyState].toLowerCase();
}

/**
 * Several connections as ARIA tabs: each tab shows a connection's name,
 * colour and readyState; the selected one's name, duplicate and remove sit
 * in its panel with "Send to all open". Mounted by the first "Add
 * connection", which it performs: the page's connection becomes A, and B
 * is added and selected; or by a link (or a script's actors), whose
 * connections it makes, the page's first, connecting none.
 */
export function ConnectionTabs(props: ConnectionTabsProps) {
  const { current, url, protocols, reconnect } = props;
  const first = useMemo(() => current.peek(), []);
  const list = useMemo(() => {
    let given = false;
    const fields = { url: url.peek(), protocols: protocols.peek() };
    return new ConnectionList(
      props.saved?.items[0] ?? { ...fields, reconnect: first.reconnect },
      {
        createConnection: () =>
          given ? new Connection() : (given = true, first),
      },
    );
  }, []);
  const items = useSignal<readonly ConnectionItem[]>(list.items);
  const selected = useSignal(list.selected);
  const states = useSignal<ReadonlyMap<number, string>>(new Map());
  const problem = useSignal("");
  const tabs = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const watched = new Map<number, () => void>();
    const readStates = () => {
      const next = new Map(
        list.items.map((i) =>
          [i.id, stateWord(i.connection.snapshot)] as const
        ),
      );
      const old = states.peek();
      const same = next.size === old.size &&
        [...next].every(([id, s]) => old.get(id) === s);
      if (!same) states.value = next;
    };
    // Each added socket gets what the page gives its first one.
    const watch = () => {
      for (const item of list.items) {
        if (watched.has(item.id)) continue;
        const off = [item.connection.subscribe(readStates)];
        if (item.connection !== first) {
          off.push(explainRefusals(item.connection, location.origin));
        }
        watched.set(item.id, () => off.forEach((f) => f()));
      }
      for (const [id, off] of watched) {
        if (!list.items.some((i) => i.id === id)) off(), watched.delete(id);
      }
      batch(() => {
        items.value = list.items;
        props.items.value = list.items;
        selected.value = list.selected;
      });
      readStates();
    };
    const unsubscribe = list.subscribe(watch);
    const saved = props.saved;
    if (saved) {
      // The form holds the link's selected connection, not the first's.
      show(() => {
        for (const item of saved.items.slice(1, list.max)) list.add(item);
        list.select(list.items[saved.selected].id);
      });
    } else add(() => list.add(fields()));
    watch();
    // "Add connection", which had the focus, is gone: B's tab takes it.
    if (!saved) focusSelected();
    // A script's actors run on the tabs of their names.
    const unregister = registerTabs((targets) => {
      list.setFields(list.selected.id, fields());
      return connectionsNamed(list, targets);
    });
    const leave = () => {
      for (const i of list.items) i.connection.close(1000, "Page closed");
    };
    addEventListener("pagehide", leave);
    return () => {
      unregister();
      unsubscribe();
      removeEventListener("pagehide", leave);
      for (const off of watched.values()) off();
      for (const i of list.items) {
        if (i.connection !== first) i.connection.dispose();
      }
    };
  }, []);

  function fields() {
    return {
      url: url.peek(),
      protocols: protocols.peek(),
      reconnect: reconnect.peek(),
    };
  }

  /** Keeps the form's fields with the connection being left, then `change`s. */
  function add(change: () => void) {
    list.setFields(list.selected.id, fields());
    show(change);
  }

  /** `change`s, then fills the form with the selected connection's fields. */
  function show(change: () => void) {
    change();
    const item = list.selected;
    problem.value = "";
    batch(() => {
      url.value = item.url;
      protocols.value = item.protocols;
      reconnect.value = item.connection.reconnect;
      current.value = item.connection;
    });
  }

  /** Focuses the selected tab; one added just now, once it is drawn. */
  function focusSelected(later = true) {
    const focus = () =>
      tabs.current?.querySelector<HTMLElement>(
        `#connection-tab-${list.selected.id}`,
      )?.focus();
    if (later) setTimeout(focus);
    else focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    let moved = false;
    add(() => moved = list.selectByKey(event.key));
    if (!moved) return;
    event.preventDefault();
    focusSelected(false);
  }

  const sel = selected.value;
  // A disabled button says nothing of why: this says it beside them and
  // as their description.
  const limit = list.canAdd ? undefined : "connection-limit";
  return (
    <section class="connections" aria-label="Connections">
      <div
        ref={tabs}
        role="tablist"
        aria-label="Connections"
        class="connection-tabs"
        onKeyDown={onKeyDown}
      >
        {items.value.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`connection-tab-${item.id}`}
            aria-selected={item.id === sel.id}
            aria-controls="connection-panel"
            tabIndex={item.id === sel.id ? 0 : -1}
            style={{ color: item.colour, borderColor: item.colour }}
            onClick={() => add(() => list.select(item.id))}
          >
            <span class="swatch" style={{ background: item.colour }} />
            {
              /* Shown cut short with an ellipsis (styles.css); the text
              stays whole, so the tab's accessible name is the full name. */
            }
            <span class="name" title={item.name}>{item.name}</span>{" "}
            <span class="tab-state" data-testid="tab-state">
              {states.value.get(item.id) ?? "no socket"}
            </span>
          </button>
        ))}
      </div>
      <div
        id="connection-panel"
        role="tabpanel"
        class="row connection-panel"
        aria-labelledby={`connection-tab-${sel.id}`}
      >
        <label>
          Name
          {
            /* Uncontrolled: the page re-renders at each flush of a busy
              socket, and a controlled value would undo what is typed
              before Enter or blur. A rename elsewhere (a link, a
              script's tab) remounts it by its key. */
          }
          <input
            key={`${sel.id}:${sel.name}`}
            name="connection-name"
            defaultValue={sel.name}
            size={16}
            onChange={(e) => {
              const error = list.rename(sel.id, e.currentTarget.value);
              problem.value = error ?? "";
              if (error) e.currentTarget.value = list.selected.name;
            }}
          />
        </label>
        <button
          type="button"
          class="secondary"
          disabled={!list.canAdd}
          aria-describedby={limit}
          onClick={() =>
            add(() =>
              list.add({ url: defaultSocketUrl(location), protocols: "" })
            )}
        >
          Add connection
        </button>
        <button
          type="button"
          class="secondary"
          disabled={!list.canAdd}
          aria-describedby={limit}
          onClick={() => add(() => list.duplicate(sel.id))}
        >
          Duplicate
        </button>
        <button
          type="button"
          class="secondary"
          disabled={items.value.length === 1}
          onClick={() => {
            add(() => list.remove(sel.id));
            // The button may now be disabled; the selected tab is at hand.
            focusSelected();
          }}
        >
          Remove
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            props.onSend((data, readAs) =>
              list.items.filter((i) => i.connection.send(data, readAs))
                .length > 0
            )}
        >
          Send to all open
        </button>
        {limit && <p id={limit} class="hint">At most {list.max} connections</p>}
        <p class="problem" role="alert">{problem.value}</p>
      </div>
    </section>
  );
}
