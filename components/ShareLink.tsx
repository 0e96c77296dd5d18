import { useSignal } from "@preact/signals";
import type { Session } from "../client/session_link.ts";

/**
 * "Copy link": the session in the URL's fragment, on the clipboard and in a
 * field to copy from by hand. The link code loads on the first click.
 */
export function ShareLink({ session }: { session: () => Session }) {
  const link = useSignal("");
  const status = useSignal({ ok: true, text: "" });
  async function copy() {
    const { encodeSession } = await import("./session_chunk.ts");
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
        <button type="button" class="secondary" onClick={copy}>
          Copy link
        </button>
        <p
          class={status.value.ok ? "hint grow" : "problem grow"}
          role="status"
          data-testid="link-status"
        >
          {status.value.text ||
            "Connection, presets and script in a link; nothing connects until Connect."}
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
