import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { ReadonlySignal } from "@preact/signals";
import type { Connection } from "../client/connection.ts";
import type { ConnectionItem } from "../client/connection_list.ts";
import { linkConnections } from "../client/link_connections.ts";
import { encodeSession, type Session } from "../client/session_link.ts";

/** Props of {@linkcode ShareLink}. */
export interface ShareLinkProps {
  /** The session of one connection: the form's fields, presets, script. */
  session: () => Session;
  /** Every connection once there are several, each kept in the link. */
  items: ReadonlySignal<readonly ConnectionItem[]>;
  /** The connection whose fields the form holds. */
  selected: Connection;
}

/**
 * "Copy link": the session in the URL's fragment, on the clipboard and in a
 * field to copy from by hand; with several connections, every one of them. Loaded by the first click on the page's Copy
 * link button, it copies as it mounts.
 */
export function ShareLink({ session, items, selected }: ShareLinkProps) {
  const link = useSignal("");
  const status = useSignal({ ok: true, text: "" });
  const button = useRef<HTMLButtonElement>(null);
  // This button takes the place (and the focus) of the one clicked.
  useEffect(() => {
    button.current?.focus();
    copy();
  }, []);
  async function copy() {
    let fragment: string;
    try {
      const one = session();
      const connections = linkConnections(items.value, selected, one);
      fragment = await encodeSession(
        connections ? { ...one, connections } : one,
      );
    } catch (error) {
      link.value = "";
      return void (status.value = {
        ok: false,
        text: (error as Error).message,
      });
    }
    link.value =
      `${location.origin}${location.pathname}${location.search}${fragment}`;
    try {
      await navigator.clipboard.writeText(link.value);
      status.value = {
        ok: true,
        text: `Link copied (${link.value.length} characters)`,
      };
    } catch {
      status.value = {
        ok: true,
        text: "The clipboard refused it; copy the link from the field",
      };
    }
  }
  return (
    <div class="share">
      <div class="row">
        <button ref={button} type="button" class="secondary" onClick={copy}>
          Copy link
        </button>
        <p
          class={status.value.ok ? "hint grow" : "problem grow"}
          role="status"
          data-testid="link-status"
        >
          {status.value.text}
        </p>
      </div>
      {link.value && (
        <label>
          Link to this session
          <input name="link" readOnly value={link.value} />
        </label>
      )}
    </div>
  );
}
