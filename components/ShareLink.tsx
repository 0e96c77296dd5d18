import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { encodeSession, type Session } from "../client/session_link.ts";

/**
 * "Copy link": the session in the URL's fragment, on the clipboard and in a
 * field to copy from by hand. Loaded by the first click on the page's Copy
 * link button, it copies as it mounts.
 */
export function ShareLink({ session }: { session: () => Session }) {
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
      fragment = await encodeSession(session());
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
